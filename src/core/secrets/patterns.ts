// Secrets recognised by their shape, masked even when no tool registered
// them: passwords in URLs, credential headers as `curl -v` prints them, PEM
// private keys (also base64-encoded, as kubeconfigs hold them) and JWTs.
// Only a private-key block spans lines; every other match ends at a line's end.

/** Part of a text to mask: [start, end), what it is, and the secret itself (for its fingerprint). */
export interface SecretRange {
  start: number;
  end: number;
  kind: string;
  secret: string;
}

const URL_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/?#'"]*:([^\s@/?#'"]+)@/gi;
/** A header to the line's end (`> Authorization: Bearer x`), or to its closing quote (`-H 'Cookie: a=b'`). */
const HEADER = /(?:^|[ \t])(proxy-authorization|authorization|set-cookie|cookie)[ \t]*:[ \t]*([^\r\n]*)/gim;
const QUOTED_HEADER = /(['"])(proxy-authorization|authorization|set-cookie|cookie)[ \t]*:[ \t]*((?:(?!\1)[^\r\n])*)/gi;
const AUTH_SCHEME = /^((?:basic|bearer|digest|negotiate|ntlm|token|aws4-hmac-sha256) +)(\S)/i;
export const PRIVATE_KEY_BLOCK = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----/g;
export const PRIVATE_KEY_BEGIN = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/g;
/** base64 of `-----BEGIN`: a PEM block inside kubeconfig `client-key-data` or a Secret's data. */
const BASE64_PEM = /LS0tLS1CRUdJTi[A-Za-z0-9+/]*={0,2}/g;
const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;

export function patternRanges(text: string): SecretRange[] {
  const ranges: SecretRange[] = [];
  const add = (start: number, secret: string, kind: string) => ranges.push({ start, end: start + secret.length, kind, secret });

  // Each shape is looked for only where its sign is in the text: most text has none.
  if (text.includes('://')) for (const m of text.matchAll(URL_PASSWORD)) add(m.index! + m[0].length - 1 - m[1].length, m[1], 'url-password');
  const header = (m: RegExpMatchArray, name: string, value: string) => {
    let start = m.index! + m[0].length - value.length;
    value = value.replace(/\s+$/, '');
    const authorization = name.toLowerCase().endsWith('authorization');
    const scheme = authorization ? AUTH_SCHEME.exec(value) : null;
    if (scheme) {
      start += scheme[1].length;
      value = value.slice(scheme[1].length);
    }
    if (value) add(start, value, authorization ? 'authorization' : 'cookie');
  };
  if (/authorization|cookie/i.test(text)) {
    for (const m of text.matchAll(HEADER)) header(m, m[1], m[2]);
    for (const m of text.matchAll(QUOTED_HEADER)) header(m, m[2], m[3]);
  }
  if (text.includes('-----BEGIN ')) for (const m of text.matchAll(PRIVATE_KEY_BLOCK)) add(m.index!, m[0], 'private-key');
  if (text.includes('LS0tLS1CRUdJTi')) for (const m of text.matchAll(BASE64_PEM)) {
    if (Buffer.from(m[0], 'base64').toString('latin1').includes('PRIVATE KEY')) add(m.index!, m[0], 'private-key');
  }
  if (text.includes('eyJ')) for (const m of text.matchAll(JWT)) add(m.index!, m[0], 'jwt');
  return ranges;
}
