// Runs a cell through the core engine with VS Code's prompts, editor and
// output streaming. Cancellation of the cell aborts everything it started.

import * as vscode from 'vscode';
import { runCell, type ToolRegistry } from '../core/engine';
import { CellOutputWriter } from './cellOutputs';
import type { CellRunner, RunMode } from './controller';
import type { EditInEditor } from './editInEditor';
import type { Log } from './log';
import type { Prompts } from './prompts';
import type { NotebookSessions } from './sessions';

export class EngineRunner implements CellRunner {
  constructor(
    private readonly registry: ToolRegistry,
    private readonly sessions: NotebookSessions,
    private readonly prompts: Prompts,
    private readonly editor: EditInEditor,
    private readonly log: Log,
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
      await writer.finish(run, cell.document.getText());
      for (const command of run.commands) this.log.info(`${command.status} (${command.exitCode}) in ${command.durationMs} ms: ${command.command}`);
      this.sessions.notifyChanged(cell.notebook);
      return run.ok;
    } finally {
      subscription.dispose();
    }
  }
}
