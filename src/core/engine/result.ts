// What one command of a cell did: the structured record behind every output.

import type { Target } from './tool';

/** `skipped`: a read-only run passed over a command that does not only read (not a failure). */
export type CommandStatus = 'ok' | 'failed' | 'not-run' | 'declined' | 'cancelled' | 'skipped';

export interface CommandResult {
  /** The command as written, with secret values masked. */
  command: string;
  /** The program (`kubectl`, `psql`, ...) or `sql` for a statement in a SQL cell. */
  tool: string;
  status: CommandStatus;
  exitCode: number;
  /** 0-based line in the cell where the command starts. */
  line?: number;
  /** Why a command was skipped or not run. */
  reason?: string;
  startedAt: string;
  durationMs: number;
  target?: Target;
  /** Variables and placeholders used, secret values masked. */
  variables?: Record<string, string>;
  /** Structured data from the tool (tables, objects, measurements). */
  data?: Record<string, unknown>[];
  /** Explanations for the reader; never part of the CLI text. */
  notes?: string[];
  /** Set when the command must run in a terminal instead. */
  terminal?: { commandLine: string; reason: string };
  /** A streaming command cut off after its sampling window. */
  sampled?: boolean;
}

export interface CellRun {
  ok: boolean;
  exitCode: number;
  startedAt: string;
  durationMs: number;
  commands: CommandResult[];
}
