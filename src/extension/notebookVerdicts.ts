// The latest verdict of each cell, per open notebook: what the cell status
// bar, the notebook summary and Run All read. The engine (loaded lazily)
// writes it after each run; clearing a cell's outputs clears its verdict.

import * as vscode from 'vscode';
import type { CellVerdict } from '../core/thresholds';
import { Disposable } from './disposable';

export class NotebookVerdicts extends Disposable {
  /** notebook URI → cell document URI → verdict */
  private readonly verdicts = new Map<string, Map<string, CellVerdict>>();
  private readonly changed = this.register(new vscode.EventEmitter<vscode.NotebookDocument>());
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this.register(vscode.workspace.onDidCloseNotebookDocument((notebook) => this.verdicts.delete(notebook.uri.toString())));
    this.register(
      vscode.workspace.onDidChangeNotebookDocument((event) => {
        const cleared = event.cellChanges.filter((change) => change.outputs !== undefined && change.outputs.length === 0);
        const removed = event.contentChanges.flatMap((change) => change.removedCells);
        let changed = false;
        for (const cell of [...cleared.map((c) => c.cell), ...removed]) changed = this.delete(cell) || changed;
        if (changed) this.changed.fire(event.notebook);
      }),
    );
  }

  get(cell: vscode.NotebookCell): CellVerdict | undefined {
    return this.verdicts.get(cell.notebook.uri.toString())?.get(cell.document.uri.toString());
  }

  /** Records a cell's latest verdict (undefined: the run measured nothing). */
  set(cell: vscode.NotebookCell, verdict: CellVerdict | undefined): void {
    const key = cell.notebook.uri.toString();
    if (verdict) {
      let cells = this.verdicts.get(key);
      if (!cells) this.verdicts.set(key, (cells = new Map()));
      cells.set(cell.document.uri.toString(), verdict);
    } else if (!this.delete(cell)) {
      return;
    }
    this.changed.fire(cell.notebook);
  }

  /** One entry per notebook cell, in order (undefined where a cell has no verdict). */
  cellVerdicts(notebook: vscode.NotebookDocument): (CellVerdict | undefined)[] {
    const cells = this.verdicts.get(notebook.uri.toString());
    return notebook.getCells().map((cell) => cells?.get(cell.document.uri.toString()));
  }

  private delete(cell: vscode.NotebookCell): boolean {
    return this.verdicts.get(cell.notebook.uri.toString())?.delete(cell.document.uri.toString()) ?? false;
  }
}
