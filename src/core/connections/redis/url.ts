// Redis URLs (`redis[s]://[[user]:password@]host[:port][/db]`) read as
// redis-cli -u reads them: REDIS_URL, REDIS_CLUSTER_URL and -u all go here.

export class RedisUrlError extends Error {}

/** The parts a URL gives; a part it leaves out is absent (an empty user before ':' is still a user). */
export interface RedisUrl {
  host?: string;
  port?: number;
  user?: string;
  pass?: string;
  db?: number;
}

export function parseRedisUrl(uri: string): RedisUrl {
  const m = /^rediss?:\/\//i.exec(uri);
  if (!m) throw new RedisUrlError('Invalid URI scheme');
  const out: RedisUrl = {};
  let rest = uri.slice(m[0].length);
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    const info = rest.slice(0, at);
    const colon = info.indexOf(':');
    if (colon >= 0) out.user = decode(info.slice(0, colon));
    out.pass = decode(colon >= 0 ? info.slice(colon + 1) : info);
    rest = rest.slice(at + 1);
  }
  const slash = rest.indexOf('/');
  const hostPort = slash >= 0 ? rest.slice(0, slash) : rest;
  if (slash >= 0 && rest.length > slash + 1) out.db = parseInt(rest.slice(slash + 1), 10) || 0;
  const colon = hostPort.lastIndexOf(':');
  if (colon >= 0) {
    out.port = parseInt(hostPort.slice(colon + 1), 10) || 0;
    if (colon > 0) out.host = hostPort.slice(0, colon);
  } else if (hostPort) out.host = hostPort;
  return out;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
