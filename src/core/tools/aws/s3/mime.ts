// The Content-Type aws-cli guesses for uploads (Python's mimetypes), for the
// extensions runbooks deal with. Unknown extensions send none, as aws-cli does.

const TYPES: Record<string, string> = {
  txt: 'text/plain', log: 'text/plain', csv: 'text/csv', md: 'text/markdown', html: 'text/html', htm: 'text/html',
  css: 'text/css', js: 'text/javascript', mjs: 'text/javascript', json: 'application/json', xml: 'application/xml',
  yaml: 'application/yaml', yml: 'application/yaml', sql: 'application/sql', pdf: 'application/pdf', zip: 'application/zip',
  tar: 'application/x-tar', tgz: 'application/x-tar',
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', svg: 'image/svg+xml', ico: 'image/vnd.microsoft.icon',
  webp: 'image/webp', wasm: 'application/wasm', sh: 'application/x-sh', py: 'text/x-python', ts: 'video/mp2t', mp4: 'video/mp4',
};

/** Python's guess_type: `.csv.gz` is text/csv with gzip encoding, so the type is text/csv. */
export function guessContentType(fileName: string): string | undefined {
  const parts = fileName.toLowerCase().split('/').pop()!.split('.');
  if (parts.length < 2) return undefined;
  let ext = parts.pop()!;
  if (ext === 'gz' || ext === 'bz2' || ext === 'xz') {
    if (parts.length < 2) return undefined;
    ext = parts.pop()!;
  }
  return TYPES[ext];
}
