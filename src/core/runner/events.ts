// What a runner tells its subscribers while it runs: the notebook's outputs,
// the CLI's printing, and (next) the incident recorder and the audit trail.

import type { CommandResult, ConfirmationRequest } from '../engine';
import type { CellResult } from '../results/cellResult';
import type { Cell } from '../runbook';

export type RunnerEvent =
  | { type: 'cell-started'; cell: Cell; sampled: boolean }
  | { type: 'text'; cell: Cell; stream: 'stdout' | 'stderr'; text: string }
  /** A stream of the cell grew too large to keep: from now on it goes whole to this file, and the cell keeps its last lines. */
  | { type: 'spooled'; cell: Cell; stream: 'stdout' | 'stderr'; path: string; maxLines: number }
  /** A `watch` frame replaces everything the cell printed so far. */
  | { type: 'clear'; cell: Cell }
  | { type: 'command-finished'; cell: Cell; command: CommandResult }
  | { type: 'confirmation'; cell: Cell; request: ConfirmationRequest; answer: boolean }
  /** A command a read-only run passed over, or a cell a stopped run did not reach. */
  | { type: 'skipped'; cell: Cell; command?: string; reason: string }
  | { type: 'cancelled'; cell: Cell }
  | { type: 'cell-finished'; cell: Cell; result: CellResult }
  /** A run of several cells ended early; the cells after `cell` were not run. */
  | { type: 'stopped'; cell: Cell; reason: StopReason; message: string };

export type StopReason = 'failure' | 'critical' | 'cancelled';

/**
 * A subscriber. What it returns for `cell-finished` is awaited before the next
 * cell starts (outputs written, a cell's execution ended, a record saved);
 * for every other event it is not waited for.
 */
export type RunnerListener = (event: RunnerEvent) => void | Promise<void>;
