// `runbook check`: which commands of a runbook read state (and so may run),
// and running them once: each cell's result judged against the thresholds.

import { planCell, runCell, type CellRun, type ToolRegistry } from '../core/engine';
import type { Session } from '../core/engine';
import { firstCodeLine, type RunbookCell } from '../core/markdown';
import type { CellResult } from '../core/results';
import { judgeCell, type BreachTracker, type CellVerdict, type ThresholdGroup } from '../core/thresholds';

/** Something check runs: a whole cell when every command in it reads, else one reading command of it. */
export interface CheckUnit {
  cellIndex: number;
  /** 1-based line in the file. */
  line: number;
  text: string;
  language: string;
}

export interface SkippedCommand {
  line: number;
  command: string;
  reason: string;
}

export interface CheckPlan {
  units: CheckUnit[];
  skipped: SkippedCommand[];
}

export function planCheck(fileText: string, cells: readonly RunbookCell[], registry: ToolRegistry, env: Readonly<Record<string, string | undefined>>): CheckPlan {
  const units: CheckUnit[] = [];
  const skipped: SkippedCommand[] = [];
  const body = fileText.replace(/^\uFEFF/, '');
  cells.forEach((cell, cellIndex) => {
    if (cell.kind !== 'code' || cell.origin?.fence?.role === 'frontmatter') return;
    const rows = planCell(cell.value, cell.language, registry, env);
    if (!rows.length) return;
    const first = firstCodeLine(body, cell) ?? 1;
    const reads = rows.filter((r) => r.native && !r.mutates && !r.terminal);
    for (const row of rows) {
      if (reads.includes(row)) continue;
      const reason = row.mutates ? `changes state${row.terminal ? ` and ${row.reason ?? 'needs a terminal'}` : ''}` : row.terminal ? `needs a terminal: ${row.reason ?? ''}` : (row.reason ?? 'does not run natively');
      skipped.push({ line: first + row.line, command: row.command, reason });
    }
    if (reads.length === rows.length) units.push({ cellIndex, line: first, text: cell.value, language: cell.language });
    else for (const row of reads) if (row.tool) units.push({ cellIndex, line: first + row.line, text: row.command, language: cell.language });
  });
  return { units, skipped };
}

export interface UnitRun {
  unit: CheckUnit;
  result: CellResult;
  verdict?: CellVerdict;
  /** A command that ran and failed: the check is incomplete. */
  failed: boolean;
  /** Commands that did not run (a variable with no value, a terminal-only program found at run time). */
  notRun: SkippedCommand[];
}

export interface RunUnitOptions {
  session: Session;
  registry: ToolRegistry;
  signal: AbortSignal;
  streamWindowMs: number;
  groups: readonly ThresholdGroup[];
  tracker: BreachTracker;
  now?: () => Date;
}

export async function runUnit(unit: CheckUnit, options: RunUnitOptions): Promise<UnitRun> {
  let stdout = '';
  let stderr = '';
  const run: CellRun = await runCell(unit.text, {
    language: unit.language,
    session: options.session,
    registry: options.registry,
    signal: options.signal,
    isTTY: false,
    streamWindowMs: options.streamWindowMs,
    events: { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), clear: () => void (stdout = '') },
    hooks: {
      // Values come only from --var; check never prompts and never changes state.
      resolve: async () => undefined,
      confirm: async () => false,
    },
  });
  const status = run.commands.find((c) => c.status !== 'ok')?.status ?? 'ok';
  const result: CellResult = {
    tool: run.commands[0]?.tool ?? '',
    command: run.commands.map((c) => c.command).join('\n') || unit.text.trim(),
    status,
    text: stdout,
    stderr: stderr || undefined,
    startedAt: run.startedAt,
    durationMs: run.durationMs,
    exitCode: run.exitCode,
    commands: run.commands,
  };
  const verdict = judgeCell(options.groups, result, options.tracker, options.now?.() ?? new Date());
  if (verdict) result.verdict = verdict;
  const notRun = run.commands
    .filter((c) => c.status === 'not-run' || c.status === 'declined')
    .map((c) => ({ line: unit.line, command: c.command, reason: c.terminal ? `needs a terminal: ${c.terminal.reason}` : c.status === 'declined' ? 'changes state' : firstLine(stderr) || 'not run' }));
  const failed = run.commands.some((c) => (c.status === 'failed' && !grepFoundNothing(c.command, c.exitCode)) || c.status === 'cancelled');
  return { unit, result, verdict, failed, notRun };
}

/** `... | grep X` exits 1 when no line matches: the command read state fine. */
function grepFoundNothing(command: string, exitCode: number): boolean {
  return exitCode === 1 && /\|\s*grep\b[^|]*$/.test(command);
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim())?.trim() ?? '';
}
