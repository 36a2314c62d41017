// Scalars the way Python's str() writes them, since the aws CLI's text and
// table formats print `str(value)`: None, True, False, 1.5, 1e+16.

export function pyStr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return pyNumber(value);
  if (typeof value === 'string') return value;
  return String(value);
}

/** repr() of an int or float: JavaScript keeps no difference, integers print as ints. */
export function pyNumber(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n);
  const text = String(n);
  // Python switches to exponent notation from 1e16 up and below 1e-4.
  const abs = Math.abs(n);
  if (abs >= 1e16 || (abs !== 0 && abs < 1e-4)) {
    const [mantissa, exponent = '0'] = n.toExponential().split('e');
    const exp = Number(exponent);
    return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return text;
}

const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** repr() of a string: single quotes unless only double quotes avoid escaping, unprintable characters escaped. */
export function pyRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === quote) out += `\\${ch}`;
    else if (ESCAPES[ch]) out += ESCAPES[ch];
    else if (ch !== ' ' && NOT_PRINTABLE.test(ch)) {
      out += code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\U${code.toString(16).padStart(8, '0')}`;
    } else out += ch;
  }
  return out + quote;
}
