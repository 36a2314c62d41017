// The structured item every cell output carries next to its text/plain item.
// Plain data only: the renderer (browser) and the CLI read it too.

export const RESULT_MIME = 'application/vnd.runbook.result+json';

export type ResultStatus = 'ok' | 'failed' | 'not-run';

export interface CellResult {
  /** Program the command line starts with (`kubectl`, `psql`, ...), or `sql` for a SQL cell. */
  tool: string;
  /** The command line as run, with secrets masked. */
  command: string;
  status: ResultStatus;
  /** What the real CLI would print. */
  text: string;
  /** Why the command did not run, or what the user can do about a failure. */
  message?: string;
  startedAt?: string;
  durationMs?: number;
}
