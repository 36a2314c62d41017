// Helpers for tests that run inside the real extension host: fixture copies
// in the test workspace, opening runbooks, running cells, waiting.

import * as vscode from 'vscode';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const EXTENSION_ID = 'runbook-notebooks.runbook-notebooks';
export const CONTROLLER_ID = 'runbook-native';
export const RESULT_MIME = 'application/vnd.runbook.result+json';
export const SAMPLE_NAME = 'scaling-playbook.runbook.md';

export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the test window has no workspace folder');
  return folder.uri.fsPath;
}

/** The sample runbook as the workspace holds it (a copy of notebooks/). */
export function samplePath(): string {
  return join(workspaceDir(), SAMPLE_NAME);
}

/** Copies the sample (or writes `bytes`) to a new file in the workspace; never touches the repository. */
export function fixture(name: string, bytes?: Uint8Array | string): { uri: vscode.Uri; path: string; bytes: Buffer } {
  const path = join(workspaceDir(), name);
  if (bytes === undefined) copyFileSync(samplePath(), path);
  else writeFileSync(path, bytes);
  return { uri: vscode.Uri.file(path), path, bytes: readFileSync(path) };
}

export function readBytes(path: string): Buffer {
  return readFileSync(path);
}

export async function openRunbook(uri: vscode.Uri, show = true): Promise<vscode.NotebookDocument> {
  const notebook = await vscode.workspace.openNotebookDocument(uri);
  if (show) await vscode.window.showNotebookDocument(notebook);
  return notebook;
}

export function codeCells(notebook: vscode.NotebookDocument): vscode.NotebookCell[] {
  return notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code);
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Selects our controller for the notebook in the active editor (no kernel picker). */
export async function selectController(notebook: vscode.NotebookDocument): Promise<void> {
  await vscode.window.showNotebookDocument(notebook);
  await vscode.commands.executeCommand('notebook.selectKernel', { id: CONTROLLER_ID, extension: EXTENSION_ID });
}

/** Runs one cell through the workbench's own command, as the Run button does. */
export async function executeCell(notebook: vscode.NotebookDocument, index: number): Promise<void> {
  await vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: index, end: index + 1 }], document: notebook.uri });
}

/** The text of every output item of a cell with the given MIME type. */
export function outputTexts(cell: vscode.NotebookCell, mime: string): string[] {
  return cell.outputs.flatMap((o) => o.items.filter((i) => i.mime === mime).map((i) => new TextDecoder().decode(i.data)));
}

/** Saves through the workbench's Save command, which writes even when nothing changed. */
export async function saveActiveEditor(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.files.save');
}

/** Replaces the whole text of one cell through a WorkspaceEdit (as typing would). */
export async function setCellText(cell: vscode.NotebookCell, text: string): Promise<void> {
  const document = cell.document;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error('the cell edit was not applied');
}

/** Closes every editor, reverting unsaved changes first so no "Save?" dialog blocks the window. */
export async function closeAllEditors(): Promise<void> {
  for (const notebook of vscode.workspace.notebookDocuments) {
    if (!notebook.isDirty) continue;
    await vscode.window.showNotebookDocument(notebook);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
