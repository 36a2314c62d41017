// A result's whole output, read back from the session's spool files while
// they still exist: for a record, or for the CLI's JSON document, which must
// hold every line and not only the last ones a cell shows.

import { readFileSync } from 'node:fs';
import type { CellResult, FullOutput } from '../results/cellResult';

/** An output's whole text: from its spool file when it was too large to keep in the result. */
export function wholeText(shown: string, full: FullOutput | undefined): string {
  if (!full) return shown;
  try {
    return readFileSync(full.path, 'utf8');
  } catch {
    return shown;
  }
}

/** The result with its whole stdout and stderr in place of their last lines. */
export function wholeResult(result: CellResult): CellResult {
  if (!result.fullOutput) return result;
  const { fullOutput, ...rest } = result;
  const stderr = result.stderr === undefined && !fullOutput.stderr ? undefined : wholeText(result.stderr ?? '', fullOutput.stderr);
  return { ...rest, text: wholeText(result.text, fullOutput.stdout), ...(stderr !== undefined ? { stderr } : {}) };
}
