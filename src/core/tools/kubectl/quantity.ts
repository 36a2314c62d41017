// Kubernetes resource quantities (`250m`, `1.5`, `512Mi`, `1e3`, `287744Ki`)
// held exactly, so sums and roundings come out as kubectl's do: CPU shown as
// millicores rounded up, memory as bytes rounded up, then whole MiB.

export class Quantity {
  /** value = units / 10^scale */
  private constructor(
    private readonly units: bigint,
    private readonly scale: number,
  ) {}

  static readonly ZERO = new Quantity(0n, 0);

  /** Undefined when the text is not a quantity. */
  static parse(text: string | number | undefined | null): Quantity | undefined {
    if (text === undefined || text === null) return undefined;
    const s = String(text).trim();
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/.exec(s);
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
    const fraction = m[3] ?? '';
    let units = BigInt(`${m[2] || '0'}${fraction}`);
    let scale = fraction.length;
    if (m[4]) scale -= Number(m[4].slice(1));
    const suffix = m[5];
    if (suffix) {
      const binary = BINARY[suffix];
      if (binary !== undefined) units *= binary;
      else scale -= DECIMAL[suffix];
    }
    if (scale < 0) {
      units *= 10n ** BigInt(-scale);
      scale = 0;
    }
    return new Quantity(m[1] === '-' ? -units : units, scale);
  }

  add(other: Quantity): Quantity {
    const scale = Math.max(this.scale, other.scale);
    return new Quantity(this.units * 10n ** BigInt(scale - this.scale) + other.units * 10n ** BigInt(scale - other.scale), scale);
  }

  /** Thousandths, rounded up (Go's Quantity.MilliValue). */
  milliValue(): number {
    return Number(ceilDiv(this.units * 1000n, 10n ** BigInt(this.scale)));
  }

  /** Whole units, rounded up (Go's Quantity.Value). */
  value(): number {
    return Number(ceilDiv(this.units, 10n ** BigInt(this.scale)));
  }

  isZero(): boolean {
    return this.units === 0n;
  }
}

const BINARY: Record<string, bigint> = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n ? q + 1n : q;
}

/** `250m`: kubectl top's CPU cell. */
export function formatMillicores(q: Quantity): string {
  return `${q.milliValue()}m`;
}

/** `300Mi`: kubectl top's memory cell (whole MiB, rounded down). */
export function formatMebibytes(q: Quantity): string {
  return `${Math.trunc(q.value() / (1024 * 1024))}Mi`;
}

/** Sum of one resource over containers; undefined unless every container declares it. */
export function sumDeclared(values: (string | undefined)[]): Quantity | undefined {
  let total = Quantity.ZERO;
  for (const v of values) {
    const q = Quantity.parse(v);
    if (!q) return undefined;
    total = total.add(q);
  }
  return values.length ? total : undefined;
}
