// A change's preview in the editor: the objects before and after, side by
// side in a diff editor, opened before the confirmation asks.

import * as vscode from 'vscode';
import type { Preview } from '../core/engine';

export async function showPreviewDiff(preview: Preview | undefined): Promise<void> {
  if (!preview?.diff) return;
  const { before, after, title } = preview.diff;
  const [left, right] = await Promise.all([
    vscode.workspace.openTextDocument({ content: before, language: 'yaml' }),
    vscode.workspace.openTextDocument({ content: after, language: 'yaml' }),
  ]);
  await vscode.commands.executeCommand('vscode.diff', left.uri, right.uri, title, { preview: true, preserveFocus: true });
}

/** The preview's text for a modal's detail: long previews are cut, the diff editor shows the rest. */
export function previewDetail(preview: Preview | undefined): string {
  if (!preview) return '';
  const lines = preview.text.trimEnd().split('\n');
  const shown = lines.length > 30 ? [...lines.slice(0, 30), `… ${lines.length - 30} more lines`] : lines;
  return `\n\n${shown.join('\n')}`;
}
