// "Open Full Output": the whole text of an output too large to show in its
// cell, from the session's spool file, in an editor. From the link above the
// cell's last lines ({ path }), the cell's menu (the cell) or the command
// palette (the selected cell).

import { tmpdir } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import * as vscode from 'vscode';
import { SPOOL_PREFIX } from '../core/output';
import { RESULT_MIME, type CellResult } from '../core/results';
import { OPEN_FULL_OUTPUT } from './fullOutputNote';

export function registerOpenFullOutput(): vscode.Disposable {
  return vscode.commands.registerCommand(OPEN_FULL_OUTPUT, async (arg?: { path?: string } | vscode.NotebookCell) => {
    const path = arg && 'path' in arg && typeof arg.path === 'string' ? arg.path : fullOutputOf(cellOf(arg));
    if (!path) {
      void vscode.window.showInformationMessage('Runbook: this cell shows all of its output; there is no more to open.');
      return;
    }
    if (!isSpoolFile(path)) return;
    try {
      await vscode.window.showTextDocument(vscode.Uri.file(path), { preview: false });
    } catch {
      void vscode.window.showWarningMessage('Runbook: the full output is no longer kept: it is removed when its notebook closes. Run the cell again to see it.');
    }
  });
}

function cellOf(arg: unknown): vscode.NotebookCell | undefined {
  if (arg && typeof arg === 'object' && 'notebook' in arg && 'outputs' in arg) return arg as vscode.NotebookCell;
  const editor = vscode.window.activeNotebookEditor;
  const index = editor?.selection.start;
  return editor && index !== undefined && index < editor.notebook.cellCount ? editor.notebook.cellAt(index) : undefined;
}

/** The spool file of the cell's latest result: its stdout's, else its stderr's. */
function fullOutputOf(cell: vscode.NotebookCell | undefined): string | undefined {
  for (const output of cell?.outputs ?? []) {
    const item = output.items.find((i) => i.mime === RESULT_MIME);
    if (!item) continue;
    const result = JSON.parse(new TextDecoder().decode(item.data)) as CellResult;
    return result.fullOutput?.stdout?.path ?? result.fullOutput?.stderr?.path;
  }
  return undefined;
}

/** Only files in a spool folder of ours open: a link cannot name any other file. */
function isSpoolFile(path: string): boolean {
  const folder = dirname(resolve(path));
  return basename(folder).startsWith(SPOOL_PREFIX) && dirname(folder) === resolve(tmpdir());
}
