// The context key that completes the walkthrough's "Run a step and read its
// verdict" (package.json, contributes.walkthroughs): VS Code has no completion
// event for a cell's verdict, so the extension sets one when a cell first gets one.

import * as vscode from 'vscode';
import { Disposable } from './disposable';
import type { NotebookVerdicts } from './notebookVerdicts';

export const VERDICT_SHOWN_CONTEXT = 'runbook.walkthrough.verdictShown';

export class WalkthroughProgress extends Disposable {
  private shown = false;

  constructor(private readonly verdicts: NotebookVerdicts) {
    super();
    this.register(verdicts.onDidChange((notebook) => this.onVerdicts(notebook)));
  }

  /** Whether a cell has had a verdict in this window (the context key's value). */
  get verdictShown(): boolean {
    return this.shown;
  }

  private onVerdicts(notebook: vscode.NotebookDocument): void {
    if (this.shown || !this.verdicts.cellVerdicts(notebook).some(Boolean)) return;
    this.shown = true;
    void vscode.commands.executeCommand('setContext', VERDICT_SHOWN_CONTEXT, true);
  }
}
