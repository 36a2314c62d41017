// A cell that prints 100,000 lines (an in-process awk, no server): it shows
// its last runbook.output.maxLines lines under a line saying how many came
// before, and Open Full Output opens all of them in an editor.

import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { suite, suiteTeardown, test } from 'mocha';
import { RESULT_MIME, closeAllEditors, executeCell, fixture, openRunbook, outputTexts, selectController, waitFor } from './helpers';

const LINES = 100_000;
const RUNBOOK = `# Large output\n\n\`\`\`bash\necho | awk 'BEGIN { for (i = 1; i <= ${LINES}; i++) print "line " i }'\n\`\`\`\n`;

suite('large outputs', () => {
  suiteTeardown(closeAllEditors);

  test('a cell of 100,000 lines shows its last lines, and Open Full Output opens all of them', async () => {
    const shown = vscode.workspace.getConfiguration('runbook').get<number>('output.maxLines', 1000);
    const notebook = await openRunbook(fixture('large-output.runbook.md', RUNBOOK).uri);
    const index = notebook.getCells().findIndex((c) => c.kind === vscode.NotebookCellKind.Code);
    await selectController(notebook);
    await executeCell(notebook, index);
    const cell = await waitFor('the cell execution to end', () => {
      const c = notebook.cellAt(index);
      return c.executionSummary?.success !== undefined && outputTexts(c, RESULT_MIME).length > 0 ? c : undefined;
    }, 60_000);
    assert.equal(cell.executionSummary?.success, true);

    const text = outputTexts(cell, 'text/plain').join('');
    const expected = Array.from({ length: shown }, (_, i) => `line ${LINES - shown + 1 + i}\n`).join('');
    assert.equal(text, expected, 'the cell shows the last lines, nothing else');
    const note = outputTexts(cell, 'text/markdown').join('\n');
    assert.match(note, new RegExp(`${(LINES - shown).toLocaleString('en-US')} earlier lines not shown`));
    assert.match(note, /\[Open Full Output\]\(command:runbook\.openFullOutput\?/);

    const result = JSON.parse(outputTexts(cell, RESULT_MIME)[0]) as { fullOutput?: { stdout?: { path: string; lines: number } } };
    const path = result.fullOutput?.stdout?.path;
    assert.ok(path && existsSync(path), 'the whole output is in a file');
    await vscode.commands.executeCommand('runbook.openFullOutput', cell);
    const editor = await waitFor('the full output in an editor', () => vscode.window.activeTextEditor?.document.uri.fsPath === path && vscode.window.activeTextEditor);
    const document = editor.document;
    assert.equal(document.lineCount, LINES + 1, 'every line, and the empty one after the last line ending');
    assert.equal(document.lineAt(0).text, 'line 1');
    assert.equal(document.lineAt(LINES - 1).text, `line ${LINES}`);

    // The file goes with the notebook's session (test/core/output covers that): VS Code decides when a closed
    // notebook's document is released, so it is not waited for here.
    await closeAllEditors();
  });
});
