// The inline commands `runbook check` and `runbook run` list and never run,
// each with its line and why.

import { findInlineCommands, inlineNotRunReason } from '../core/inline';
import type { SkippedCommand } from './runOutcome';

export function inlineNotRun(file: string, text: string): SkippedCommand[] {
  return findInlineCommands(text).map((c) => ({ line: c.line, command: c.command, reason: inlineNotRunReason(file, c.line) }));
}

export function inlineSummary(count: number): string {
  return count ? `, ${count} inline command${count === 1 ? '' : 's'} not run` : '';
}
