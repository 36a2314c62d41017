// How kubectl (a Go program) reads and writes values: fmt's %v and %#v,
// encoding/json's Marshal / MarshalIndent, strconv.Quote / Unquote, and the
// Go types a decoded object is made of (map[string]interface {}, []interface {},
// string, int64, float64, bool, nil). Whole JSON numbers are int64, others float64.

/** A float64 that JSON.parse cannot tell from an integer (a template literal such as `1.0`). */
export class GoFloat {
  constructor(readonly value: number) {}
}

export type GoKind = 'invalid' | 'nil' | 'bool' | 'int' | 'float' | 'string' | 'map' | 'slice';

const INT64_LIMIT = 2 ** 63;

export function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoFloat);
}

export function goKind(v: unknown): GoKind {
  if (v === undefined) return 'invalid';
  if (v === null) return 'nil';
  if (v instanceof GoFloat) return 'float';
  if (Array.isArray(v)) return 'slice';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(v) && Math.abs(v) < INT64_LIMIT ? 'int' : 'float';
    case 'object':
      return 'map';
    default:
      return 'invalid';
  }
}

/** The Go type name of a value, as reflect's Type.String() says it. */
export function goTypeName(v: unknown): string {
  switch (goKind(v)) {
    case 'map':
      return 'map[string]interface {}';
    case 'slice':
      return '[]interface {}';
    case 'int':
      return 'int64';
    case 'float':
      return 'float64';
    case 'nil':
      return 'interface {}';
    case 'invalid':
      return '<invalid reflect.Value>';
    default:
      return goKind(v);
  }
}

export function numberOf(v: unknown): number {
  return v instanceof GoFloat ? v.value : (v as number);
}

/** strconv.FormatFloat(v, 'g', -1, 64), which is also fmt's %v for a float64. */
export function goFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const [mantissa, expText] = v.toExponential().split('e');
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const e = Math.abs(exp);
    return `${sign}${digits[0]}${frac}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const fracPart = digits.slice(exp + 1);
  return `${sign}${intPart}${fracPart ? `.${fracPart}` : ''}`;
}

function scalarText(v: unknown): string {
  const kind = goKind(v);
  if (kind === 'float') return goFloat(numberOf(v));
  if (kind === 'int') return Number.isSafeInteger(v) ? String(v) : BigInt(v as number).toString();
  return String(v);
}

/** Byte order of UTF-8 (code point order), the order Go sorts map keys in. */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate starts a character above U+FFFF, which sorts after every other one.
    const sx = x >= 0xd800 && x <= 0xdfff;
    const sy = y >= 0xd800 && y <= 0xdfff;
    return sx === sy ? x - y : sx ? 1 : -1;
  }
  return a.length - b.length;
}

function sortedKeys(m: Record<string, unknown>): string[] {
  return Object.keys(m)
    .filter((k) => m[k] !== undefined)
    .sort(compareKeys);
}

/** fmt.Sprint(v): `map[a:1 b:[x y]]`, `<nil>`, strings as they are. */
export function goSprint(v: unknown): string {
  const kind = goKind(v);
  if (kind === 'nil' || kind === 'invalid') return '<nil>';
  if (kind === 'slice') return `[${(v as unknown[]).map(goSprint).join(' ')}]`;
  if (kind === 'map') {
    const m = v as Record<string, unknown>;
    return `map[${sortedKeys(m)
      .map((k) => `${k}:${goSprint(m[k])}`)
      .join(' ')}]`;
  }
  return scalarText(v);
}

/** fmt's %#v: `map[string]interface {}{"a":1, "b":interface {}(nil)}`. */
export function goSyntax(v: unknown): string {
  const kind = goKind(v);
  if (kind === 'nil' || kind === 'invalid') return 'interface {}(nil)';
  if (kind === 'string') return goQuote(v as string);
  if (kind === 'slice') return `[]interface {}{${(v as unknown[]).map(goSyntax).join(', ')}}`;
  if (kind === 'map') {
    const m = v as Record<string, unknown>;
    const body = sortedKeys(m).map((k) => `${goQuote(k)}:${goSyntax(m[k])}`);
    return `map[string]interface {}{${body.join(', ')}}`;
  }
  return scalarText(v);
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const SHORT_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** strconv.Quote (also fmt's %q). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    let cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (PRINTABLE.test(ch)) out += ch;
    else if (SHORT_ESCAPES[ch]) out += SHORT_ESCAPES[ch];
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${hex(cp, 2)}`;
    else {
      if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
      out += cp < 0x10000 ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
    }
  }
  return `${out}"`;
}

const HTML_UNSAFE = /[<>&\u2028\u2029]/g;

/** Go escapes these even inside JSON strings (the only place they can occur). */
function escapeHtml(json: string): string {
  return json.replace(HTML_UNSAFE, (c) => `\\u${hex(c.charCodeAt(0), 4)}`);
}

const isIndexKey = (k: string) => /^(?:0|[1-9]\d{0,9})$/.test(k) && Number(k) < 2 ** 32 - 1;

function isSorted(keys: string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (compareKeys(keys[i - 1], keys[i]) > 0) return false;
  return true;
}

/**
 * encoding/json: sorted keys, `<>&` escaped; compact, or MarshalIndent's layout when
 * `indent` is given (the same layout JSON.stringify uses).
 */
export function goJson(v: unknown, indent?: string): string {
  let indexKeys = false;
  const text = JSON.stringify(
    v,
    (_key, value: unknown) => {
      if (value instanceof GoFloat) return value.value;
      if (!isMap(value)) return value;
      const keys = Object.keys(value);
      if (isSorted(keys)) return value;
      // Objects list integer-like keys first whatever their order; write those by hand.
      if (keys.some(isIndexKey)) indexKeys = true;
      return Object.fromEntries(keys.sort(compareKeys).map((k) => [k, value[k]]));
    },
    indent,
  );
  if (indexKeys) return escapeHtml(jsonByHand(v, indent, ''));
  return text === undefined ? 'null' : escapeHtml(text);
}

function jsonByHand(v: unknown, indent: string | undefined, prefix: string): string {
  const kind = goKind(v);
  if (kind === 'nil' || kind === 'invalid') return 'null';
  if (kind !== 'map' && kind !== 'slice') return JSON.stringify(v instanceof GoFloat ? v.value : v);
  const inner = indent === undefined ? '' : prefix + indent;
  const [open, sep, close] = indent === undefined ? ['', ',', ''] : [`\n${inner}`, `,\n${inner}`, `\n${prefix}`];
  if (kind === 'slice') {
    const items = (v as unknown[]).map((x) => jsonByHand(x, indent, inner));
    return items.length ? `[${open}${items.join(sep)}${close}]` : '[]';
  }
  const m = v as Record<string, unknown>;
  const colon = indent === undefined ? ':' : ': ';
  const fields = sortedKeys(m).map((k) => `${JSON.stringify(k)}${colon}${jsonByHand(m[k], indent, inner)}`);
  return fields.length ? `{${open}${fields.join(sep)}${close}}` : '{}';
}

/** The UTF-8 bytes of a string, as Go indexes a string. */
export function utf8Bytes(s: string): number[] {
  return Array.from(new TextEncoder().encode(s));
}

/** Go's %#U: `U+007B '{'` (the character only when printable). */
export function goRuneName(r: string): string {
  const code = `U+${r.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return PRINTABLE.test(r) ? `${code} '${r}'` : code;
}

const SIMPLE_ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/** Go's strconv unquoting for "..." and '...' strings; undefined when the syntax is invalid. */
export function goUnquote(s: string): string | undefined {
  const chars = Array.from(s);
  const quote = chars[0];
  if (chars.length < 2 || quote !== chars.at(-1) || (quote !== '"' && quote !== "'")) return undefined;
  const body = chars.slice(1, -1);
  if (!body.includes('\\') && !body.includes(quote)) return body.join('');
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < body.length; ) {
    const c = body[i++];
    if (c === quote) return undefined;
    if (c !== '\\') {
      bytes.push(...encoder.encode(c));
      continue;
    }
    const e = body[i++];
    if (e === undefined) return undefined;
    if (e in SIMPLE_ESCAPES) bytes.push(SIMPLE_ESCAPES[e]);
    else if (e === "'" || e === '"') {
      if (e !== quote) return undefined;
      bytes.push(e.charCodeAt(0));
    } else if (e in HEX_LENGTH) {
      const digits = body.slice(i, i + HEX_LENGTH[e]).join('');
      i += HEX_LENGTH[e];
      if (!new RegExp(`^[0-9a-fA-F]{${HEX_LENGTH[e]}}$`).test(digits)) return undefined;
      const value = parseInt(digits, 16);
      if (e === 'x') bytes.push(value);
      else if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return undefined;
      else bytes.push(...encoder.encode(String.fromCodePoint(value)));
    } else if (e >= '0' && e <= '7') {
      const digits = e + body.slice(i, i + 2).join('');
      i += 2;
      if (!/^[0-7]{3}$/.test(digits) || parseInt(digits, 8) > 255) return undefined;
      bytes.push(parseInt(digits, 8));
    } else return undefined;
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}
