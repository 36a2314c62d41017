// Run counts for the fuzz tests (test/**/*.fuzz.test.ts). Each property runs
// this many cases, and prints the count it ran, so the README's table can be
// checked against a run. FUZZ_RUNS_SCALE multiplies every count for a longer
// hunt on a quiet machine; the default keeps the whole group under 30 s on 2 cores.

import type { TestContext } from 'node:test';
import fc from 'fast-check';

const SCALE = Number(process.env.FUZZ_RUNS_SCALE ?? '1') || 1;

/** Checks `property` for `runs` cases (times FUZZ_RUNS_SCALE) and reports the count on the test. */
export function fuzz(t: TestContext, runs: number, property: Parameters<typeof fc.assert>[0]): void {
  const numRuns = Math.max(1, Math.round(runs * SCALE));
  fc.assert(property, { numRuns });
  t.diagnostic(`fuzz runs: ${numRuns}`);
}

/** The same for an asynchronous property. */
export async function fuzzAsync(t: TestContext, runs: number, property: Parameters<typeof fc.assert>[0]): Promise<void> {
  const numRuns = Math.max(1, Math.round(runs * SCALE));
  await fc.assert(property, { numRuns });
  t.diagnostic(`fuzz runs: ${numRuns}`);
}
