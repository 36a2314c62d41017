// The secrets of a curl line, for the session's masker: the password of
// `-u user:pw` (and the credentials as the Basic header carries them), the
// values of Authorization and Cookie headers given with -H (and each
// cookie's value), and the
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
    secrets.push(basicCredentials(colon >= 0 ? o.user : `${o.user}:`));
  }
  for (const header of o.headers) {
    const m = CREDENTIAL_HEADER.exec(header);
    if (!m || !m[2]) continue;
    const kind = m[1].toLowerCase() === 'cookie' ? 'cookie' : 'authorization';
    // `Bearer TOKEN`: the token is the secret; the scheme stays readable.
    const credentials = kind === 'authorization' ? AUTH_SCHEME.exec(m[2]) : null;
    secrets.push({ value: credentials ? credentials[1] : m[2], kind });
    // Each cookie's value on its own too: `sid=$SID` puts the bare value in the variables it used.
    if (kind === 'cookie') for (const pair of m[2].split(';')) {
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      if (pair.includes('=') && value) secrets.push({ value, kind });
    }
  }
  for (const url of o.urls) {
    const m = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/@:]*):([^/@]+)@/i.exec(url);
    if (!m) continue;
    const password = decoded(m[2]);
    secrets.push({ value: password, kind: 'url-password' }, basicCredentials(`${decoded(m[1])}:${password}`));
  }
  return secrets;
}

/** `user:password` as a Basic header carries it (base64); the user name itself stays readable on the line. */
function basicCredentials(userPassword: string): CommandSecret {
  return { value: Buffer.from(userPassword, 'utf8').toString('base64'), kind: 'authorization' };
}

/** A userinfo part as curl sends it. */
function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
