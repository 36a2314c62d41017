// What measuring a cell yields before judging: values with the thing they are
// about (a pod, a workload, a connection), so the judge can find their groups.

import type { CommandResult, Target } from '../../results/commandResult';
import type { TableCell } from '../../results/toolData';
import { Quantity } from '../../units';
import type { BreachTracker } from '../tracker';
import type { Finding, Measurement, ThresholdGroup } from '../types';

export type Selector =
  | { pod: string }
  | { workload: string }
  | { target: 'postgres' | 'redis' | 'http'; details?: Target }
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
  command: CommandResult;
  commandIndex: number;
  samples: Sample[];
  findings: FoundFinding[];
}

/** A table cell as kubectl prints it (`<none>` aside): text, or undefined for an empty cell. */
export const cellText = (cell: TableCell | undefined): string | undefined => (typeof cell === 'string' ? cell : typeof cell === 'number' ? String(cell) : undefined);

/** A table cell that holds a whole or decimal number (`3`, 3). */
export const cellNumber = (cell: TableCell | undefined): number | undefined =>
  typeof cell === 'number' && Number.isFinite(cell) ? cell : typeof cell === 'string' && /^-?\d+(\.\d+)?$/.test(cell.trim()) ? Number(cell) : undefined;

/** The index of a column by its name, case aside (-1 when absent). */
export function columnIndex(columns: readonly string[], name: string): number {
  return columns.findIndex((c) => c.toLowerCase() === name);
}

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
