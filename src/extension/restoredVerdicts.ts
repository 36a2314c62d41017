// A reopened incident record gets its verdicts back: each cell's restored
// result (the latest recorded run, put back as its outputs by the serializer)
// sets the cell's verdict, so the cell status bars and the notebook summary
// show what they showed when the runs were recorded.

import * as vscode from 'vscode';
import { RESULT_MIME, type CellResult } from '../core/results';
import { Disposable } from './disposable';
import type { NotebookVerdicts } from './notebookVerdicts';
import { NOTEBOOK_TYPE } from './serializer';

export class RestoredVerdicts extends Disposable {
  constructor(private readonly verdicts: NotebookVerdicts) {
    super();
    this.register(vscode.workspace.onDidOpenNotebookDocument((notebook) => this.restore(notebook)));
    for (const notebook of vscode.workspace.notebookDocuments) this.restore(notebook);
  }

  private restore(notebook: vscode.NotebookDocument): void {
    if (notebook.notebookType !== NOTEBOOK_TYPE) return;
    for (const cell of notebook.getCells()) {
      const verdict = restoredResult(cell)?.verdict;
      if (verdict) this.verdicts.set(cell, verdict);
    }
  }
}

/** The result a cell opened with from its record; undefined for a cell with no recorded run. */
function restoredResult(cell: vscode.NotebookCell): CellResult | undefined {
  for (const output of cell.outputs) {
    const item = output.items.find((i) => i.mime === RESULT_MIME);
    if (!item) continue;
    try {
      const result = JSON.parse(new TextDecoder().decode(item.data)) as CellResult;
      return result.recorded ? result : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
