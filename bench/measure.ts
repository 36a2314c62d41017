// What every benchmark measures with: medians, and the time of one call.

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** A call's time in ms: what it reports itself (a CLI timed in the spawner), else its wall time. */
export async function timed(fn: () => Promise<number | void> | number | void): Promise<number> {
  const start = process.hrtime.bigint();
  const reported = await fn();
  return typeof reported === 'number' ? reported : Number(process.hrtime.bigint() - start) / 1e6;
}
