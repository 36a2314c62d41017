// The aws command line: global options (accepted anywhere in the line, as
// aws-cli's parser does), the service and operation, and a small flag parser
// the command tables share.

/** Global options as typed, before the environment and config files are consulted. */
import { closeMatches } from './choices/closeMatches';
import { pyRepr } from './output/pyStr';

export interface AwsGlobalFlags {
  profile?: string;
  region?: string;
  endpointUrl?: string;
  output?: string;
  query?: string;
  noVerifySsl: boolean;
  noPaginate: boolean;
  noSignRequest: boolean;
  debug: boolean;
  noCliPager: boolean;
  caBundle?: string;
  color?: string;
  readTimeout?: string;
  connectTimeout?: string;
}

export interface AwsArgs {
  globals: AwsGlobalFlags;
  /** `s3`, `s3api`, `cloudfront`, `ec2`, ... (undefined: `aws` alone or only options). */
  service?: string;
  operation?: string;
  /** The words after the operation, global options removed. */
  rest: string[];
  /** `aws --version`. */
  version: boolean;
}

export class AwsUsageError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

const GLOBAL_VALUES: Record<string, keyof AwsGlobalFlags> = {
  '--profile': 'profile',
  '--region': 'region',
  '--endpoint-url': 'endpointUrl',
  '--output': 'output',
  '--query': 'query',
  '--ca-bundle': 'caBundle',
  '--color': 'color',
  '--cli-read-timeout': 'readTimeout',
  '--cli-connect-timeout': 'connectTimeout',
};

const GLOBAL_SWITCHES: Record<string, keyof AwsGlobalFlags> = {
  '--no-verify-ssl': 'noVerifySsl',
  '--no-paginate': 'noPaginate',
  '--no-sign-request': 'noSignRequest',
  '--debug': 'debug',
  // aws-cli v2's; v1 rejects it, runbooks written for v2 use it, and a cell has no pager anyway.
  '--no-cli-pager': 'noCliPager',
};

export const OUTPUT_CHOICES = ['json', 'text', 'table', 'yaml', 'yaml-stream'];
/** aws-cli 1.x's own choices, which its error lists; the yaml forms are v2's, accepted for runbooks written for v2. */
const V1_OUTPUT_CHOICES = ['json', 'text', 'table'];

const V2_NOTE =
  'Note: AWS CLI version 2, the latest major version of the AWS CLI, is now stable and recommended for general use. ' +
  'For more information, see the AWS CLI version 2 installation instructions at: https://docs.aws.amazon.com/cli/latest/userguide/install-cliv2.html';

/** aws-cli v1's argparse usage error, exit code 2 (v2 uses 252), with the v1 notice it prints first. */
export function usageError(message: string): AwsUsageError {
  return new AwsUsageError(
    `usage: \r${V2_NOTE}\n\n` +
      'usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\n' +
      'To see help text, you can run:\n\n  aws help\n  aws <command> help\n  aws <command> <subcommand> help\n' +
      `aws: error: ${message}\n`,
    2,
  );
}

/** argv[0] is the program name. Global options are taken out wherever they are. */
export function parseAwsArgs(argv: readonly string[]): AwsArgs {
  const globals: AwsGlobalFlags = { noVerifySsl: false, noPaginate: false, noSignRequest: false, debug: false, noCliPager: false };
  const positional: string[] = [];
  const early: string[] = [];
  let version = false;
  const words = argv.slice(1);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const eq = word.startsWith('--') ? word.indexOf('=') : -1;
    const name = eq > 0 ? word.slice(0, eq) : word;
    const valueKey = GLOBAL_VALUES[name];
    if (valueKey) {
      let value: string | undefined;
      if (eq > 0) value = word.slice(eq + 1);
      else {
        value = words[i + 1];
        if (value === undefined) throw usageError(`argument ${name}: expected one argument`);
        i++;
      }
      if (valueKey === 'output' && !OUTPUT_CHOICES.includes(value)) {
        throw invalidChoice('--output', value, V1_OUTPUT_CHOICES);
      }
      (globals as unknown as Record<string, string>)[valueKey] = value;
      continue;
    }
    const switchKey = GLOBAL_SWITCHES[word];
    if (switchKey) {
      (globals as unknown as Record<string, boolean>)[switchKey] = true;
      continue;
    }
    if (word === '--version' && positional.length === 0) {
      version = true;
      continue;
    }
    // An unknown option before the service goes to the command, which reports it (argparse keeps it for later).
    if (word.startsWith('--') && positional.length === 0) early.push(word);
    else positional.push(word);
  }
  const [service, operation, ...rest] = positional;
  if (service === undefined) positional.push(...early);
  else rest.push(...early);
  const first = positional[0];
  return { globals, service: first?.startsWith('-') ? undefined : first, operation, rest, version };
}

/** argparse's error for a word not among an argument's choices, with aws-cli's "maybe you meant" (similarity 0.8 or more). */
export function invalidChoice(argument: string, value: string, choices: readonly string[]): AwsUsageError {
  const close = closeMatches(value, choices, 3, 0.8);
  const hint = close.length ? `\n\n\nInvalid choice: ${pyRepr(value)}, maybe you meant:\n\n${close.map((name) => `  * ${name}`).join('\n')}` : '';
  return usageError(`argument ${argument}: Invalid choice, valid choices are:\n\n${formatChoices(choices)}${hint}`);
}

/** argparse's two-column "Invalid choice" table. */
export function formatChoices(choices: readonly string[]): string {
  const lines: string[] = [];
  for (let i = 0; i < choices.length; i += 2) {
    const left = choices[i]!.padEnd(40, ' ');
    const right = choices[i + 1];
    lines.push(right === undefined ? left : `${left} | ${right.padEnd(40, ' ')}`);
  }
  return lines.join('\n');
}

export type FlagKind = 'switch' | 'value' | 'list';

export interface ParsedFlags {
  positionals: string[];
  values: Map<string, string>;
  lists: Map<string, string[]>;
  switches: Set<string>;
  /** Flags in the order given, with their values (`--exclude`/`--include` order matters). */
  ordered: Array<{ name: string; value?: string }>;
  unknown: string[];
}

/**
 * Parses a command's own flags after the operation: `--name value`,
 * `--name=value` and switches; anything else starting with `--` is unknown
 * (aws-cli: "Unknown options: ..."). A word after `--` is positional.
 */
export function parseFlags(words: readonly string[], spec: Readonly<Record<string, FlagKind>>): ParsedFlags {
  const out: ParsedFlags = { positionals: [], values: new Map(), lists: new Map(), switches: new Set(), ordered: [], unknown: [] };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith('--') || word === '--' || word === '-') {
      out.positionals.push(word);
      continue;
    }
    const eq = word.indexOf('=');
    const name = eq > 0 ? word.slice(0, eq) : word;
    const kind = spec[name];
    if (!kind) {
      out.unknown.push(word);
      continue;
    }
    if (kind === 'switch') {
      out.switches.add(name);
      out.ordered.push({ name });
      continue;
    }
    let value: string;
    if (eq > 0) value = word.slice(eq + 1);
    else {
      const next = words[i + 1];
      if (next === undefined) throw usageError(`argument ${name}: expected one argument`);
      value = next;
      i++;
    }
    out.ordered.push({ name, value });
    if (kind === 'value') out.values.set(name, value);
    else out.lists.set(name, [...(out.lists.get(name) ?? []), value]);
  }
  return out;
}
