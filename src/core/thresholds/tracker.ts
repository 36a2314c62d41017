// Session memory for thresholds: when each breach began (per group, metric
// and subject) and facts one cell learns for another (PVC capacities from
// `kubectl get pvc`, database sizes from psql), so storage can be judged
// whichever of the two ran last.

import type { Level } from './types';

export interface BreachState {
  /** When the value first crossed the warning bound (or the critical one) without coming back, ms since epoch. */
  warningSince?: number;
  /** When it first crossed the critical bound without dropping below it. */
  criticalSince?: number;
}

export class BreachTracker {
  private readonly breaches = new Map<string, BreachState>();
  /** PVC name → capacity in bytes, the last `kubectl get pvc` (or describe) seen in the session. */
  readonly pvcCapacities = new Map<string, number>();
  /** Database name → size in bytes, the last pg_database_size seen in the session. */
  readonly databaseSizes = new Map<string, number>();

  /** Records one sample's level and returns since when each level has held. */
  observe(key: string, level: Level, now: Date): BreachState {
    const t = now.getTime();
    if (level === 'ok') {
      this.breaches.delete(key);
      return {};
    }
    const state = { ...this.breaches.get(key) };
    state.warningSince ??= t;
    if (level === 'critical') state.criticalSince ??= t;
    else delete state.criticalSince;
    this.breaches.set(key, state);
    return { ...state };
  }

  /** The breach state of a key without recording a sample. */
  state(key: string): BreachState | undefined {
    const s = this.breaches.get(key);
    return s && { ...s };
  }

  /** Forgets every breach and fact (a new session). */
  clear(): void {
    this.breaches.clear();
    this.pvcCapacities.clear();
    this.databaseSizes.clear();
  }
}
