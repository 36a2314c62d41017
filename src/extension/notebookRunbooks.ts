// Each open notebook as a core Runbook, made once per version of the
// notebook: the threshold diagnostics, the verdict summary and the runner
// all read the thresholds from here.

import * as vscode from 'vscode';
import type { Runbook } from '../core/runbook';
import { Disposable } from './disposable';
import type { Log } from './log';
import { runbookOfCells } from './runbookCells';

export class NotebookRunbooks extends Disposable {
  private readonly runbooks = new Map<string, { version: number; runbook: Runbook }>();

  constructor(private readonly log: Log) {
    super();
    this.register(vscode.workspace.onDidCloseNotebookDocument((notebook) => this.runbooks.delete(notebook.uri.toString())));
  }

  get(notebook: vscode.NotebookDocument): Runbook {
    const key = notebook.uri.toString();
    const known = this.runbooks.get(key);
    if (known && known.version === notebook.version) return known.runbook;
    const runbook = runbookOfCells(
      notebook.getCells().map((cell) => ({
        markdown: cell.kind === vscode.NotebookCellKind.Markup,
        languageId: cell.document.languageId,
        text: cell.document.getText(),
        metadata: cell.metadata,
      })),
    );
    // Read now, so a problem in the reader is logged once per version (it never stops a runbook from opening or running).
    void runbook.thresholds;
    if (runbook.thresholdError) this.log.warn(`thresholds: ${runbook.thresholdError.message}`);
    this.runbooks.set(key, { version: notebook.version, runbook });
    return runbook;
  }
}
