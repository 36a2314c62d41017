// What measuring a cell yields before judging: values with the thing they are
// about (a pod, a workload, a connection), so the judge can find their groups.

import type { CommandSummary } from '../../results/cellResult';
import type { BreachTracker } from '../tracker';
import type { Finding, Measurement, ThresholdGroup } from '../types';

export type Selector =
  | { pod: string }
  | { workload: string }
  | { target: 'postgres' | 'redis' | 'http'; details?: CommandSummary['target'] }
  | { pvc: string };

export interface Sample {
  measurement: Measurement;
  select: Selector;
}

export interface FoundFinding {
  finding: Finding;
  select?: Selector;
}

export interface MeasureContext {
  groups: readonly ThresholdGroup[];
  tracker: BreachTracker;
  command: CommandSummary;
  commandIndex: number;
  samples: Sample[];
  findings: FoundFinding[];
}

export type Data = Record<string, unknown>;

export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : undefined);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

export function percent(part: number, whole: number): number {
  return Math.round((1000 * part) / whole) / 10;
}

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** A Kubernetes quantity (`25377Ki`, `8Gi`, `100G`) in bytes. */
export function quantityBytes(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([KMGTPE]i|[kMGTPE]?)$/.exec(text.trim());
  if (!m) return undefined;
  return Math.round(Number(m[1]) * (BINARY[m[2]] ?? DECIMAL[m[2]] ?? NaN)) || undefined;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = bytes;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i ? v.toFixed(1).replace(/\.0$/, '') : v} ${units[i]}`;
}
