// Opening runbooks in the real workbench: the sample as a notebook, activation
// time, "Open With… → Runbook Notebook" for plain Markdown, and plain Markdown
// left to the text editor.

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { suite, suiteTeardown, test } from 'mocha';
import { EXTENSION_ID, closeAllEditors, codeCells, fixture, openRunbook, samplePath, waitFor } from './helpers';
import { note } from './report';

/** Opening fences counted line by line, independently of the extension's parser (+1 for front matter). */
function expectedCodeCells(text: string): number {
  let count = text.startsWith('---\n') || text.startsWith('---\r\n') ? 1 : 0;
  let open: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const fence = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (!fence) continue;
    if (open === undefined) {
      open = fence;
      count++;
    } else if (fence[0] === open[0] && fence.length >= open.length && line.trim() === fence) {
      open = undefined;
    }
  }
  return count;
}

suite('opening runbooks', () => {
  suiteTeardown(closeAllEditors);

  test('the extension activates when a runbook opens, and reports how long it took', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    assert.equal(extension.isActive, false, 'nothing should activate the extension before a runbook opens');
    const started = performance.now();
    const opening = vscode.workspace.openNotebookDocument(vscode.Uri.file(samplePath()));
    await waitFor('the extension to activate', () => extension.isActive, 30_000);
    const activationMs = performance.now() - started;
    await opening;
    const openMs = performance.now() - started;
    note('activationMs', Math.round(activationMs));
    note('firstOpenMs', Math.round(openMs));
    console.log(`activation: ${activationMs.toFixed(0)} ms after the first runbook was opened (notebook ready after ${openMs.toFixed(0)} ms)`);
  });

  test('the sample runbook opens as a `runbook` notebook with its fences as code cells', async () => {
    const notebook = await openRunbook(vscode.Uri.file(samplePath()));
    assert.equal(notebook.notebookType, 'runbook');
    assert.equal(vscode.window.activeNotebookEditor?.notebook.uri.toString(), notebook.uri.toString());
    const text = readFileSync(samplePath(), 'utf8');
    const code = codeCells(notebook);
    assert.equal(code.length, expectedCodeCells(text));
    assert.deepEqual([...new Set(code.map((c) => c.document.languageId))].sort(), ['shellscript', 'sql', 'yaml']);
    assert.equal(code[0]?.document.languageId, 'yaml', 'the front matter is the first cell');
    const firstShell = code.find((c) => c.document.languageId === 'shellscript');
    assert.equal(firstShell?.document.getText(), 'kubectl get hpa\nkubectl describe hpa tiktok-toe');
    const markdown = notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Markup).map((c) => c.document.getText());
    assert.ok(markdown.some((m) => m.startsWith('# TikTokToe Scaling Playbook')), 'title cell');
    assert.ok(markdown.some((m) => m.includes('1. Compare current use with the targets')), '"1. Compare ..." step');
    assert.ok(markdown.some((m) => m.startsWith('2. List the rescale events')), '"2. List ..." step starts its own cell');
    const sql = code.filter((c) => c.document.languageId === 'sql').map((c) => c.document.getText());
    assert.ok(sql.includes('SELECT count(*) FROM pg_stat_activity;'), sql.join(' | '));
  });

  test('"Open With… → Runbook Notebook" opens a plain .md file as a runbook notebook', async () => {
    const plain = fixture('plain-steps.md', '# Steps\n\n1. Pods:\n   ```bash\n   kubectl get pods\n   ```\n');
    await vscode.commands.executeCommand('vscode.openWith', plain.uri, 'runbook');
    const editor = await waitFor('a notebook editor for plain-steps.md', () => {
      const active = vscode.window.activeNotebookEditor;
      return active?.notebook.uri.toString() === plain.uri.toString() ? active : undefined;
    });
    assert.equal(editor.notebook.notebookType, 'runbook');
    assert.deepEqual(codeCells(editor.notebook).map((c) => c.document.getText()), ['kubectl get pods']);
  });

  test('a plain .md file opened normally stays a text document', async () => {
    const plain = fixture('notes.md', '# Notes\n\n```bash\nkubectl get nodes\n```\n');
    await vscode.commands.executeCommand('vscode.open', plain.uri);
    const tab = await waitFor('a tab for notes.md', () => {
      const active = vscode.window.tabGroups.activeTabGroup.activeTab;
      const input = active?.input as { uri?: vscode.Uri } | undefined;
      return input?.uri?.toString() === plain.uri.toString() ? active : undefined;
    });
    assert.ok(tab.input instanceof vscode.TabInputText, `expected a text editor, got ${tab.input?.constructor.name}`);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), plain.uri.toString());
    assert.ok(!vscode.workspace.notebookDocuments.some((n) => n.uri.toString() === plain.uri.toString()), 'no notebook was opened for it');
  });
});
