// Kubernetes resource quantities (`500m`, `128Mi`, `1.5Gi`, `2k`, `1e3`) as
// the API machinery handles them: parsed to an exact decimal (digits ×
// 10^scale, no floating point; anything finer than a nano-unit rounds up to
// one), summed, compared, read as whole units or thousandths rounded up, and
// printed in canonical form (`1000m` -> `1`, `1024Ki` -> `1Mi`,
// `1.5Gi` -> `1536Mi`).

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

const BINARY: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const BINARY_SUFFIXES = Object.keys(BINARY);
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const SUFFIX_OF: Record<number, string> = Object.fromEntries(Object.entries(DECIMAL).map(([k, v]) => [v, k]));
const PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?([eE][+-]?\d+|Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?$/;
/** Values are kept to nano-units at the finest. */
const FINEST_SCALE = -9;

export class Quantity {
  /** value = digits × 10^scale, printed in `format` */
  private constructor(
    private readonly digits: bigint,
    private readonly scale: number,
    private readonly format: QuantityFormat,
  ) {}

  static readonly ZERO = new Quantity(0n, 0, 'DecimalSI');

  /** Undefined when the input is not a quantity (a number is read as its text). */
  static parse(input: unknown): Quantity | undefined {
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
    } else if (/^[eE][+-]?\d/.test(suffix)) {
      format = 'DecimalExponent';
      scale += Number(suffix.slice(1));
    } else scale += DECIMAL[suffix];
    if (sign === '-') digits = -digits;
    if (scale < FINEST_SCALE) {
      digits = ceilDiv(digits, 10n ** BigInt(FINEST_SCALE - scale), 'away from zero');
      scale = FINEST_SCALE;
    }
    return new Quantity(digits, scale, format);
  }

  /** A quantity from an API object; missing or malformed counts as zero. */
  static of(input: unknown): Quantity {
    return Quantity.parse(input) ?? Quantity.ZERO;
  }

  /** The canonical text of a quantity as given in an API object; anything else as it is. */
  static canonical(input: unknown): string {
    const q = Quantity.parse(input);
    return q ? q.toString() : String(input ?? '');
  }

  isZero(): boolean {
    return this.digits === 0n;
  }

  /** this + other, in this one's format unless this is zero (as Quantity.Add). */
  add(other: Quantity): Quantity {
    const [x, y, scale] = this.aligned(other);
    return new Quantity(x + y, scale, this.isZero() ? other.format : this.format);
  }

  /** Negative, zero or positive as this is less than, equal to or more than other. */
  compare(other: Quantity): number {
    const [x, y] = this.aligned(other);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  /** Thousandths, rounded up (Go's MilliValue). */
  milliValue(): number {
    return Number(this.scaled(-3));
  }

  /** Whole units, rounded up (Go's Value). */
  value(): number {
    return Number(this.scaled(0));
  }

  /** The canonical text kubectl prints (Go's Quantity.String()). */
  toString(): string {
    if (this.digits === 0n) return '0';
    const sign = this.digits < 0n ? '-' : '';
    const abs = this.digits < 0n ? -this.digits : this.digits;
    if (this.format === 'BinarySI') {
      const unit = 10n ** BigInt(Math.abs(this.scale));
      const integer = this.scale >= 0 ? abs * unit : abs % unit === 0n ? abs / unit : undefined;
      if (integer !== undefined && integer >= 1024n) {
        let n = integer;
        let power = 0;
        while (n % 1024n === 0n && power < BINARY_SUFFIXES.length) {
          n /= 1024n;
          power++;
        }
        return sign + n.toString() + (power ? BINARY_SUFFIXES[power - 1] : '');
      }
    }
    let n = abs;
    let exponent = this.scale;
    while (n % 10n === 0n) {
      n /= 10n;
      exponent++;
    }
    const rest = ((exponent % 3) + 3) % 3;
    n *= 10n ** BigInt(rest);
    exponent -= rest;
    if (this.format === 'DecimalExponent') return sign + n.toString() + (exponent ? `e${exponent}` : '');
    const suffix = SUFFIX_OF[exponent];
    return sign + n.toString() + (suffix !== undefined ? suffix : `e${exponent}`);
  }

  /** Both digit counts at the finer of the two scales, and that scale. */
  private aligned(other: Quantity): [bigint, bigint, number] {
    const scale = Math.min(this.scale, other.scale);
    return [this.digits * 10n ** BigInt(this.scale - scale), other.digits * 10n ** BigInt(other.scale - scale), scale];
  }

  /** The value in units of 10^scale, rounded up (Go's ScaledValue). */
  private scaled(scale: number): bigint {
    if (this.scale >= scale) return this.digits * 10n ** BigInt(this.scale - scale);
    return ceilDiv(this.digits, 10n ** BigInt(scale - this.scale), 'up');
  }
}

/** a / b (b > 0) rounded up, or for negative a either up or away from zero. */
function ceilDiv(a: bigint, b: bigint, negatives: 'up' | 'away from zero'): bigint {
  const q = a / b;
  if (a % b === 0n) return q;
  if (a > 0n) return q + 1n;
  return negatives === 'up' ? q : q - 1n;
}
