// What a cell's run did: its commands' records, in order.

import type { CommandResult } from '../results/commandResult';

export interface CellRun {
  ok: boolean;
  exitCode: number;
  startedAt: string;
  durationMs: number;
  commands: CommandResult[];
}
