// psql variable interpolation in scripts and SQL cells: `:name`, `:'name'`
// (a string literal), `:"name"` (an identifier) and `:{?name}`, outside
// quotes, dollar-quoted bodies and comments. Undefined variables stay as
// written, as psql leaves them.

const NAME = /^[A-Za-z0-9_\u0080-\uffff]+/;

function quoteLiteral(value: string): string {
  const body = value.replace(/'/g, "''");
  return value.includes('\\') ? ` E'${body.replace(/\\/g, '\\\\')}'` : `'${body}'`;
}

export function interpolate(text: string, variables: Readonly<Record<string, string>>): string {
  if (!text.includes(':')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const rest = text.slice(i);
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < text.length && !(text[j] === c && text[j + 1] !== c)) j += text[j] === c ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (rest.startsWith('--')) {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      out += text.slice(i, stop);
      i = stop;
    } else if (rest.startsWith('/*')) {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += text.slice(i, stop);
      i = stop;
    } else if (c === '$' && /^\$([A-Za-z_]\w*)?\$/.test(rest) && !/[\w$]/.test(text[i - 1] ?? '')) {
      const tag = /^\$([A-Za-z_]\w*)?\$/.exec(rest)![0];
      const end = text.indexOf(tag, i + tag.length);
      const stop = end < 0 ? text.length : end + tag.length;
      out += text.slice(i, stop);
      i = stop;
    } else if (c === ':' && text[i + 1] === ':') {
      out += '::';
      i += 2;
    } else if (c === ':') {
      const replaced = variableAt(rest, variables);
      if (replaced) {
        out += replaced.text;
        i += replaced.length;
      } else {
        out += c;
        i++;
      }
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function variableAt(rest: string, variables: Readonly<Record<string, string>>): { text: string; length: number } | undefined {
  const quoted = /^:(['"])([A-Za-z0-9_\u0080-\uffff]+)\1/.exec(rest);
  if (quoted) {
    const value = variables[quoted[2]];
    if (value === undefined) return undefined;
    return { text: quoted[1] === "'" ? quoteLiteral(value) : `"${value.replace(/"/g, '""')}"`, length: quoted[0].length };
  }
  const test = /^:\{\?([A-Za-z0-9_\u0080-\uffff]+)\}/.exec(rest);
  if (test) return { text: variables[test[1]] === undefined ? 'FALSE' : 'TRUE', length: test[0].length };
  const name = NAME.exec(rest.slice(1));
  if (!name || variables[name[0]] === undefined) return undefined;
  return { text: variables[name[0]], length: name[0].length + 1 };
}
