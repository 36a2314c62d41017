// Workspace Trust: in an untrusted folder runbooks open and save, and no cell
// runs: VS Code itself asks for trust before executing a notebook cell (the
// runner outside checks that it asked), and nothing reaches the controller.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, suiteTeardown, test } from 'mocha';
import { closeAllEditors, codeCells, executeCell, fixture, openRunbook, outputTexts, readBytes, selectController, setCellText } from './helpers';
import { note } from './report';

const FIRST_SHELL = 'kubectl get hpa\nkubectl describe hpa tiktok-toe';

suite('untrusted folder', () => {
  suiteTeardown(closeAllEditors);

  test('the folder is not trusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  test('a runbook opens as a notebook', async () => {
    const copy = fixture('untrusted-open.runbook.md');
    const notebook = await openRunbook(copy.uri);
    assert.equal(notebook.notebookType, 'runbook');
    assert.ok(codeCells(notebook).some((c) => c.document.getText() === FIRST_SHELL));
  });

  test('running a cell runs nothing (the workbench asks for trust first)', async () => {
    const copy = fixture('untrusted-run.runbook.md');
    const notebook = await openRunbook(copy.uri);
    const index = notebook.getCells().findIndex((c) => c.document.getText() === FIRST_SHELL);
    await selectController(notebook);
    // VS Code asks "Do you trust the authors…?" before any cell runs. Under the
    // smoke-test driver that prompt is refused, and the command never settles.
    const settled = await Promise.race([
      executeCell(notebook, index).then(() => 'settled'),
      new Promise<string>((r) => setTimeout(() => r('pending'), 5000)),
    ]);
    const cell = notebook.cellAt(index);
    note('untrustedExecuteCommand', settled);
    if (cell.outputs.length === 0) {
      assert.equal(cell.executionSummary?.success, undefined, 'the cell did not execute');
      note('untrustedRun', 'refused by the workbench before the controller ran');
    } else {
      // Reached only if the workbench lets the run through: our controller refuses it.
      const markdown = outputTexts(cell, 'text/markdown').join('\n');
      assert.match(markdown, /not trusted/);
      assert.match(markdown, /\(command:workbench\.trust\.manage\)/);
      assert.equal(cell.executionSummary?.success, false);
      note('untrustedRun', 'refused by the controller with a "not trusted" output');
    }
  });

  test('a runbook still saves byte for byte', async () => {
    const copy = fixture('untrusted-save.runbook.md');
    const notebook = await openRunbook(copy.uri);
    const cell = codeCells(notebook).find((c) => c.document.getText() === FIRST_SHELL);
    assert.ok(cell);
    await setCellText(cell, `${FIRST_SHELL}\n# edited`);
    await setCellText(cell, FIRST_SHELL);
    assert.equal(await notebook.save(), true);
    assert.ok(readBytes(copy.path).equals(copy.bytes), 'file bytes changed');
  });
});
