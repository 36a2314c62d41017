// A change's preview in the editor: the objects before and after, side by
// side in a diff editor, opened before the confirmation asks.

import * as vscode from 'vscode';
import type { Preview } from '../core/engine';

/** Read-only documents of the previews' texts (not untitled ones, which would ask to be saved). */
const SCHEME = 'runbook-preview';
const texts = new Map<string, string>();
let provider: vscode.Disposable | undefined;
let count = 0;

function previewUri(name: string, text: string): vscode.Uri {
  provider ??= vscode.workspace.registerTextDocumentContentProvider(SCHEME, { provideTextDocumentContent: (uri) => texts.get(uri.toString()) ?? '' });
  const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${++count}/${name}.yaml` });
  texts.set(uri.toString(), text);
  // Only the recent previews are kept; an older diff editor shows empty once its text is dropped.
  if (texts.size > 20) texts.delete(texts.keys().next().value!);
  return uri;
}

export async function showPreviewDiff(preview: Preview | undefined): Promise<void> {
  if (!preview?.diff) return;
  const { before, after, title } = preview.diff;
  await vscode.commands.executeCommand('vscode.diff', previewUri('live', before), previewUri('after', after), title, { preview: true, preserveFocus: true });
}

/** The preview's text for a modal's detail: long previews are cut, the diff editor shows the rest. */
export function previewDetail(preview: Preview | undefined): string {
  if (!preview) return '';
  const lines = preview.text.trimEnd().split('\n');
  const shown = lines.length > 30 ? [...lines.slice(0, 30), `… ${lines.length - 30} more lines`] : lines;
  return `\n\n${shown.join('\n')}`;
}
