// The order the paths of a benchmark run in, round by round. A path that
// always runs right after the spawned CLI pays for its aftermath (the process
// exiting, the server that served it catching up) every time; in a balanced
// Latin square (Williams' design) every path runs right after every other
// path equally often, so no path carries that cost alone.

/** Orders of the indexes 0..n-1, one per round in turn: n of them for even n, 2n for odd n. */
export function balancedOrders(n: number): number[][] {
  // The first row is 0, 1, n-1, 2, n-2, ...; each further row adds 1 (mod n).
  const first = Array.from({ length: n }, (_, k) => (k === 0 ? 0 : k % 2 ? (k + 1) / 2 : n - k / 2));
  const rows = Array.from({ length: n }, (_, r) => first.map((v) => (v + r) % n));
  return n % 2 === 0 ? rows : [...rows, ...rows.map((row) => [...row].reverse())];
}

/**
 * Runs each path once to warm it, then `rounds` rounds in balanced order, and
 * returns each path's times (what `timed` gives) by name.
 */
export async function interleavedRounds(
  paths: readonly (readonly [string, () => Promise<number | void>])[],
  rounds: number,
  time: (fn: () => Promise<number | void>) => Promise<number>,
): Promise<Record<string, number[]>> {
  for (const [, fn] of paths) await fn();
  const times: Record<string, number[]> = Object.fromEntries(paths.map(([name]) => [name, [] as number[]]));
  const orders = balancedOrders(paths.length);
  for (let round = 0; round < rounds; round++) {
    for (const index of orders[round % orders.length]!) {
      const [name, fn] = paths[index]!;
      times[name]!.push(await time(fn));
    }
  }
  return times;
}
