// "Open Sample Runbook": the sample that ships with the extension (notebooks/),
// copied once into the extension's storage so that editing it, running it and
// starting incident records from it never touches the installed files. Later
// calls reopen that copy, with whatever was changed in it.

import * as vscode from 'vscode';

export const SAMPLE_RUNBOOK = 'scaling-playbook.runbook.md';

export function registerOpenSample(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.commands.registerCommand('runbook.openSample', async (): Promise<vscode.Uri> => {
    const folder = vscode.Uri.joinPath(context.globalStorageUri, 'sample');
    const file = vscode.Uri.joinPath(folder, SAMPLE_RUNBOOK);
    if (!(await exists(file))) {
      await vscode.workspace.fs.createDirectory(context.globalStorageUri);
      await vscode.workspace.fs.copy(vscode.Uri.joinPath(context.extensionUri, 'notebooks'), folder, { overwrite: true });
    }
    await vscode.window.showNotebookDocument(await vscode.workspace.openNotebookDocument(file));
    return file;
  });
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
