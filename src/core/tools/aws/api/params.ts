// An operation's arguments as aws-cli names them (`--bucket`, `--max-keys`,
// `--if-match`), parsed into the SDK request. Structures take JSON, a
// `file://` path (relative to the runbook's folder) or simple shorthand
// (`a=1,b=2`); blobs such as put-object's --body take a file path.

import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { AwsUsageError, parseFlags, usageError, type FlagKind } from '../args';

export type ParamType = 'string' | 'integer' | 'boolean' | 'structure' | 'map' | 'list' | 'blob' | 'timestamp';

export interface ParamSpec {
  /** The request member (`Bucket`). */
  member: string;
  type: ParamType;
  required?: boolean;
}

/** Flag name (`--bucket`) to its member. Booleans also get `--no-NAME`. */
export type ParamTable = Readonly<Record<string, ParamSpec>>;

export interface ParsedParams {
  request: Record<string, unknown>;
  /** --max-items, --page-size, --starting-token when the operation pages. */
  paging: { maxItems?: number; pageSize?: number; startingToken?: string };
  positionals: string[];
  /** Request members the user gave (pagination turns off when a token or limit is given by hand). */
  given: Set<string>;
}

export class ParamError extends AwsUsageError {
  constructor(flag: string, message: string) {
    super(`\nError parsing parameter '${flag}': ${message}\n`, 255);
  }
}

const PAGING_FLAGS: Record<string, FlagKind> = { '--max-items': 'value', '--page-size': 'value', '--starting-token': 'value' };

export interface ParseOptions {
  cwd: string;
  paginated: boolean;
  /** Names of positional arguments, in order (`outfile`). */
  positionals?: readonly string[];
}

/** The words as aws-cli's argument parser reads them; throws its usage error (a required argument missing, an unknown option). Needs no file and no server. */
export function checkParams(words: readonly string[], table: ParamTable, options: Omit<ParseOptions, 'cwd'>): ReturnType<typeof parseFlags> {
  const spec: Record<string, FlagKind> = {};
  for (const [flag, p] of Object.entries(table)) {
    if (p.type === 'boolean') {
      spec[flag] = 'switch';
      spec[`--no-${flag.slice(2)}`] = 'switch';
    } else spec[flag] = p.type === 'list' ? 'list' : 'value';
  }
  if (options.paginated) Object.assign(spec, PAGING_FLAGS);
  const flags = parseFlags(gatherLists(words, table), spec);
  const names = options.positionals ?? [];
  const unknown = [...flags.unknown, ...flags.positionals.slice(names.length)];
  const missing = Object.entries(table).filter(([flag, p]) => p.required && !flags.values.has(flag) && !flags.lists.has(flag)).map(([flag]) => flag);
  missing.push(...names.slice(flags.positionals.length));
  if (missing.length) throw usageError(`the following arguments are required: ${missing.join(', ')}`);
  if (unknown.length) throw unknownOptions(unknown);
  return flags;
}

export async function parseParams(words: readonly string[], table: ParamTable, options: ParseOptions): Promise<ParsedParams> {
  const flags = checkParams(words, table, options);
  const request: Record<string, unknown> = {};
  const given = new Set<string>();
  for (const [flag, p] of Object.entries(table)) {
    if (p.type === 'boolean') {
      if (flags.switches.has(flag)) request[p.member] = true;
      else if (flags.switches.has(`--no-${flag.slice(2)}`)) request[p.member] = false;
      else continue;
    } else if (p.type === 'list') {
      const values = flags.lists.get(flag);
      if (!values) continue;
      request[p.member] = values;
    } else {
      const raw = flags.values.get(flag);
      if (raw === undefined) continue;
      request[p.member] = await convert(flag, p, raw, options.cwd);
    }
    given.add(p.member);
  }
  const paging: ParsedParams['paging'] = {};
  const maxItems = flags.values.get('--max-items');
  const pageSize = flags.values.get('--page-size');
  if (maxItems !== undefined) paging.maxItems = integer('--max-items', maxItems);
  if (pageSize !== undefined) paging.pageSize = integer('--page-size', pageSize);
  const starting = flags.values.get('--starting-token');
  if (starting !== undefined) paging.startingToken = starting;
  return { request, paging, positionals: flags.positionals, given };
}

/** `--paths /a /b` (nargs='+') becomes one word per value for the list parser. */
function gatherLists(words: readonly string[], table: ParamTable): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    out.push(word);
    if (table[word]?.type !== 'list') continue;
    while (i + 1 < words.length && !words[i + 1]!.startsWith('--')) {
      out.push(words[++i]!);
      if (i + 1 < words.length && !words[i + 1]!.startsWith('--')) out.push(word);
    }
  }
  return out;
}

/** aws-cli prints its usage lines, then the words it did not recognise (exit status 255). */
function unknownOptions(words: readonly string[]): AwsUsageError {
  const usage = usageError('').message.replace(/aws: error: \n$/, '');
  return new AwsUsageError(`${usage}\nUnknown options: ${words.join(', ')}\n`, 255);
}

function integer(flag: string, raw: string): number {
  if (!/^[-+]?\d+$/.test(raw.trim())) throw usageError(`argument ${flag}: invalid int value: '${raw}'`);
  return Number(raw);
}

/** A `file://` or `fileb://` value's contents, as aws-cli's paramfile handling loads them. */
export async function loadParamFile(flag: string, raw: string, cwd: string): Promise<string> {
  for (const prefix of ['file://', 'fileb://']) {
    if (!raw.startsWith(prefix)) continue;
    const path = raw.slice(prefix.length);
    const full = isAbsolute(path) ? path : resolve(cwd, path);
    try {
      return await readFile(full, 'utf8');
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      const reason = e.code === 'ENOENT' ? `[Errno 2] No such file or directory: '${path}'` : e.message;
      throw new ParamError(flag, `Unable to load paramfile ${raw}: ${reason}`);
    }
  }
  return raw;
}

async function convert(flag: string, p: ParamSpec, raw: string, cwd: string): Promise<unknown> {
  switch (p.type) {
    case 'integer':
      return integer(flag, raw);
    case 'timestamp':
      return new Date(raw);
    case 'blob': {
      const full = isAbsolute(raw) ? raw : resolve(cwd, raw);
      try {
        return await readFile(full);
      } catch {
        throw new ParamError(flag, 'Blob values must be a path to a file.');
      }
    }
    case 'structure':
    case 'map': {
      const text = (await loadParamFile(flag, raw, cwd)).trim();
      if (text.startsWith('{') || text.startsWith('[')) {
        try {
          return JSON.parse(text) as unknown;
        } catch (err) {
          throw new ParamError(flag, `Invalid JSON: ${(err as Error).message}\nJSON received: ${text}`);
        }
      }
      return shorthand(text);
    }
    default:
      return loadParamFile(flag, raw, cwd);
  }
}

/** The simple form of aws-cli shorthand: `k=v,k2=v2` (no nesting). */
function shorthand(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1);
  }
  return out;
}
