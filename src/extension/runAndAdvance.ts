// Shift+Enter in a runbook, as in Jupyter: run the cell in focus and move to
// the next code cell, passing over the prose between steps. VS Code's own
// "Execute Cell and Select Below" stops on the Markdown cell that follows.

import * as vscode from 'vscode';
import { NOTEBOOK_TYPE } from './serializer';

export function registerRunAndAdvance(): vscode.Disposable {
  return vscode.commands.registerCommand('runbook.runAndAdvance', async () => {
    const editor = vscode.window.activeNotebookEditor;
    if (!editor || editor.notebook.notebookType !== NOTEBOOK_TYPE || editor.notebook.cellCount === 0) return;
    const index = editor.selection.start;
    const cell = editor.notebook.cellAt(index);
    // Leaves the cell's text editor (a Markdown cell is rendered), so the next keys go to the cell list.
    await vscode.commands.executeCommand('notebook.cell.quitEdit');
    const next = nextCodeCell(editor.notebook, index);
    if (next !== undefined) {
      const range = new vscode.NotebookRange(next, next + 1);
      editor.selections = [range];
      editor.revealRange(range, vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
    }
    // Moved first: a long command (a stream) runs on while the next step is read.
    if (cell.kind === vscode.NotebookCellKind.Code) {
      await vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: index, end: index + 1 }], document: editor.notebook.uri });
    }
  });
}

/** The index of the first code cell after `index`, undefined when there is none. */
export function nextCodeCell(notebook: vscode.NotebookDocument, index: number): number | undefined {
  for (let i = index + 1; i < notebook.cellCount; i++) {
    if (notebook.cellAt(i).kind === vscode.NotebookCellKind.Code) return i;
  }
  return undefined;
}
