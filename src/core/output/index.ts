export { CapturedOutput, SPOOL_BYTES, type OutputLimits } from './capturedOutput';
export { SPOOL_PREFIX, SpoolDirectory, spoolDirectoryOf } from './spoolDirectory';
export { TailLines } from './tailLines';

/** Lines a cell shows of its output when nothing else is set (`runbook.output.maxLines`). */
export const DEFAULT_MAX_OUTPUT_LINES = 1000;
export { wholeResult, wholeText } from './wholeOutput';
