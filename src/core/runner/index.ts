// The runbook runner: cells in, one result and verdict per cell out, with
// events for whoever records or shows the run.
export { DEFAULT_COMMAND_TIMEOUT_SECONDS, RunbookRunner, type RunnerOptions, type RunnerPolicy, type RunRequest, type RunOutcome } from './runner';
export type { RunnerEvent, RunnerListener, StopReason } from './events';
export { buildCellResult, cellStatus, cellSucceeded } from './cellResult';
