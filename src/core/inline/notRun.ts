// Why Run All, `runbook check` and `runbook run` leave an inline command
// alone: prose often names a command as an example, so it runs only when
// the reader asks for it.

export function inlineNotRunReason(file: string, line: number): string {
  return `inline command, not run by Run All: run it from the paragraph or with runbook exec --from ${file}:${line}`;
}

/** The same, in the editor, where the ▶ after the command runs it. */
export const INLINE_NOT_RUN_IN_EDITOR = 'inline command, not run by Run All: run it from its ▶ in the paragraph';
