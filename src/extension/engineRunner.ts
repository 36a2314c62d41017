// Runs a cell through the core engine with VS Code's prompts, editor and
// output streaming, then judges its result against the runbook's thresholds.
// Cancellation of the cell aborts everything it started.

import * as vscode from 'vscode';
import { runCell, type ToolRegistry } from '../core/engine';
import type { CellResult } from '../core/results';
import { BreachTracker, judgeCell, type CellVerdict } from '../core/thresholds';
import { CellOutputWriter } from './cellOutputs';
import type { CellRunner, RunMode } from './controller';
import type { EditInEditor } from './editInEditor';
import type { Log } from './log';
import { readNotebookThresholds } from './notebookThresholds';
import type { NotebookVerdicts } from './notebookVerdicts';
import type { Prompts } from './prompts';
import type { NotebookSessions } from './sessions';

export class EngineRunner implements CellRunner {
  constructor(
    private readonly registry: ToolRegistry,
    private readonly sessions: NotebookSessions,
    private readonly prompts: Prompts,
    private readonly editor: EditInEditor,
    private readonly log: Log,
    private readonly verdicts?: NotebookVerdicts,
  ) {}

  async run(cell: vscode.NotebookCell, execution: vscode.NotebookCellExecution, mode: RunMode): Promise<boolean> {
    const session = this.sessions.get(cell.notebook);
    const controller = new AbortController();
    const subscription = execution.token.onCancellationRequested(() => controller.abort('stopped'));
    const writer = new CellOutputWriter(execution);
    const windowSeconds = vscode.workspace.getConfiguration('runbook', cell.notebook.uri).get<number>('runAll.streamWindowSeconds', 10);
    try {
      const run = await runCell(cell.document.getText(), {
        language: cell.document.languageId,
        session,
        registry: this.registry,
        signal: controller.signal,
        isTTY: true,
        streamWindowMs: mode === 'all' ? windowSeconds * 1000 : undefined,
        events: writer.events,
        hooks: {
          resolve: (request) => this.prompts.values(request, session),
          confirm: (request) => this.prompts.confirm(request),
          editText: (request) => this.editor.edit(request, execution.token),
        },
      });
      const verdict = await writer.finish(run, cell.document.getText(), (result) => this.judge(cell, result));
      this.verdicts?.set(cell, verdict);
      for (const command of run.commands) this.log.info(`${command.status} (${command.exitCode}) in ${command.durationMs} ms: ${command.command}`);
      this.sessions.notifyChanged(cell.notebook);
      return run.ok;
    } finally {
      subscription.dispose();
    }
  }

  /** The cell's verdict; a problem in judging is logged, never a failed cell. */
  private judge(cell: vscode.NotebookCell, result: CellResult): CellVerdict | undefined {
    const warn = (error: Error) => this.log.warn(`thresholds: ${error.message}`);
    try {
      const { groups } = readNotebookThresholds(cell.notebook, warn);
      const tracker = this.sessions.breaches(cell.notebook, () => new BreachTracker());
      return judgeCell(groups, result, tracker);
    } catch (error) {
      warn(error as Error);
      return undefined;
    }
  }
}
