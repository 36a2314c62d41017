// The notebook controller: runs cells one at a time, in order, and respects
// Workspace Trust. What a cell does is decided by a CellRunner. Run All stops
// at a failed cell, and at a critical verdict (runbook.stopOnCritical).

import * as vscode from 'vscode';
import { Disposable } from './disposable';
import type { NotebookVerdicts } from './notebookVerdicts';
import { NOTEBOOK_TYPE } from './serializer';
import { isTrusted, untrustedOutput } from './trust';

/** `single`: the user ran one cell. `all`: Run All or a range, where streams are sampled. */
export type RunMode = 'single' | 'all';

export interface CellRunner {
  /** Runs one cell; returns whether it succeeded. Outputs go through `execution`. */
  run(cell: vscode.NotebookCell, execution: vscode.NotebookCellExecution, mode: RunMode): Promise<boolean>;
}

export class RunbookController extends Disposable {
  private readonly controller: vscode.NotebookController;
  private order = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly runner: CellRunner,
    private readonly verdicts?: NotebookVerdicts,
  ) {
    super();
    this.controller = this.register(vscode.notebooks.createNotebookController('runbook-native', NOTEBOOK_TYPE, 'Runbook (native clients)'));
    this.controller.supportedLanguages = ['shellscript', 'sql', 'yaml', 'json'];
    this.controller.supportsExecutionOrder = true;
    this.controller.description = 'Runs kubectl, psql, redis-cli, aws and curl steps in-process';
    this.controller.executeHandler = (cells, notebook) => {
      // Runbooks are sequential: a second request waits for the first.
      this.queue = this.queue.then(() => this.runAll(cells, notebook));
      return this.queue;
    };
  }

  private async runAll(cells: vscode.NotebookCell[], notebook: vscode.NotebookDocument): Promise<void> {
    const code = cells.filter((c) => c.kind === vscode.NotebookCellKind.Code);
    const mode: RunMode = code.length > 1 ? 'all' : 'single';
    const settings = vscode.workspace.getConfiguration('runbook', notebook.uri);
    const continueOnFailure = settings.get<boolean>('runAll.continueOnFailure', false);
    const stopOnCritical = settings.get<boolean>('stopOnCritical', true);
    for (let i = 0; i < code.length; i++) {
      const ok = await this.runOne(code[i], mode);
      if (i === code.length - 1) break;
      if (!ok && !continueOnFailure) {
        void vscode.window.showWarningMessage(`Run All stopped at a failed cell (cell ${code[i].index + 1}); the cells after it were not run. Set runbook.runAll.continueOnFailure to keep going.`);
        break;
      }
      const verdict = this.verdicts?.get(code[i]);
      if (stopOnCritical && verdict?.level === 'critical') {
        const why = verdict.verdicts.find((v) => v.level === 'critical')?.text ?? verdict.findings.find((f) => f.level === 'critical')?.message;
        void vscode.window.showWarningMessage(
          `Run All stopped at cell ${code[i].index + 1}: its verdict is critical${why ? ` (${why})` : ''}. The cells after it were not run. Set runbook.stopOnCritical to false to keep going.`,
        );
        break;
      }
    }
  }

  private async runOne(cell: vscode.NotebookCell, mode: RunMode): Promise<boolean> {
    const execution = this.controller.createNotebookCellExecution(cell);
    execution.executionOrder = ++this.order;
    execution.start(Date.now());
    await execution.clearOutput();
    if (!isTrusted()) {
      await execution.replaceOutput(untrustedOutput());
      execution.end(false, Date.now());
      return false;
    }
    let ok = false;
    try {
      ok = await this.runner.run(cell, execution, mode);
    } catch (error) {
      await execution.replaceOutput(new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.error(error as Error)]));
    }
    execution.end(ok, Date.now());
    return ok;
  }
}
