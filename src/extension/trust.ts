// Workspace Trust: runbooks open and save anywhere, but cells only run in a
// trusted folder. The refusal is an output that says why and links the fix.

import * as vscode from 'vscode';

export function isTrusted(): boolean {
  return vscode.workspace.isTrusted;
}

export function untrustedOutput(): vscode.NotebookCellOutput {
  const message = new vscode.MarkdownString(
    '**Not run: this folder is not trusted.** Runbook cells reach real clusters, databases and buckets, ' +
      'so they only run in a trusted workspace. ' +
      '[Manage Workspace Trust](command:workbench.trust.manage) to trust this folder, then run the cell again.',
  );
  return new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.text(message.value, 'text/markdown')]);
}
