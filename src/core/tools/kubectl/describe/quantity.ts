// Resource quantities ("500m", "512Mi", "1e3") exactly as kubectl handles
// them: parsed to an exact decimal (digits × 10^scale, no floating point),
// summed, compared, and printed in canonical form ("1000m" -> "1",
// "1024Ki" -> "1Mi", "1.5Gi" -> "1536Mi").

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** value = digits × 10^scale */
  digits: bigint;
  scale: number;
  format: QuantityFormat;
}

export const ZERO: Quantity = { digits: 0n, scale: 0, format: 'DecimalSI' };

const BINARY: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const SUFFIX_OF: Record<number, string> = Object.fromEntries(Object.entries(DECIMAL).map(([k, v]) => [v, k]));
const PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?([eE][+-]?\d+|Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?$/;

export function parseQuantity(input: unknown): Quantity | undefined {
  if (typeof input === 'number') input = String(input);
  if (typeof input !== 'string') return undefined;
  const m = PATTERN.exec(input.trim());
  if (!m || (m[2] === '' && !m[3])) return undefined;
  const [, sign, whole, fraction = '', suffix = ''] = m;
  let digits = BigInt((whole || '0') + fraction);
  let scale = -fraction.length;
  let format: QuantityFormat = 'DecimalSI';
  if (suffix in BINARY) {
    format = 'BinarySI';
    digits *= 1024n ** BigInt(BINARY[suffix]);
  } else if (/^[eE]/.test(suffix)) {
    format = 'DecimalExponent';
    scale += Number(suffix.slice(1));
  } else scale += DECIMAL[suffix];
  if (sign === '-') digits = -digits;
  // Values finer than a nano-unit round up to one nano-unit.
  if (scale < -9) {
    const divisor = 10n ** BigInt(-9 - scale);
    const abs = digits < 0n ? -digits : digits;
    const rounded = (abs + divisor - 1n) / divisor;
    digits = digits < 0n ? -rounded : rounded;
    scale = -9;
  }
  return { digits, scale, format };
}

/** A quantity from an API object; missing or malformed counts as zero. */
export function quantity(input: unknown): Quantity {
  return parseQuantity(input) ?? ZERO;
}

export function isZero(q: Quantity): boolean {
  return q.digits === 0n;
}

function align(a: Quantity, b: Quantity): [bigint, bigint, number] {
  const scale = Math.min(a.scale, b.scale);
  return [a.digits * 10n ** BigInt(a.scale - scale), b.digits * 10n ** BigInt(b.scale - scale), scale];
}

/** a + b, keeping a's format unless a is zero (as Quantity.Add). */
export function add(a: Quantity, b: Quantity): Quantity {
  const [x, y, scale] = align(a, b);
  return { digits: x + y, scale, format: isZero(a) ? b.format : a.format };
}

export function compare(a: Quantity, b: Quantity): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The value in units of 10^scale, rounded up (Go's ScaledValue). */
function scaled(q: Quantity, scale: number): bigint {
  if (q.scale >= scale) return q.digits * 10n ** BigInt(q.scale - scale);
  const divisor = 10n ** BigInt(scale - q.scale);
  const quotient = q.digits / divisor;
  return q.digits % divisor !== 0n && q.digits > 0n ? quotient + 1n : quotient;
}

export function milliValue(q: Quantity): number {
  return Number(scaled(q, -3));
}

export function value(q: Quantity): number {
  return Number(scaled(q, 0));
}

/** The canonical text kubectl prints (Quantity.String()). */
export function formatQuantity(q: Quantity): string {
  if (q.digits === 0n) return '0';
  const negative = q.digits < 0n;
  const abs = negative ? -q.digits : q.digits;
  const sign = negative ? '-' : '';
  if (q.format === 'BinarySI') {
    const unit = 10n ** BigInt(Math.abs(q.scale));
    const integer = q.scale >= 0 ? abs * unit : abs % unit === 0n ? abs / unit : undefined;
    if (integer !== undefined && integer >= 1024n) {
      let n = integer;
      let power = 0;
      while (n % 1024n === 0n && power < 6) {
        n /= 1024n;
        power++;
      }
      return sign + n.toString() + (power ? Object.keys(BINARY)[power - 1] : '');
    }
  }
  let n = abs;
  let exponent = q.scale;
  while (n % 10n === 0n) {
    n /= 10n;
    exponent++;
  }
  const rest = ((exponent % 3) + 3) % 3;
  n *= 10n ** BigInt(rest);
  exponent -= rest;
  if (q.format === 'DecimalExponent') return sign + n.toString() + (exponent ? `e${exponent}` : '');
  const suffix = SUFFIX_OF[exponent];
  return sign + n.toString() + (suffix !== undefined ? suffix : `e${exponent}`);
}

/** Canonical text of a quantity as given in an API object. */
export function canonical(input: unknown): string {
  const q = parseQuantity(input);
  return q ? formatQuantity(q) : String(input ?? '');
}
