// The structured item every cell output carries next to its text/plain item.
// Plain data only: the renderer (browser) and the CLI read it too.

import type { CellVerdict } from '../thresholds/types';
import type { CommandResult, ResultStatus } from './commandResult';

export const RESULT_MIME = 'application/vnd.runbook.result+json';

export interface CellResult {
  /** Program the cell's first command starts with (`kubectl`, `psql`, ...), or `sql`. */
  tool: string;
  /** The cell's commands as run, with secrets masked. */
  command: string;
  status: ResultStatus;
  /** What the real CLI would print on stdout. */
  text: string;
  /** What it would print on stderr. */
  stderr?: string;
  /**
   * Set when an output was too large to keep: `text` (or `stderr`) then holds only its last lines, and the whole of it
   * is in a file of the session's, removed when the session ends.
   */
  fullOutput?: { stdout?: FullOutput; stderr?: FullOutput };
  /** Why the command did not run, or what the user can do about a failure. */
  message?: string;
  startedAt?: string;
  durationMs?: number;
  exitCode?: number;
  commands?: CommandResult[];
  /** The runbook's thresholds applied to what this cell measured (absent when it measured nothing). */
  verdict?: CellVerdict;
  /** Set on a result read back from an incident record. */
  recorded?: {
    run: number;
    at: string;
    who: string;
    /** The text shown no longer matches what was recorded: it was changed by hand. */
    edited?: boolean;
    /** The record shows the beginning of the output; all of it is in this file next to the record. */
    sidecar?: string;
  };
}

/** Where the whole of a large output is, and how much of it the result shows. */
export interface FullOutput {
  path: string;
  bytes: number;
  /** Lines in the whole output. */
  lines: number;
  /** Of those, the last ones the result's text holds. */
  shownLines: number;
}
