// Kubernetes resource quantities ("500m", "512Mi", "10Gi", "1e3"): parse to a
// number of base units and format back the way the API server does.

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

const QUANTITY = /^([+-]?[0-9.]+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;

export function isQuantity(s: unknown): boolean {
  return (typeof s === 'string' && QUANTITY.test(s.trim())) || typeof s === 'number';
}

/** Base units (cores, bytes); NaN when the text is not a quantity. */
export function parseQuantity(s: string | number | undefined | null): number {
  if (typeof s === 'number') return s;
  if (s === undefined || s === null) return NaN;
  const m = QUANTITY.exec(String(s).trim());
  if (!m) return NaN;
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  if (suffix in BINARY) return n * BINARY[suffix];
  if (suffix in DECIMAL) return n * DECIMAL[suffix];
  return n * 10 ** Number(suffix.slice(1));
}

/** Bytes with the largest binary suffix that divides them exactly. */
export function formatBytes(bytes: number): string {
  const n = Math.round(bytes);
  for (const suffix of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki']) {
    const unit = BINARY[suffix];
    if (n >= unit && n % unit === 0) return `${n / unit}${suffix}`;
  }
  return String(n);
}

/** CPU cores as whole cores when exact, otherwise millicores ("250m"). */
export function formatCpu(cores: number): string {
  const milli = Math.round(cores * 1000);
  if (milli % 1000 === 0) return String(milli / 1000);
  return `${milli}m`;
}

/** Bytes rounded to kibibytes, the unit metrics-server reports memory in. */
export function formatKi(bytes: number): string {
  return `${Math.round(bytes / 1024)}Ki`;
}
