// Commands written inline in a Markdown cell, in the real workbench against
// the sandbox: the command the renderer's ▶ posts (runbook.runInlineCommand)
// runs `kubectl get pods` and returns what is shown beside the paragraph; an
// inline `kubectl scale` asks first; the runbook file keeps its bytes; in an
// incident record, the run is written after the paragraph.

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { suite, suiteTeardown, teardown, test } from 'mocha';
import type { InlineRunShown } from '../../../src/core/inline';
import type { InlineCommandArgs } from '../../../src/extension/inlineCommands';
import type { RunbookApi } from '../../../src/extension/testApi';
import { EXTENSION_ID, closeAllEditors, fixture, openRunbook, readBytes, saveActiveEditor, waitFor } from './helpers';
import { note } from './report';

const PODS = 'kubectl get pods -l app=tiktok-toe';
const SCALE = 'kubectl scale deployment tiktok-toe --replicas=3';
const REPLICAS = 'kubectl get deploy tiktok-toe -o jsonpath={.spec.replicas}';
const RUNBOOK = [
  '# Web is slow',
  '',
  `List the pods with \`${PODS}\`, and the replicas with \`${REPLICAS}\`;`,
  `if there are too few, \`${SCALE}\`. Plain \`kubectl\` is prose.`,
  '',
  '```bash',
  'kubectl get hpa',
  '```',
  '',
].join('\r\n');

async function testing(): Promise<RunbookApi['testing']> {
  const extension = vscode.extensions.getExtension<RunbookApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  const exports = await extension.activate();
  assert.ok(exports?.testing, 'activate() returns no testing API');
  return exports.testing;
}

function runInline(args: InlineCommandArgs): Thenable<InlineRunShown | undefined> {
  return vscode.commands.executeCommand<InlineRunShown | undefined>('runbook.runInlineCommand', args);
}

suite('inline commands in Markdown cells (trusted folder, with the sandbox)', () => {
  teardown(async () => (await testing()).answerConfirmations(undefined));
  suiteTeardown(closeAllEditors);

  test('an inline kubectl get pods runs and its output is shown; an inline kubectl scale asks first; the file keeps its bytes', async () => {
    const file = fixture('inline-commands.runbook.md', RUNBOOK);
    const notebook = await openRunbook(file.uri);
    const prose = notebook.getCells().find((c) => c.kind === vscode.NotebookCellKind.Markup && c.document.getText().includes(PODS));
    assert.ok(prose, 'no Markdown cell holds the inline commands');
    const lines = prose.document.getText().split('\n');
    const lineOf = (command: string) => lines.findIndex((l) => l.includes(`\`${command}\``));

    const pods = await runInline({ notebook: notebook.uri.toString(), cell: prose.index, line: lineOf(PODS), command: PODS });
    assert.ok(pods, 'nothing ran');
    assert.equal(pods.state, 'finished');
    assert.equal(pods.status, 'ok', pods.text);
    assert.equal(pods.exitCode, 0);
    assert.match(pods.text, /^NAME +READY +STATUS/);
    assert.match(pods.text, /tiktok-toe-.* Running/);
    note('inlineOutput', pods.text.split('\n')[0]);

    const before = await runInline({ notebook: notebook.uri.toString(), cell: prose.index, line: lineOf(REPLICAS), command: REPLICAS });
    const api = await testing();
    const asked = api.confirmations.length;
    api.answerConfirmations(false);
    const scale = await runInline({ notebook: notebook.uri.toString(), cell: prose.index, line: lineOf(SCALE), command: SCALE });
    assert.equal(api.confirmations.length, asked + 1, 'the scale asked first');
    assert.match(api.confirmations[asked], /scale/);
    assert.notEqual(scale?.status, 'ok', JSON.stringify(scale));
    const after = await runInline({ notebook: notebook.uri.toString(), cell: prose.index, line: lineOf(REPLICAS), command: REPLICAS });
    assert.equal(after?.text, before?.text, 'declined: the replicas did not change');

    // Text the cell does not show as an inline command never runs.
    assert.equal(await runInline({ notebook: notebook.uri.toString(), cell: prose.index, line: lineOf(PODS), command: 'kubectl delete pods --all' }), undefined);

    assert.equal(notebook.isDirty, false, 'running inline commands does not change the notebook');
    assert.ok(readBytes(file.path).equals(file.bytes), 'the file is unchanged after the runs');
    await vscode.window.showNotebookDocument(notebook);
    await saveActiveEditor();
    assert.ok(readBytes(file.path).equals(file.bytes), 'the file is unchanged after a save');
  });

  test('in an incident record, the run of an inline command is written after its paragraph', async () => {
    const file = fixture('inline-record.runbook.md', RUNBOOK);
    await openRunbook(file.uri);
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('runbook.startRecord');
    assert.ok(uri, 'no record was started');
    const record = await waitFor('the record in the active notebook editor', () => (vscode.window.activeNotebookEditor?.notebook.uri.fsPath === uri.fsPath ? vscode.window.activeNotebookEditor.notebook : undefined));
    const prose = record.getCells().find((c) => c.kind === vscode.NotebookCellKind.Markup && c.document.getText().includes(PODS));
    assert.ok(prose, 'no Markdown cell holds the inline commands');
    const line = prose.document.getText().split('\n').findIndex((l) => l.includes(`\`${PODS}\``));
    const codeCells = record.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code).length;

    const shown = await runInline({ notebook: record.uri.toString(), cell: prose.index, line, command: PODS });
    assert.equal(shown?.status, 'ok', shown?.text);
    const written = readFileSync(uri.fsPath, 'utf8');
    const paragraphEnd = written.indexOf('Plain `kubectl` is prose.');
    const run = written.indexOf('<!-- runbook:run ', paragraphEnd);
    assert.ok(paragraphEnd > 0 && run > paragraphEnd, 'the run follows the paragraph');
    assert.ok(run < written.indexOf('```bash'), 'the run comes before the next step\'s fence');
    assert.match(written.slice(run), /^<!-- runbook:run [A-Za-z0-9+/=]+ -->\r?\n\*\*Run \d+\*\*/);
    assert.match(written.slice(run), /NAME +READY +STATUS/);
    assert.equal(record.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code).length, codeCells, 'the run is prose: no cell was added');
    assert.ok(readBytes(file.path).equals(file.bytes), 'the runbook itself is unchanged');
  });
});
