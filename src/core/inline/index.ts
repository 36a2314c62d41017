// Commands written inline in a runbook's prose (`kubectl -n prod describe pod web-1`).
export { findCodeSpans, type CodeSpan } from './codeSpans';
export { isInlineCommand } from './inlineCommand';
export { findInlineCommands, findProseSpans, type InlineCommand } from './inlineCommands';
export { PROGRAMS_WE_RUN, TERMINAL_CLIS } from './programs';
export { notingCodeSpanStarts, codeSpanStart, linesBefore } from './spanPositions';
export { inlineNotRunReason, INLINE_NOT_RUN_IN_EDITOR } from './notRun';
export { INLINE_RENDERER_ID, type InlineRunShown, type RunInlineRequest } from './messages';
export { tokensInRecordedRuns } from './recordedRuns';
export { runAnchor, withRunAfterParagraph, type RunAnchor } from './runAnchor';
