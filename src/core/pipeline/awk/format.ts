// printf-style formatting with C's exact rounding (glibc prints the exact
// binary value, rounding halfway cases to even), for awk's printf, sprintf,
// OFMT and CONVFMT.
import { AwkFatal } from './errors';

/** The exact decimal value of a finite double: |x| = digits / 10^scale. */
function exactDecimal(x: number): { digits: bigint; scale: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & 0xfffffffffffffn;
  let e: number;
  if (exponent === 0) e = -1074;
  else {
    mantissa |= 1n << 52n;
    e = exponent - 1075;
  }
  if (e >= 0) return { digits: mantissa << BigInt(e), scale: 0 };
  return { digits: mantissa * 5n ** BigInt(-e), scale: -e };
}

/** round(|x| * 10^places) to an integer, halfway cases to even. */
function scaledRound(x: number, places: number): bigint {
  const { digits, scale } = exactDecimal(x);
  const shift = places - scale;
  if (shift >= 0) return digits * 10n ** BigInt(shift);
  const div = 10n ** BigInt(-shift);
  const q = digits / div;
  const r2 = (digits % div) * 2n;
  if (r2 > div || (r2 === div && q % 2n === 1n)) return q + 1n;
  return q;
}

function withPoint(n: bigint, places: number, alt: boolean): string {
  const s = n.toString().padStart(places + 1, '0');
  if (places === 0) return alt ? `${s}.` : s;
  return `${s.slice(0, s.length - places)}.${s.slice(s.length - places)}`;
}

/** Decimal exponent of |x| (x finite, non-zero): 10^e <= |x| < 10^(e+1). */
function decimalExponent(x: number): number {
  const { digits, scale } = exactDecimal(x);
  return digits.toString().length - 1 - scale;
}

function fixed(x: number, prec: number, alt: boolean): string {
  return withPoint(scaledRound(x, prec), prec, alt);
}

function exponential(x: number, prec: number, alt: boolean, upper: boolean): string {
  let exp = x === 0 ? 0 : decimalExponent(x);
  let n = scaledRound(x, prec - exp);
  if (n.toString().length > prec + 1) {
    exp++;
    n = scaledRound(x, prec - exp);
  }
  const mant = withPoint(n, prec, alt);
  const sign = exp < 0 ? '-' : '+';
  const e = `${upper ? 'E' : 'e'}${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  return mant + e;
}

function general(x: number, precision: number, alt: boolean, upper: boolean): string {
  const p = precision === 0 ? 1 : precision;
  let exp = 0;
  if (x !== 0) {
    exp = decimalExponent(x);
    if (scaledRound(x, p - 1 - exp).toString().length > p) exp++;
  }
  let s = p > exp && exp >= -4 ? fixed(x, p - 1 - exp, alt) : exponential(x, p - 1, alt, upper);
  if (!alt) {
    const m = /^([^eE]*?)(\.?0*)([eE].*)?$/.exec(s)!;
    if (m[1]!.includes('.') || m[2]!.startsWith('.')) s = m[1]!.replace(/\.$/, '') + (m[3] ?? '');
  }
  return s;
}

function nonFinite(x: number, upper: boolean): string {
  const s = Number.isNaN(x) ? '-nan' : x > 0 ? '+inf' : '-inf';
  return upper ? s.toUpperCase() : s;
}

interface Spec {
  flags: string;
  width: number | undefined;
  precision: number | undefined;
  conv: string;
}

function pad(body: string, sign: string, spec: Spec, zeroAllowed: boolean): string {
  const width = spec.width ?? 0;
  const len = [...sign].length + [...body].length;
  if (len >= width) return sign + body;
  if (spec.flags.includes('-')) return sign + body + ' '.repeat(width - len);
  if (zeroAllowed && spec.flags.includes('0')) return sign + '0'.repeat(width - len) + body;
  return ' '.repeat(width - len) + sign + body;
}

function signOf(negative: boolean, flags: string): string {
  if (negative) return '-';
  if (flags.includes('+')) return '+';
  if (flags.includes(' ')) return ' ';
  return '';
}

export function formatNumber(spec: Spec, x: number): string {
  const { conv, flags } = spec;
  const alt = flags.includes('#');
  const upper = conv === conv.toUpperCase();
  if (!Number.isFinite(x) && 'eEfFgGdiouxXc'.includes(conv)) {
    const s = nonFinite(x, upper && conv !== 'd' && conv !== 'i');
    return pad(s, '', { ...spec, flags: flags.replace('0', '') }, false);
  }
  if (conv === 'd' || conv === 'i' || conv === 'u') {
    const n = BigInt(Math.trunc(x));
    const negative = n < 0n;
    let digits = (negative ? -n : n).toString();
    if (spec.precision !== undefined) digits = spec.precision === 0 && n === 0n ? '' : digits.padStart(spec.precision, '0');
    return pad(digits, signOf(negative, flags), spec, spec.precision === undefined);
  }
  if (conv === 'o' || conv === 'x' || conv === 'X') {
    const n = BigInt.asUintN(64, BigInt(Math.trunc(x)));
    let digits = n.toString(conv === 'o' ? 8 : 16);
    if (conv === 'X') digits = digits.toUpperCase();
    if (spec.precision !== undefined) digits = spec.precision === 0 && n === 0n ? '' : digits.padStart(spec.precision, '0');
    let prefix = '';
    if (alt && conv === 'o' && !digits.startsWith('0')) digits = `0${digits}`;
    if (alt && conv !== 'o' && n !== 0n) prefix = conv === 'x' ? '0x' : '0X';
    return pad(digits, prefix, spec, spec.precision === undefined);
  }
  const prec = spec.precision ?? 6;
  const negative = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  let body: string;
  if (conv === 'f' || conv === 'F') body = fixed(a, prec, alt);
  else if (conv === 'e' || conv === 'E') body = exponential(a, prec, alt, upper);
  else body = general(a, prec, alt, upper);
  return pad(body, signOf(negative, flags), spec, true);
}

export function formatString(spec: Spec, s: string): string {
  const chars = [...s];
  const body = spec.precision !== undefined ? chars.slice(0, spec.precision).join('') : s;
  return pad(body, '', spec, false);
}

/** Accessors the formatter uses to read awk values. */
export interface FormatArgs {
  readonly count: number;
  number(i: number): number;
  string(i: number): string;
  /** For %c: the character a value stands for (a number's code point, or a string's first character). */
  char(i: number): string;
}

export function sprintf(format: string, args: FormatArgs): string {
  let out = '';
  let next = 0;
  const take = (): number => {
    if (next >= args.count) throw new AwkFatal('not enough arguments to satisfy format string');
    return next++;
  };
  let i = 0;
  while (i < format.length) {
    const c = format[i]!;
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    const m = /^%([-+ #0']*)(\*|\d+)?(?:\.(\*|\d*))?([diouxXeEfFgGcs%])/.exec(format.slice(i));
    if (!m) {
      out += c;
      i++;
      continue;
    }
    i += m[0].length;
    if (m[4] === '%') {
      out += '%';
      continue;
    }
    let flags = m[1]!.replace(/'/g, '');
    let width: number | undefined;
    if (m[2] === '*') {
      width = Math.trunc(args.number(take()));
      if (width < 0) {
        flags += '-';
        width = -width;
      }
    } else if (m[2] !== undefined) width = Number(m[2]);
    let precision: number | undefined;
    if (m[3] === '*') {
      const p = Math.trunc(args.number(take()));
      precision = p < 0 ? undefined : p;
    } else if (m[3] !== undefined) precision = m[3] === '' ? 0 : Number(m[3]);
    const spec: Spec = { flags, width, precision, conv: m[4]! };
    const arg = take();
    if (spec.conv === 's') out += formatString(spec, args.string(arg));
    else if (spec.conv === 'c') out += formatString({ ...spec, precision: undefined }, args.char(arg));
    else out += formatNumber(spec, args.number(arg));
  }
  return out;
}
