// What `runbook check` and `runbook run` read from one pass of the runner:
// which cells ran, which commands were skipped (changes in a read-only run,
// terminal-only steps: not failures) and which failed, were declined or
// lacked a value, each at its line in the file; and the exit code all the
// runbook commands share.

import type { CellResult, CommandResult } from '../core/results';
import type { Cell } from '../core/runbook';
import type { RunOutcome } from '../core/runner';
import { maxLevel, type Finding, type Level, type Verdict } from '../core/thresholds';

export interface SkippedCommand {
  line: number;
  command: string;
  reason: string;
}

export interface FailedCommand {
  line: number;
  command: string;
  exitCode: number;
  message: string;
}

/** A cell that ran at least one command. */
export interface CheckedRun {
  cell: Cell;
  /** The file line of its first command that ran. */
  line: number;
  result: CellResult;
}

export interface CheckRound {
  runs: CheckedRun[];
  skipped: SkippedCommand[];
  failures: FailedCommand[];
}

export function readRound(outcome: RunOutcome): CheckRound {
  const round: CheckRound = { runs: [], skipped: [], failures: [] };
  for (const { cell, result } of outcome.results) {
    const commands = result.commands ?? [];
    const lineOf = (c: CommandResult) => (cell.line ?? 1) + (c.line ?? 0);
    const ran = commands.filter((c) => c.status !== 'skipped' && !c.terminal);
    for (const c of commands) {
      if (c.status === 'skipped') round.skipped.push({ line: lineOf(c), command: c.command, reason: c.reason ?? 'skipped' });
      else if (c.terminal) round.skipped.push({ line: lineOf(c), command: c.command, reason: `needs a terminal: ${c.terminal.reason}` });
      else if (isFailure(c)) round.failures.push({ line: lineOf(c), command: c.command, exitCode: c.exitCode, message: failureMessage(c, result) });
    }
    if (ran.length) round.runs.push({ cell, line: lineOf(ran[0]), result });
  }
  return round;
}

/** A step that failed, was declined, was stopped or lacked a value; `... | grep X` finding nothing read state fine. */
function isFailure(c: CommandResult): boolean {
  if (c.status === 'ok') return false;
  if (c.status === 'failed') return !grepFoundNothing(c.command, c.exitCode);
  return true;
}

function grepFoundNothing(command: string, exitCode: number): boolean {
  return exitCode === 1 && /\|\s*grep\b[^|]*$/.test(command);
}

function failureMessage(c: CommandResult, result: CellResult): string {
  if (c.status === 'declined' || c.status === 'not-run') return c.reason ?? c.status;
  // A command stopped by its timeout: the reason says so, where stderr's first line is the tool's own (`Cancel request sent`).
  if (c.reason) return c.reason;
  return (result.stderr ?? '').trim().split('\n')[0] ?? '';
}

/** The exit codes of `runbook check` and `runbook run` (the README's table). */
export const EXIT = { ok: 0, warning: 1, critical: 2, incomplete: 3, unreadable: 4 } as const;

/** The highest level a round reached: its verdicts (only sustained breaches when asked; not-measured never counts) and its findings. */
export function roundLevel(verdicts: readonly Verdict[], findings: readonly Pick<Finding, 'level'>[], sustainedOnly = false): Level {
  const counted = (v: Verdict): Level[] => (v.level === 'not-measured' ? [] : [sustainedOnly ? (v.sustainedLevel ?? 'ok') : v.level]);
  return maxLevel([...verdicts.flatMap(counted), ...findings.map((f) => f.level)]);
}

/** 3 when a step failed, was declined or lacked a value (it takes precedence); else the highest level. */
export function exitCodeFor(level: Level, round: CheckRound): number {
  return round.failures.length ? EXIT.incomplete : EXIT[level];
}
