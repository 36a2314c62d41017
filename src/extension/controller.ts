// The notebook controller: runs cells one at a time, in order, and respects
// Workspace Trust. What a cell does is decided by a CellRunner.

import * as vscode from 'vscode';
import { Disposable } from './disposable';
import { NOTEBOOK_TYPE } from './serializer';
import { isTrusted, untrustedOutput } from './trust';

export interface CellRunner {
  /** Runs one cell; returns whether it succeeded. Outputs go through `execution`. */
  run(cell: vscode.NotebookCell, execution: vscode.NotebookCellExecution): Promise<boolean>;
}

export class RunbookController extends Disposable {
  private readonly controller: vscode.NotebookController;
  private order = 0;

  constructor(private readonly runner: CellRunner) {
    super();
    this.controller = this.register(
      vscode.notebooks.createNotebookController('runbook-native', NOTEBOOK_TYPE, 'Runbook (native clients)'),
    );
    this.controller.supportedLanguages = ['shellscript', 'sql', 'yaml', 'json'];
    this.controller.supportsExecutionOrder = true;
    this.controller.description = 'Runs kubectl, psql, redis-cli, aws and curl steps in-process';
    this.controller.executeHandler = (cells) => this.runAll(cells);
  }

  private async runAll(cells: vscode.NotebookCell[]): Promise<void> {
    for (const cell of cells) {
      const ok = await this.runOne(cell);
      if (!ok) break;
    }
  }

  private async runOne(cell: vscode.NotebookCell): Promise<boolean> {
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
      ok = await this.runner.run(cell, execution);
    } catch (error) {
      await execution.replaceOutput(new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.error(error as Error)]));
    }
    execution.end(ok, Date.now());
    return ok;
  }
}
