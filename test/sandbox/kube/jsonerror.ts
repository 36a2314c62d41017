// JSON parsing that fails with the messages of Go's encoding/json scanner
// ("invalid character 'b' looking for beginning of object key string"), which is
// what the real API server puts in a 400 for a malformed body.
import type { Json } from './util';

class GoSyntaxError extends Error {}

function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '\n') return "'\\n'";
  if (c === '\t') return "'\\t'";
  if (c === '\r') return "'\\r'";
  return `'${c}'`;
}

function fail(c: string | undefined, context: string): never {
  if (c === undefined) throw new GoSyntaxError('unexpected end of JSON input');
  throw new GoSyntaxError(`invalid character ${quoteChar(c)} ${context}`);
}

function scan(text: string): void {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(text[i], 'looking for beginning of object key string');
        string();
        ws();
        if (text[i] !== ':') fail(text[i], 'after object key');
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail(text[i], 'after object key:value pair');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail(text[i], 'after array element');
      }
    }
    if (c === '"') return string();
    if (c !== undefined && /[-0-9]/.test(c)) {
      const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i));
      if (!m || m[0] === '-') fail(text[i + 1], 'in numeric literal');
      i += m[0].length;
      return;
    }
    for (const lit of ['true', 'false', 'null']) {
      if (c === lit[0]) {
        for (let k = 1; k < lit.length; k++) {
          if (text[i + k] !== lit[k]) fail(text[i + k], `in literal ${lit} (expecting '${lit[k]}')`);
        }
        i += lit.length;
        return;
      }
    }
    fail(c, 'looking for beginning of value');
  };
  const string = (): void => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) fail(text[i], 'in string literal');
      i++;
    }
    if (i >= text.length) fail(undefined, '');
    i++;
  };
  value();
  ws();
  if (i < text.length) fail(text[i], 'after top-level value');
}

/** JSON.parse, but a syntax error carries Go's wording. */
export function parseJson(text: string): Json {
  try {
    return JSON.parse(text);
  } catch {
    scan(text);
    throw new GoSyntaxError('unexpected end of JSON input');
  }
}

export function isSyntaxError(e: unknown): e is Error {
  return e instanceof GoSyntaxError;
}
