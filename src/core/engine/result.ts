// What a cell's run did: its commands' records, in order.

import type { CommandResult } from '../results/commandResult';

export interface CellRun {
  /** See `ranCleanly`. */
  ok: boolean;
  exitCode: number;
  startedAt: string;
  durationMs: number;
  commands: CommandResult[];
}

/** Whether a run did its job: it exited 0 and every command ran, or was skipped on purpose by a read-only run. */
export function ranCleanly(exitCode: number, commands: readonly CommandResult[]): boolean {
  return exitCode === 0 && commands.every((c) => c.status === 'ok' || c.status === 'skipped');
}
