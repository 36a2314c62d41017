// The engines a benchmark runs its native commands with: this checkout's,
// and with BENCH_BASELINE=DIR another checkout's (scripts/bench.mjs bundles
// it and names the bundle in BENCH_BASELINE_ENGINE), so one run measures
// both on the same servers, interleaved round by round.

import { runCell, Session } from '../src/core/engine';
import { createRegistry } from '../src/core/tools';

export interface Engine {
  /** `native`, and `base` for the baseline. */
  label: string;
  runCell: typeof runCell;
  Session: typeof Session;
  createRegistry: typeof createRegistry;
}

export function benchEngines(): Engine[] {
  const engines: Engine[] = [{ label: 'native', runCell, Session, createRegistry }];
  const baseline = process.env.BENCH_BASELINE_ENGINE;
  // The baseline was built from the same engine API; its types are this checkout's.
  if (baseline) engines.push({ label: 'base', ...(require(baseline) as Omit<Engine, 'label'>) });
  return engines;
}
