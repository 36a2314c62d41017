// `kubectl edit` in VS Code: the object opens as YAML in an editor tab;
// saving the tab hands the text back, closing it unsaved abandons the edit.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { EditRequest } from '../core/engine';

export class EditInEditor {
  constructor(private readonly storage: vscode.Uri) {}

  async edit(request: EditRequest, token: vscode.CancellationToken): Promise<string | undefined> {
    await vscode.workspace.fs.createDirectory(this.storage);
    const dir = await mkdtemp(join(this.storage.fsPath, 'edit-'));
    const file = join(dir, `${request.title.replace(/[^\w.-]+/g, '_')}.${request.language === 'json' ? 'json' : 'yaml'}`);
    await writeFile(file, request.text, 'utf8');
    const uri = vscode.Uri.file(file);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    void vscode.window.showInformationMessage(`Editing ${request.title}: save the tab to apply the change, close it without saving to cancel.`);
    try {
      return await new Promise<string | undefined>((resolve) => {
        const subscriptions: vscode.Disposable[] = [];
        const done = (value: string | undefined) => {
          subscriptions.forEach((s) => s.dispose());
          resolve(value);
        };
        subscriptions.push(
          vscode.workspace.onDidSaveTextDocument((saved) => {
            if (saved.uri.toString() === uri.toString()) done(saved.getText());
          }),
          vscode.workspace.onDidCloseTextDocument((closed) => {
            if (closed.uri.toString() === uri.toString()) done(undefined);
          }),
          token.onCancellationRequested(() => done(undefined)),
        );
      });
    } finally {
      const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
      if (tab) await vscode.window.tabGroups.close(tab, true);
      await rm(dir, { recursive: true, force: true });
    }
  }
}
