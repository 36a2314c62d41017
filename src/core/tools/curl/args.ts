// curl's command line: the flags runbooks use, parsed the way curl parses
// them (short flags may be bundled, `-sS`, `-XPOST`; long flags take `--x v`
// and may be shortened while still unambiguous, `--max-tim 5`). Any other
// option of curl's is read past and named, so the line runs in a terminal.

import { CURL_OPTIONS, CURL_SHORT } from './options';

export class CurlUsageError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

export interface CurlOptions {
  urls: string[];
  silent: boolean;
  showError: boolean;
  output?: string;
  writeOut?: string;
  head: boolean;
  include: boolean;
  method?: string;
  headers: string[];
  data: string[];
  location: boolean;
  maxRedirs: number;
  insecure: boolean;
  cacert?: string;
  resolve: string[];
  connectTo: string[];
  maxTimeSeconds?: number;
  connectTimeoutSeconds?: number;
  fail: boolean;
  user?: string;
  verbose: boolean;
  /** The first option curl has that this runner does not (`--compressed`): the line needs the real curl. */
  unsupported?: string;
}

type Kind = 'bool' | 'string';
interface FlagSpec {
  kind: Kind;
  apply(o: CurlOptions, value: string): void;
}

const bool = (apply: (o: CurlOptions) => void): FlagSpec => ({ kind: 'bool', apply: (o) => apply(o) });
const str = (apply: (o: CurlOptions, v: string) => void): FlagSpec => ({ kind: 'string', apply });

function seconds(flag: string, v: string): number {
  const n = Number(v);
  if (!/^\d*\.?\d+$/.test(v.trim()) || !Number.isFinite(n)) throw new CurlUsageError(`curl: option ${flag}: expected a proper numerical parameter`);
  return n;
}

const LONG: Record<string, FlagSpec> = {
  silent: bool((o) => (o.silent = true)),
  'show-error': bool((o) => (o.showError = true)),
  output: str((o, v) => (o.output = v)),
  'write-out': str((o, v) => (o.writeOut = v)),
  head: bool((o) => (o.head = true)),
  include: bool((o) => (o.include = true)),
  request: str((o, v) => (o.method = v)),
  header: str((o, v) => o.headers.push(v)),
  data: str((o, v) => o.data.push(v)),
  'data-ascii': str((o, v) => o.data.push(v)),
  'data-raw': str((o, v) => o.data.push(`\0raw${v}`)),
  'data-binary': str((o, v) => o.data.push(`\0bin${v}`)),
  location: bool((o) => (o.location = true)),
  'max-redirs': str((o, v) => (o.maxRedirs = Number(v))),
  insecure: bool((o) => (o.insecure = true)),
  cacert: str((o, v) => (o.cacert = v)),
  resolve: str((o, v) => o.resolve.push(v)),
  'connect-to': str((o, v) => o.connectTo.push(v)),
  'max-time': str((o, v) => (o.maxTimeSeconds = seconds('--max-time', v))),
  'connect-timeout': str((o, v) => (o.connectTimeoutSeconds = seconds('--connect-timeout', v))),
  fail: bool((o) => (o.fail = true)),
  user: str((o, v) => (o.user = v)),
  verbose: bool((o) => (o.verbose = true)),
  url: str((o, v) => o.urls.push(v)),
};

const TRY = "curl: try 'curl --help' or 'curl --manual' for more information";

/**
 * curl's lookup of a long option: the name typed (in any case), else the one
 * name it begins. `--no-NAME` needs a switch's whole name.
 */
function resolveLong(word: string): { name: string; negated: boolean } {
  const negated = word.startsWith('--no-');
  const typed = word.slice(negated ? 5 : 2).toLowerCase();
  const names = [...CURL_OPTIONS.keys()];
  const exact = names.find((name) => name === typed);
  const hits = exact ? [exact] : negated ? [] : names.filter((name) => name.startsWith(typed));
  if (hits.length > 1) throw new CurlUsageError(`curl: option ${word}: is ambiguous\n${TRY}`);
  if (hits.length === 0) throw new CurlUsageError(`curl: option ${word}: is unknown\n${TRY}`);
  if (negated && CURL_OPTIONS.get(hits[0]) !== 'switch') throw new CurlUsageError(`curl: option ${word}: used '--no-' for option that isn't a boolean\n${TRY}`);
  return { name: hits[0], negated };
}

/** Parses argv (argv[0] is the program name). Throws CurlUsageError with curl's message and exit code 2. */
export function parseCurlArgs(argv: readonly string[]): CurlOptions {
  const o: CurlOptions = {
    urls: [], silent: false, showError: false, head: false, include: false, headers: [], data: [],
    location: false, maxRedirs: 50, insecure: false, resolve: [], connectTo: [], fail: false, verbose: false,
  };
  const args = argv.slice(1);
  let onlyUrls = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    const next = (flag: string): string => {
      if (i + 1 >= args.length) throw new CurlUsageError(`curl: option ${flag}: requires parameter\n${TRY}`);
      return args[++i];
    };
    if (onlyUrls || !word.startsWith('-') || word === '-') {
      o.urls.push(word);
    } else if (word === '--') {
      onlyUrls = true;
    } else if (word.startsWith('--')) {
      const { name, negated } = resolveLong(word);
      const spec = LONG[name];
      if (!spec) {
        o.unsupported ??= word;
        if (CURL_OPTIONS.get(name) === 'value') next(word);
        continue;
      }
      if (negated) continue; // --no-x: back to the default (all our booleans default off)
      spec.apply(o, spec.kind === 'string' ? next(word) : '');
    } else {
      for (let j = 1; j < word.length; j++) {
        const long = CURL_SHORT[word[j]];
        if (!long) throw new CurlUsageError(`curl: option ${word}: is unknown\n${TRY}`);
        const spec = LONG[long];
        if (!spec) o.unsupported ??= `-${word[j]}`;
        if (CURL_OPTIONS.get(long) !== 'value') {
          spec?.apply(o, '');
          continue;
        }
        const rest = word.slice(j + 1);
        const value = rest !== '' ? rest : next(word);
        spec?.apply(o, value);
        break;
      }
    }
  }
  if (o.urls.length === 0 && !o.unsupported) throw new CurlUsageError(`curl: no URL specified!\n${TRY}`);
  return o;
}

/** The method the request starts with: -X, else HEAD for -I, POST for -d, GET. */
export function requestMethod(o: CurlOptions): string {
  if (o.method) return o.method;
  if (o.head) return 'HEAD';
  return o.data.length ? 'POST' : 'GET';
}
