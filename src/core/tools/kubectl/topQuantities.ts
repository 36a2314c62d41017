// The quantities kubectl top prints: CPU as millicores rounded up, memory as
// bytes rounded up, then whole MiB; and the requests or limits a pod declares.

import { Quantity } from '../../units';

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
