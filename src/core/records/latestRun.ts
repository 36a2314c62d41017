// A record's code cell reopened: its latest recorded run as the result the
// notebook shows, and the execution summary the cell gets back (whether it
// succeeded, when it started and ended).

import type { RunbookCell } from '../markdown';
import type { CellResult } from '../results';
import { recordedResult } from './readRecord';
import { readRunBlocks } from './runBlock';

export interface LatestRun {
  result: CellResult;
  /** The run's status was ok or skipped. */
  success: boolean;
  /** Epoch milliseconds. */
  startTime: number;
  endTime: number;
}

/** The latest run recorded after the cell's fence, or undefined when there is none this version can read. */
export function latestRecordedRun(cell: RunbookCell): LatestRun | undefined {
  const runs = cell.runs ?? cell.origin?.runs;
  if (cell.kind !== 'code' || !runs) return undefined;
  const read = readRunBlocks(runs, cell.origin?.fence?.prefix ?? '').at(-1);
  if (!read) return undefined;
  const result = recordedResult(read);
  const startTime = Date.parse(read.run.at);
  const start = Number.isNaN(startTime) ? 0 : startTime;
  return { result, success: result.status === 'ok' || result.status === 'skipped', startTime: start, endTime: start + Math.max(0, read.run.durationMs || 0) };
}
