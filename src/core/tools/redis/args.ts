// redis-cli's command line: connection options, output mode, then the command.

import { parseRedisUrl, RedisUrlError, type RedisUrl } from '../../connections/redis';

export interface RedisArgs {
  host?: string;
  port?: number;
  user?: string;
  pass?: string;
  db: number;
  /** Host and port came from -u. */
  uriHost?: boolean;
  raw?: boolean;
  noRaw?: boolean;
  cluster: boolean;
  exitOnError: boolean;
  noAuthWarning: boolean;
  stdinArg: boolean;
  /** Options we accept but have no native runner for (--hotkeys, --pipe, ...). */
  unsupported: string[];
  command: string[];
  /** A special mode instead of a command (--scan, --stat, --cluster, ...). */
  mode?: RedisMode;
  /** --pattern (or the unquoted --quoted-pattern), --count and --type for --scan and --bigkeys. */
  pattern?: string;
  count?: number;
  scanType?: string;
  /** -i in seconds. */
  interval?: number;
  memkeysSamples?: number;
  verbose: boolean;
  /** --cluster SUBCOMMAND ARGS... and its --cluster-* options. */
  clusterCommand?: string;
  clusterArgs: string[];
  clusterOptions: ClusterOptions;
}

export type RedisMode = 'scan' | 'bigkeys' | 'memkeys' | 'latency' | 'latency-history' | 'stat' | 'cluster';

export interface ClusterOptions {
  weights: string[];
  threshold: number;
  useEmptyMasters: boolean;
  simulate: boolean;
  yes: boolean;
  timeout: number;
  pipeline: number;
}

export class RedisUsageError extends Error {}

const WITH_VALUE_UNSUPPORTED = new Set(['-s', '-r', '-d', '--rdb', '--functions-rdb', '--pipe-timeout', '--intrinsic-latency', '--lru-test', '--cacert', '--cacertdir', '--cert', '--key', '--sni', '--tls-ciphers', '--tls-ciphersuites', '--replica', '--slave', '--cluster-replicas', '--cluster-from', '--cluster-to', '--cluster-slots', '--cluster-from-user', '--cluster-from-pass']);
const FLAG_UNSUPPORTED = new Set(['--hotkeys', '--latency-dist', '--pipe', '--csv', '--json', '--quoted-json', '--eval', '--ldb', '--ldb-sync-mode', '--tls', '--insecure', '-3', '-2', '-D', '--show-pushes', '--quoted-input', '--cluster-replace', '--cluster-copy', '--cluster-search-multiple-owners', '--cluster-fix-with-unreachable-masters', '--cluster-only-masters', '--cluster-only-replicas', '--cluster-from-askpass']);
const MODES: Record<string, RedisMode> = { '--scan': 'scan', '--bigkeys': 'bigkeys', '--memkeys': 'memkeys', '--latency': 'latency', '--latency-history': 'latency-history', '--stat': 'stat' };

export function parseRedisArgs(argv: readonly string[]): RedisArgs {
  const a: RedisArgs = {
    db: 0, cluster: false, exitOnError: false, noAuthWarning: false, stdinArg: false, unsupported: [], command: [], verbose: false, clusterArgs: [],
    clusterOptions: { weights: [], threshold: 2, useEmptyMasters: false, simulate: false, yes: false, timeout: 60_000, pipeline: 10 },
  };
  let i = 1;
  for (; i < argv.length; i++) {
    const opt = argv[i];
    const last = i === argv.length - 1;
    const value = () => argv[++i];
    if (opt === '-h' && !last) a.host = value();
    else if (opt === '-p' && !last) a.port = parseInt(value(), 10) || 0;
    else if (opt === '-a' && !last) a.pass = value();
    else if (opt === '--pass' && !last) a.pass = value();
    else if (opt === '--user' && !last) a.user = value();
    else if (opt === '--askpass') a.unsupported.push(opt);
    else if (opt === '-n' && !last) a.db = parseInt(value(), 10) || 0;
    else if (opt === '-u' && !last) parseUri(value(), a);
    else if (opt === '-c') a.cluster = true;
    else if (opt === '-e') a.exitOnError = true;
    else if (opt === '-x') a.stdinArg = true;
    else if (opt === '--raw') a.raw = true;
    else if (opt === '--no-raw') a.noRaw = true;
    else if (opt === '--no-auth-warning') a.noAuthWarning = true;
    else if (MODES[opt]) {
      // --latency-history implies --latency; the other modes do not combine.
      if (!(a.mode === 'latency-history' && opt === '--latency')) a.mode = MODES[opt];
    } else if (opt === '--pattern' && !last) a.pattern = value();
    else if (opt === '--quoted-pattern' && !last) a.pattern = unquote(value()!);
    else if (opt === '--count' && !last) a.count = parseInt(value()!, 10) || 0;
    else if (opt === '--type' && !last) a.scanType = value();
    else if (opt === '-i' && !last) a.interval = parseFloat(value()!) || 0;
    else if (opt === '--memkeys-samples' && !last) {
      a.memkeysSamples = parseInt(value()!, 10) || 0;
      a.mode = 'memkeys';
    } else if (opt === '--verbose') a.verbose = true;
    else if (opt === '--cluster' && !last) {
      if (a.clusterCommand !== undefined) throw new RedisUsageError(`Unrecognized option or bad number of args for: '${opt}'\n`);
      a.mode = 'cluster';
      a.clusterCommand = value()!.toLowerCase();
      while (i + 1 < argv.length && !argv[i + 1]!.startsWith('-')) a.clusterArgs.push(argv[++i]!);
    } else if (opt === '--cluster-weight' && !last) {
      while (i + 1 < argv.length && !argv[i + 1]!.startsWith('--') && argv[i + 1]!.includes('=')) a.clusterOptions.weights.push(argv[++i]!);
    } else if (opt === '--cluster-threshold' && !last) a.clusterOptions.threshold = Math.fround(parseFloat(value()!) || 0);
    else if (opt === '--cluster-use-empty-masters') a.clusterOptions.useEmptyMasters = true;
    else if (opt === '--cluster-simulate') a.clusterOptions.simulate = true;
    else if (opt === '--cluster-yes') a.clusterOptions.yes = true;
    else if (opt === '--cluster-timeout' && !last) a.clusterOptions.timeout = parseInt(value()!, 10) || 0;
    else if (opt === '--cluster-pipeline' && !last) a.clusterOptions.pipeline = parseInt(value()!, 10) || 0;
    else if (WITH_VALUE_UNSUPPORTED.has(opt) && !last) a.unsupported.push(`${opt} ${value()}`);
    else if (FLAG_UNSUPPORTED.has(opt)) a.unsupported.push(opt);
    else if (opt === '-v' || opt === '--version' || opt === '--help') a.unsupported.push(opt);
    else if (opt.startsWith('-')) throw new RedisUsageError(`Unrecognized option or bad number of args for: '${opt}'\n`);
    else break;
  }
  a.command = argv.slice(i);
  return a;
}

/** --quoted-pattern: a pattern written as a quoted string with escapes (`"a\\x00*"`). */
function unquote(text: string): string {
  const m = /^"(.*)"$/s.exec(text) ?? /^'(.*)'$/s.exec(text);
  if (!m) return text;
  return m[1]!.replace(/\\(x[0-9a-fA-F]{2}|.)/g, (_, e: string) => {
    if (e[0] === 'x' && e.length === 3) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: '\n', r: '\r', t: '\t', b: '\b', a: '\x07' } as Record<string, string>)[e] ?? e;
  });
}

/** -u: the URL's parts over what came before it. */
function parseUri(uri: string, a: RedisArgs): void {
  let url: RedisUrl;
  try {
    url = parseRedisUrl(uri);
  } catch (error) {
    if (error instanceof RedisUrlError) throw new RedisUsageError(`${error.message}\n`);
    throw error;
  }
  for (const [key, value] of Object.entries(url)) if (value !== undefined) Object.assign(a, { [key]: value });
  a.uriHost = true;
}
