// The notebook controller: takes VS Code's run requests one at a time, in
// order, and respects Workspace Trust. How cells run (and Run All's
// policies) is the shared runbook runner's job, reached through a CellRunner.

import * as vscode from 'vscode';
import { Disposable } from './disposable';
import { NOTEBOOK_TYPE } from './serializer';
import { isTrusted, untrustedOutput } from './trust';

/** Starts a cell's execution when the runner reaches it (numbered, started, outputs cleared). */
export type StartExecution = (cell: vscode.NotebookCell) => vscode.NotebookCellExecution;

export interface CellRunner {
  /** Runs the code cells in order: one cell on its own, several as a Run All. */
  run(cells: vscode.NotebookCell[], notebook: vscode.NotebookDocument, start: StartExecution): Promise<void>;
}

export class RunbookController extends Disposable {
  private readonly controller: vscode.NotebookController;
  private order = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly runner: CellRunner) {
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
    if (!isTrusted()) {
      for (const cell of code) {
        const execution = this.start(cell);
        await execution.replaceOutput(untrustedOutput());
        execution.end(false, Date.now());
      }
      return;
    }
    try {
      await this.runner.run(code, notebook, (cell) => this.start(cell));
    } catch (error) {
      void vscode.window.showErrorMessage(`Runbook: the run failed: ${(error as Error).message}`);
    }
  }

  private start(cell: vscode.NotebookCell): vscode.NotebookCellExecution {
    const execution = this.controller.createNotebookCellExecution(cell);
    execution.executionOrder = ++this.order;
    execution.start(Date.now());
    void execution.clearOutput();
    return execution;
  }
}
