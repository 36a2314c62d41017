// Which variable names hold secrets: judged by whole words, so PGPASSWORD's
// neighbours GIT_AUTHOR_NAME, PWD and PASSENGER stay readable.

/** Words that make a name secret wherever they appear in it. */
const SECRET_WORDS = new Set([
  'PASSWORD', 'PASSWORDS', 'PASSWD', 'PASS', 'PASSPHRASE',
  'SECRET', 'SECRETS', 'TOKEN', 'TOKENS', 'AUTH',
  'CREDENTIAL', 'CREDENTIALS', 'APIKEY', 'PRIVATEKEY', 'COOKIE', 'COOKIES',
]);

/** Names that are secret although no word of theirs says so. */
const SECRET_NAMES = new Set(['PGPASSWORD', 'REDISCLI_AUTH', 'AWS_SESSION_TOKEN', 'AWS_SECRET_ACCESS_KEY']);

/** The words of a name, upper-cased: split on `_`, `-`, `.`, spaces, camelCase and digits. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])([0-9])|([0-9])([A-Za-z])/g, (_m, a?: string, b?: string, c?: string, d?: string) => (a ? `${a} ${b}` : `${c} ${d}`))
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toUpperCase());
}

/**
 * Whether a variable's name says it holds a secret. `KEY` counts as a word
 * unless `ID` follows it: an access key id is an identifier AWS prints in
 * presigned URLs and `aws configure list`; the secret access key is secret.
 */
export function isSecretName(name: string): boolean {
  if (SECRET_NAMES.has(name.toUpperCase())) return true;
  const words = nameWords(name);
  return words.some((word, i) => SECRET_WORDS.has(word) || (word === 'KEY' && words[i + 1] !== 'ID'));
}
