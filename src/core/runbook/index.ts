// A runbook's cells and thresholds, read once per version of its text. Light:
// the editor's activation bundle uses it, so it never pulls in the engine.
export { Runbook, type Cell } from './runbook';
