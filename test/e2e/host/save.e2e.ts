// Saving runbooks through the real workbench: unchanged files keep every byte,
// an edited cell changes only its own lines (re-indented inside its list item),
// and CRLF files with front matter survive open + save.

import * as assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import * as vscode from 'vscode';
import { setup, suite, suiteTeardown, test } from 'mocha';
import { closeAllEditors, codeCells, fixture, openRunbook, readBytes, saveActiveEditor, setCellText, waitFor } from './helpers';

const FIRST_SHELL = 'kubectl get hpa\nkubectl describe hpa tiktok-toe';

/** Edits a cell and puts its text back: the notebook is dirty, so saving must serialize it. */
async function editAndRevert(notebook: vscode.NotebookDocument, cell: vscode.NotebookCell): Promise<void> {
  const original = cell.document.getText();
  await setCellText(cell, `${original}\n# edited`);
  await setCellText(cell, original);
  await waitFor('the notebook to be dirty', () => notebook.isDirty);
}

function firstDifference(a: Buffer, b: Buffer): string {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return `lengths ${a.length} vs ${b.length}, first difference at byte ${i}: ${JSON.stringify(a.subarray(Math.max(0, i - 20), i + 20).toString())} vs ${JSON.stringify(b.subarray(Math.max(0, i - 20), i + 20).toString())}`;
}

function assertSameBytes(actual: Buffer, expected: Buffer): void {
  if (!actual.equals(expected)) assert.fail(`file bytes changed: ${firstDifference(actual, expected)}`);
}

suite('saving runbooks', () => {
  setup(closeAllEditors);
  suiteTeardown(closeAllEditors);

  test('saving an unedited runbook writes the same bytes', async () => {
    const copy = fixture('save-unchanged.runbook.md');
    const notebook = await openRunbook(copy.uri);
    const before = statSync(copy.path).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    await saveActiveEditor();
    await waitFor('the file to be written', () => statSync(copy.path).mtimeMs > before, 10_000);
    assertSameBytes(readBytes(copy.path), copy.bytes);
    assert.equal(notebook.isDirty, false);
  });

  test('saving after an edit that is undone writes the same bytes (through the serializer)', async () => {
    const copy = fixture('save-reverted.runbook.md');
    const notebook = await openRunbook(copy.uri);
    const cell = codeCells(notebook).find((c) => c.document.getText() === FIRST_SHELL);
    assert.ok(cell, 'first shell cell');
    await editAndRevert(notebook, cell);
    assert.equal(await notebook.save(), true);
    assertSameBytes(readBytes(copy.path), copy.bytes);
  });

  test('editing one cell rewrites only that cell, indented inside its numbered step', async () => {
    const copy = fixture('save-edited.runbook.md');
    const notebook = await openRunbook(copy.uri);
    const cell = codeCells(notebook).find((c) => c.document.getText() === FIRST_SHELL);
    assert.ok(cell, 'first shell cell');
    await setCellText(cell, 'kubectl get hpa -A\nkubectl describe hpa tiktok-toe -n default');
    assert.equal(await notebook.save(), true);
    const oldLines = '   ```bash\n   kubectl get hpa\n   kubectl describe hpa tiktok-toe\n   ```\n';
    const newLines = '   ```bash\n   kubectl get hpa -A\n   kubectl describe hpa tiktok-toe -n default\n   ```\n';
    const original = copy.bytes.toString('utf8');
    assert.equal(original.split(oldLines).length, 2, 'the edited block occurs once in the sample');
    assertSameBytes(readBytes(copy.path), Buffer.from(original.replace(oldLines, newLines), 'utf8'));
  });

  test('a CRLF runbook with front matter round-trips byte for byte through open and save', async () => {
    const sample = fixture('crlf-source.runbook.md').bytes.toString('utf8');
    assert.ok(sample.startsWith('---\n'), 'the sample has front matter');
    const copy = fixture('crlf.runbook.md', sample.replace(/\n/g, '\r\n'));
    const notebook = await openRunbook(copy.uri);
    assert.equal(codeCells(notebook)[0]?.document.getText().startsWith('title: TikTokToe scaling playbook'), true, 'front matter cell');
    const cell = codeCells(notebook).find((c) => c.document.getText() === FIRST_SHELL);
    assert.ok(cell, 'cell values use \\n even in a CRLF file');
    await saveActiveEditor();
    assertSameBytes(readBytes(copy.path), copy.bytes);
    await editAndRevert(notebook, cell);
    assert.equal(await notebook.save(), true);
    assertSameBytes(readBytes(copy.path), copy.bytes);
    await setCellText(cell, 'kubectl get hpa -A\nkubectl describe hpa tiktok-toe');
    assert.equal(await notebook.save(), true);
    const expected = copy.bytes.toString('utf8').replace('   kubectl get hpa\r\n', '   kubectl get hpa -A\r\n');
    assertSameBytes(readBytes(copy.path), Buffer.from(expected, 'utf8'));
  });
});
