// Connection strings as libpq reads them: `postgresql://user:pw@host:port/db?k=v`
// URIs and `host=... dbname=...` keyword/value strings.

export class ConninfoError extends Error {}

export const CONNINFO_KEYS = new Set([
  'host', 'hostaddr', 'port', 'dbname', 'user', 'password', 'passfile', 'connect_timeout', 'client_encoding',
  'options', 'application_name', 'fallback_application_name', 'keepalives', 'keepalives_idle',
  'keepalives_interval', 'keepalives_count', 'tcp_user_timeout', 'sslmode', 'sslcompression', 'sslcert', 'sslkey',
  'sslpassword', 'sslrootcert', 'sslcrl', 'sslcrldir', 'sslsni', 'requirepeer', 'ssl_min_protocol_version',
  'ssl_max_protocol_version', 'gssencmode', 'krbsrvname', 'gsslib', 'service', 'target_session_attrs',
  'channel_binding', 'replication', 'requiressl',
]);

const URI_PREFIX = /^postgres(?:ql)?:\/\//;

/** psql takes its first positional argument as a connection string when it looks like one. */
export function isConnectionString(text: string): boolean {
  return URI_PREFIX.test(text) || text.includes('=');
}

export function parseConninfo(text: string): Record<string, string> {
  return URI_PREFIX.test(text) ? parseUri(text) : parseKeywords(text);
}

function parseKeywords(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
  while (i < text.length) {
    while (isSpace(text[i])) i++;
    if (i >= text.length) break;
    let name = '';
    while (i < text.length && text[i] !== '=' && !isSpace(text[i])) name += text[i++];
    while (isSpace(text[i])) i++;
    if (text[i] !== '=') throw new ConninfoError(`missing "=" after "${name}" in connection info string`);
    i++;
    while (isSpace(text[i])) i++;
    let value = '';
    if (text[i] === "'") {
      i++;
      let closed = false;
      while (i < text.length) {
        if (text[i] === '\\' && i + 1 < text.length) value += text[(i += 2) - 1];
        else if (text[i] === "'") {
          closed = true;
          i++;
          break;
        } else value += text[i++];
      }
      if (!closed) throw new ConninfoError('unterminated quoted string in connection info string');
    } else {
      while (i < text.length && !isSpace(text[i])) {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        value += text[i++];
      }
    }
    if (!CONNINFO_KEYS.has(name)) throw new ConninfoError(`invalid connection option "${name}"`);
    out[name] = value;
  }
  return out;
}

function decode(token: string): string {
  if (/%(?![0-9A-Fa-f]{2})/.test(token)) throw new ConninfoError(`invalid percent-encoded token: "${token}"`);
  try {
    return decodeURIComponent(token);
  } catch {
    throw new ConninfoError(`invalid percent-encoded token: "${token}"`);
  }
}

function parseUri(uri: string): Record<string, string> {
  const out: Record<string, string> = {};
  let rest = uri.replace(URI_PREFIX, '');
  const queryAt = rest.indexOf('?');
  const query = queryAt >= 0 ? rest.slice(queryAt + 1) : '';
  if (queryAt >= 0) rest = rest.slice(0, queryAt);
  const slash = rest.indexOf('/');
  const netloc = slash >= 0 ? rest.slice(0, slash) : rest;
  const dbname = slash >= 0 ? rest.slice(slash + 1) : '';
  let hostPart = netloc;
  const at = netloc.indexOf('@');
  if (at >= 0) {
    const cred = netloc.slice(0, at);
    hostPart = netloc.slice(at + 1);
    const colon = cred.indexOf(':');
    const user = colon >= 0 ? cred.slice(0, colon) : cred;
    if (user) out.user = decode(user);
    if (colon >= 0) out.password = decode(cred.slice(colon + 1));
  }
  const hosts: string[] = [];
  const ports: string[] = [];
  for (const item of hostPart ? hostPart.split(',') : []) {
    let host = item;
    let port = '';
    const v6 = /^\[([^\]]*)\](?::(.*))?$/.exec(item);
    if (v6) {
      host = v6[1];
      port = v6[2] ?? '';
    } else if (item.includes(':')) {
      host = item.slice(0, item.indexOf(':'));
      port = item.slice(item.indexOf(':') + 1);
    }
    hosts.push(decode(host));
    ports.push(decode(port));
  }
  if (hosts.some(Boolean)) out.host = hosts.join(',');
  if (ports.some(Boolean)) out.port = ports.join(',');
  if (dbname) out.dbname = decode(dbname);
  for (const pair of query ? query.split('&') : []) {
    const eq = pair.indexOf('=');
    if (eq < 0) throw new ConninfoError(`missing key/value separator "=" in URI query parameter: "${pair}"`);
    let key = decode(pair.slice(0, eq));
    let value = decode(pair.slice(eq + 1));
    if (key === 'ssl' && value === 'true') {
      key = 'sslmode';
      value = 'require';
    }
    if (!CONNINFO_KEYS.has(key)) throw new ConninfoError(`invalid URI query parameter: "${key}"`);
    out[key] = value;
  }
  return out;
}
