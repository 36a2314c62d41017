// The forms a known secret takes in output: as given, base64-encoded (how
// Kubernetes Secrets and Basic credentials carry it), JSON-escaped (how a
// multi-line value sits inside last-applied-configuration) and URL-encoded
// (a password in a URL, a session token in a presigned URL); a multi-line
// value also line by line.

export interface SecretForm {
  text: string;
  /** A base64 form: `=` padding that follows it belongs to it. */
  base64: boolean;
}

export function secretForms(value: string): SecretForm[] {
  const forms: SecretForm[] = [{ text: value, base64: false }];
  const standard = Buffer.from(value, 'utf8').toString('base64').replace(/=+$/, '');
  forms.push({ text: standard, base64: true });
  const url = standard.replace(/\+/g, '-').replace(/\//g, '_');
  if (url !== standard) forms.push({ text: url, base64: true });
  // Once inside a JSON string, and twice: last-applied-configuration in `kubectl get -o json`.
  const escaped = JSON.stringify(value).slice(1, -1);
  if (escaped !== value) forms.push({ text: escaped, base64: false }, { text: JSON.stringify(escaped).slice(1, -1), base64: false });
  // A multi-line value also shows line by line (a YAML block scalar indents each line): each line is masked.
  if (value.includes('\n')) {
    for (const line of value.split('\n')) {
      const text = line.trim();
      if (text) forms.push({ text, base64: false });
    }
  }
  const encoded = urlEncoded(value);
  if (encoded !== undefined && encoded !== value) forms.push({ text: encoded, base64: false });
  return forms;
}

/** undefined for text that is not valid UTF-16 (a lone surrogate). */
function urlEncoded(value: string): string | undefined {
  try {
    return encodeURIComponent(value);
  } catch {
    return undefined;
  }
}
