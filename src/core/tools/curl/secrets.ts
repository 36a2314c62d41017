// The secrets of a curl line, for the session's masker: the password of
// `-u user:pw` (and the credentials as the Basic header carries them), the
// values of Authorization and Cookie headers given with -H, and the
// password in a URL's userinfo.

import type { CommandSecret } from '../../engine/tool';
import type { CurlOptions } from './args';

const CREDENTIAL_HEADER = /^\s*((?:proxy-)?authorization|cookie)\s*:\s*(.*?)\s*$/i;
const AUTH_SCHEME = /^[A-Za-z][\w-]*\s+(\S.*)$/;

export function lineSecrets(o: CurlOptions): CommandSecret[] {
  const secrets: CommandSecret[] = [];
  if (o.user !== undefined) {
    const colon = o.user.indexOf(':');
    if (colon >= 0) secrets.push({ value: o.user.slice(colon + 1), kind: 'password' });
    secrets.push({ value: colon >= 0 ? o.user : `${o.user}:`, kind: 'authorization' });
  }
  for (const header of o.headers) {
    const m = CREDENTIAL_HEADER.exec(header);
    if (!m || !m[2]) continue;
    const kind = m[1].toLowerCase() === 'cookie' ? 'cookie' : 'authorization';
    secrets.push({ value: m[2], kind });
    const credentials = kind === 'authorization' ? AUTH_SCHEME.exec(m[2]) : null;
    if (credentials) secrets.push({ value: credentials[1], kind });
  }
  for (const url of o.urls) {
    const m = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/@:]*):([^/@]+)@/i.exec(url);
    if (!m) continue;
    const password = decoded(m[2]);
    // Sent as a Basic header, base64 of `user:password`.
    secrets.push({ value: password, kind: 'url-password' }, { value: `${decoded(m[1])}:${password}`, kind: 'authorization' });
  }
  return secrets;
}

/** A userinfo part as curl sends it. */
function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
