// The one place a cell's result is assembled from what the engine ran and
// what the cell printed, with the one status rule.

import { ranCleanly, type CellRun } from '../engine';
import type { CellResult, CommandResult, ResultStatus } from '../results';
import type { Masker } from '../secrets';

/**
 * A cell's status: that of its first command that neither succeeded nor was
 * skipped; `skipped` when every command was; `ok` otherwise (also when it ran
 * no command: a variable assignment, a YAML cell).
 */
export function cellStatus(commands: readonly CommandResult[]): ResultStatus {
  const first = commands.find((c) => c.status !== 'ok' && c.status !== 'skipped');
  if (first) return first.status;
  return commands.length > 0 && commands.every((c) => c.status === 'skipped') ? 'skipped' : 'ok';
}

/** What the cell printed, as the runner kept it: of a large output, its last lines and where the whole of it is (core/output). */
export interface CellOutput {
  stdout: string;
  stderr: string;
  full?: CellResult['fullOutput'];
}

/** The cell's result, every string in it masked: no secret survives in its text, commands or data. */
export function buildCellResult(cellText: string, run: CellRun, output: CellOutput, masker: Masker): CellResult {
  return masker.maskDeep<CellResult>({
    tool: run.commands[0]?.tool ?? '',
    command: run.commands.map((c) => c.command).join('\n') || cellText.trim(),
    status: cellStatus(run.commands),
    text: output.stdout,
    stderr: output.stderr || undefined,
    ...(output.full ? { fullOutput: output.full } : {}),
    startedAt: run.startedAt,
    durationMs: run.durationMs,
    exitCode: run.exitCode,
    commands: run.commands,
  });
}

/** Whether the cell did its job, by the engine's rule for a run. */
export function cellSucceeded(result: CellResult): boolean {
  return ranCleanly(result.exitCode ?? 0, result.commands ?? []);
}
