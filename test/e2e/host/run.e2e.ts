// Running a cell in a trusted folder: a step the extension does not run itself
// (a local script) says so, and its execution counts as failed.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, suiteTeardown, test } from 'mocha';
import { RESULT_MIME, closeAllEditors, executeCell, fixture, openRunbook, outputTexts, selectController, waitFor } from './helpers';
import { note } from './report';

const SCRIPT_STEP = './scripts/backup/backup.sh';

suite('running cells (trusted folder)', () => {
  suiteTeardown(closeAllEditors);

  test('a step with no native runner says it was not run, and its execution fails', async () => {
    assert.equal(vscode.workspace.isTrusted, true, 'this window should be trusted');
    const copy = fixture('run-trusted.runbook.md');
    const notebook = await openRunbook(copy.uri);
    const index = notebook.getCells().findIndex((c) => c.document.getText() === SCRIPT_STEP);
    assert.ok(index >= 0, `no cell runs ${SCRIPT_STEP}`);
    await selectController(notebook);
    await executeCell(notebook, index);
    const cell = await waitFor('the cell execution to end', () => {
      const c = notebook.cellAt(index);
      return c.executionSummary?.success !== undefined && c.outputs.length > 0 ? c : undefined;
    });
    assert.equal(cell.executionSummary?.success, false);
    const results = outputTexts(cell, RESULT_MIME).map((j) => JSON.parse(j) as { status: string; message?: string });
    const markdown = outputTexts(cell, 'text/markdown').join('\n');
    const mimes = cell.outputs.flatMap((o) => o.items.map((i) => i.mime)).join(', ');
    // A structured `not-run` result, or a "Not run" note with a Run in terminal link.
    assert.ok(results.length > 0 || /Not run/.test(markdown), `no not-run output; outputs: ${mimes}`);
    for (const result of results) assert.equal(result.status, 'not-run', JSON.stringify(result));
    note('notRunOutputs', mimes);
    assert.equal(notebook.isDirty, false, 'outputs are transient: running does not dirty the runbook');
  });
});
