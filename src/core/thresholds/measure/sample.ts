// What measuring a cell yields before judging: values with the thing they are
// about (a pod, a workload, a connection), so the judge can find their groups.

import type { CommandSummary } from '../../results/cellResult';
import { Quantity } from '../../units';
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

/** A Kubernetes quantity (`25377Ki`, `8Gi`, `100G`) in whole bytes; undefined unless more than zero. */
export function quantityBytes(text: string): number | undefined {
  const bytes = Quantity.parse(text)?.value();
  return bytes !== undefined && bytes > 0 ? bytes : undefined;
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
