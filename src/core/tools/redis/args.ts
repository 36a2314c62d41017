// redis-cli's command line: connection options, output mode, then the command.

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
  /** Options we accept but have no native runner for (--scan, --stat, ...). */
  unsupported: string[];
  command: string[];
}

export class RedisUsageError extends Error {}

const WITH_VALUE_UNSUPPORTED = new Set(['-s', '-r', '-i', '-d', '--pattern', '--count', '--quoted-pattern', '--rdb', '--functions-rdb', '--pipe-timeout', '--memkeys-samples', '--intrinsic-latency', '--lru-test', '--cluster-yes', '--cacert', '--cacertdir', '--cert', '--key', '--sni', '--tls-ciphers', '--tls-ciphersuites', '--replica', '--slave']);
const FLAG_UNSUPPORTED = new Set(['--scan', '--stat', '--bigkeys', '--memkeys', '--hotkeys', '--latency', '--latency-history', '--latency-dist', '--pipe', '--csv', '--json', '--quoted-json', '--eval', '--ldb', '--ldb-sync-mode', '--tls', '--insecure', '-3', '-2', '--verbose', '-D', '--show-pushes', '--quoted-input']);

export function parseRedisArgs(argv: readonly string[]): RedisArgs {
  const a: RedisArgs = { db: 0, cluster: false, exitOnError: false, noAuthWarning: false, stdinArg: false, unsupported: [], command: [] };
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
    else if (opt === '--cluster' && !last) {
      a.unsupported.push(`--cluster ${argv[i + 1]}`);
      i = argv.length;
    } else if (WITH_VALUE_UNSUPPORTED.has(opt) && !last) a.unsupported.push(`${opt} ${value()}`);
    else if (FLAG_UNSUPPORTED.has(opt)) a.unsupported.push(opt);
    else if (opt === '-v' || opt === '--version' || opt === '--help') a.unsupported.push(opt);
    else if (opt.startsWith('-')) throw new RedisUsageError(`Unrecognized option or bad number of args for: '${opt}'\n`);
    else break;
  }
  a.command = argv.slice(i);
  return a;
}

/** redis[s]://[[user]:password@]host[:port][/db], as redis-cli reads it (an empty user before ':' is still a user). */
function parseUri(uri: string, a: RedisArgs): void {
  const m = /^rediss?:\/\//i.exec(uri);
  if (!m) throw new RedisUsageError('Invalid URI scheme\n');
  let rest = uri.slice(m[0].length);
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    const info = rest.slice(0, at);
    const colon = info.indexOf(':');
    if (colon >= 0) a.user = decode(info.slice(0, colon));
    a.pass = decode(colon >= 0 ? info.slice(colon + 1) : info);
    rest = rest.slice(at + 1);
  }
  const slash = rest.indexOf('/');
  const hostPort = slash >= 0 ? rest.slice(0, slash) : rest;
  if (slash >= 0 && rest.length > slash + 1) a.db = parseInt(rest.slice(slash + 1), 10) || 0;
  const colon = hostPort.lastIndexOf(':');
  if (colon >= 0) {
    a.port = parseInt(hostPort.slice(colon + 1), 10) || 0;
    if (colon > 0) a.host = hostPort.slice(0, colon);
  } else if (hostPort) a.host = hostPort;
  a.uriHost = true;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
