// Running cells for real, against the sandbox (its kube API and postgres),
// which the runner starts for the trusted window and names in the workspace
// setting `runbook.envFile`: kubectl and psql output and results, Run All
// stopping at a failed cell, stopping a streaming cell, the confirmation
// before a state-changing command, and `kubectl edit` in an editor tab.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, suiteSetup, suiteTeardown, teardown, test } from 'mocha';
import type { RunbookApi } from '../../../src/extension/testApi';
import { EXTENSION_ID, RESULT_MIME, closeAllEditors, codeCells, executeCell, fixture, openRunbook, outputTexts, selectController, waitFor } from './helpers';
import { note } from './report';

interface CommandRecord {
  command: string;
  tool: string;
  status: string;
  exitCode: number;
  startedAt?: string;
  durationMs?: number;
  target?: { label?: string };
}
interface ResultRecord {
  status: string;
  commands: CommandRecord[];
}

const STDERR_MIME = 'application/vnd.code.notebook.stderr';
const REPLICAS = 'kubectl get deploy tiktok-toe -o jsonpath={.spec.replicas}';

let count = 0;

/** A runbook of the given steps (language, text) in the workspace, opened with our controller selected. */
async function runbook(steps: [string, string][]): Promise<vscode.NotebookDocument> {
  const body = steps.map(([lang, text], i) => `${i + 1}. Step ${i + 1}\n\n\`\`\`${lang}\n${text}\n\`\`\`\n`).join('\n');
  const file = fixture(`sandbox-${++count}.runbook.md`, `# Sandbox steps\n\n${body}`);
  const notebook = await openRunbook(file.uri);
  await selectController(notebook);
  return notebook;
}

function ended(cell: vscode.NotebookCell): boolean {
  return cell.executionSummary?.success !== undefined;
}

/** Runs the code cell at `codeIndex` (among code cells) and waits for its execution to end. */
async function run(notebook: vscode.NotebookDocument, codeIndex: number, timeoutMs = 30_000): Promise<vscode.NotebookCell> {
  const cell = codeCells(notebook)[codeIndex];
  assert.ok(cell, `no code cell ${codeIndex}`);
  await executeCell(notebook, cell.index);
  return waitFor(`cell ${cell.index} to end`, () => (ended(notebook.cellAt(cell.index)) && notebook.cellAt(cell.index).outputs.length > 0 ? notebook.cellAt(cell.index) : undefined), timeoutMs);
}

/** The cell's stdout: streamed while it runs (VS Code's stdout type, appended piece by piece), text/plain once it ends. */
function text(cell: vscode.NotebookCell): string {
  return [...outputTexts(cell, 'application/vnd.code.notebook.stdout'), ...outputTexts(cell, 'text/plain')].join('');
}

function result(cell: vscode.NotebookCell): ResultRecord {
  const [json] = outputTexts(cell, RESULT_MIME);
  assert.ok(json, `no ${RESULT_MIME} output; outputs: ${describe(cell)}`);
  return JSON.parse(json) as ResultRecord;
}

function describe(cell: vscode.NotebookCell): string {
  return JSON.stringify(cell.outputs.flatMap((o) => o.items.map((i) => ({ mime: i.mime, text: new TextDecoder().decode(i.data).slice(0, 400) }))));
}

async function api(): Promise<RunbookApi> {
  const extension = vscode.extensions.getExtension<RunbookApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  const exports = await extension.activate();
  assert.ok(exports?.testing, 'activate() returns no testing API');
  return exports;
}

async function replicas(notebook: vscode.NotebookDocument, codeIndex: number): Promise<string> {
  const cell = await run(notebook, codeIndex);
  assert.equal(cell.executionSummary?.success, true, describe(cell));
  return text(cell).trim();
}

suite('running cells against the sandbox (trusted folder)', () => {
  suiteSetup(async () => {
    const setting = vscode.workspace.getConfiguration('runbook').get<string>('envFile');
    assert.ok(setting, 'runbook.envFile is not set: the runner should point it at the sandbox');
  });
  teardown(async () => (await api()).testing.answerConfirmations(undefined));
  suiteTeardown(closeAllEditors);

  test('a kubectl cell prints the table and records an ok result for the sandbox context', async () => {
    const notebook = await runbook([['bash', 'kubectl get pods -l app=tiktok-toe']]);
    const cell = await run(notebook, 0);
    const out = text(cell);
    assert.ok(out.startsWith('NAME'), `output: ${JSON.stringify(out)}`);
    assert.match(out, /Running/);
    const record = result(cell);
    assert.equal(record.status, 'ok');
    assert.equal(record.commands.length, 1);
    const [command] = record.commands;
    assert.equal(command.tool, 'kubectl');
    assert.equal(command.status, 'ok');
    assert.equal(command.exitCode, 0);
    assert.match(command.target?.label ?? '', /sandbox/, JSON.stringify(command.target));
    assert.ok(command.startedAt && typeof command.durationMs === 'number', JSON.stringify(command));
    assert.equal(cell.executionSummary?.success, true);
    assert.ok((cell.executionSummary?.executionOrder ?? 0) > 0, 'an execution order');
    const timing = cell.executionSummary?.timing;
    assert.ok(timing && timing.endTime >= timing.startTime, `timing: ${JSON.stringify(timing)}`);
    note('sandboxKubectlMs', timing.endTime - timing.startTime);
  });

  test('a psql cell and a SQL cell print what psql prints', async () => {
    const notebook = await runbook([
      ['bash', 'psql -c "SELECT count(*) FROM players"'],
      ['sql', 'SELECT 1 AS one;'],
    ]);
    const psql = await run(notebook, 0);
    assert.equal(psql.executionSummary?.success, true, describe(psql));
    assert.match(text(psql), /^ count \n-+\n +\d+\n\(1 row\)\n\n$/, JSON.stringify(text(psql)));
    assert.equal(result(psql).commands[0]?.tool, 'psql');
    const sql = await run(notebook, 1);
    assert.equal(sql.executionSummary?.success, true, describe(sql));
    // As psql prints it, blank line after the row count included.
    assert.equal(text(sql), ' one \n-----\n   1\n(1 row)\n\n');
    assert.equal(result(sql).status, 'ok');
  });

  test('Run All stops at a failing cell: the cell after it does not run', async () => {
    const notebook = await runbook([
      ['bash', 'kubectl get pods -l app=tiktok-toe'],
      ['bash', 'kubectl get pods nosuchpod'],
      ['bash', 'kubectl get deploy'],
    ]);
    const [first, failing, third] = codeCells(notebook);
    await vscode.commands.executeCommand('notebook.execute', notebook.uri);
    await waitFor('the failing cell to end', () => ended(notebook.cellAt(failing.index)) && notebook.cellAt(failing.index).outputs.length > 0, 30_000);
    // Give a wrongly continuing run the time to start the third cell.
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(notebook.cellAt(first.index).executionSummary?.success, true, describe(notebook.cellAt(first.index)));
    const failed = notebook.cellAt(failing.index);
    assert.equal(failed.executionSummary?.success, false);
    assert.match(outputTexts(failed, STDERR_MIME).join(''), /nosuchpod/, describe(failed));
    assert.notEqual(result(failed).status, 'ok');
    const after = notebook.cellAt(third.index);
    assert.equal(after.executionSummary?.executionOrder, undefined, `third cell ran: ${JSON.stringify(after.executionSummary)}`);
    assert.equal(after.executionSummary?.success, undefined);
    assert.equal(after.outputs.length, 0, describe(after));
  });

  test('a streaming cell (kubectl get pods -w) stops when cancelled, and keeps its output', async () => {
    const notebook = await runbook([['bash', 'kubectl get pods -w']]);
    const cell = codeCells(notebook)[0];
    const executing = executeCell(notebook, cell.index);
    await waitFor('streamed output', () => text(notebook.cellAt(cell.index)).startsWith('NAME'), 30_000);
    assert.equal(ended(notebook.cellAt(cell.index)), false, 'the watch should still be running');
    const cancelled = Date.now();
    await vscode.commands.executeCommand('notebook.cell.cancelExecution', { ranges: [{ start: cell.index, end: cell.index + 1 }], document: notebook.uri });
    const done = await waitFor('the cell to end after cancelling', () => (ended(notebook.cellAt(cell.index)) ? notebook.cellAt(cell.index) : undefined), 5000);
    note('sandboxCancelMs', Date.now() - cancelled);
    await executing;
    assert.match(text(done), /^NAME/, describe(done));
    assert.ok(done.outputs.length > 0);
  });

  test('kubectl scale asks first: declined, nothing changes', async () => {
    const testing = (await api()).testing;
    const notebook = await runbook([
      ['bash', REPLICAS],
      ['bash', 'kubectl scale deployment tiktok-toe --replicas=4'],
    ]);
    const before = await replicas(notebook, 0);
    assert.notEqual(before, '4', 'the sandbox should not start with 4 replicas');
    const asked = testing.confirmations.length;
    testing.answerConfirmations(false);
    const scale = await run(notebook, 1);
    assert.equal(testing.confirmations.length, asked + 1, 'one confirmation was asked');
    assert.match(testing.confirmations.at(-1) ?? '', /kubectl scale[\s\S]*--replicas=4/);
    assert.equal(scale.executionSummary?.success, false);
    assert.equal(result(scale).status, 'declined');
    assert.match(`${outputTexts(scale, STDERR_MIME).join('')}\n${outputTexts(scale, 'text/markdown').join('')}`, /declined/, describe(scale));
    assert.equal(await replicas(notebook, 0), before);
  });

  test('kubectl scale asks first: accepted, the deployment has 4 replicas', async () => {
    const testing = (await api()).testing;
    const notebook = await runbook([
      ['bash', 'kubectl scale deployment tiktok-toe --replicas=4'],
      ['bash', REPLICAS],
    ]);
    const asked = testing.confirmations.length;
    testing.answerConfirmations(true);
    const scale = await run(notebook, 0);
    assert.equal(testing.confirmations.length, asked + 1, 'one confirmation was asked');
    assert.match(testing.confirmations.at(-1) ?? '', /sandbox/, 'the question names the target');
    assert.equal(scale.executionSummary?.success, true, describe(scale));
    assert.match(text(scale), /deployment\.apps\/tiktok-toe scaled/);
    assert.equal(await replicas(notebook, 1), '4');
  });

  test('kubectl edit opens the object in an editor tab; saving it applies the change', async () => {
    (await api()).testing.answerConfirmations(true);
    const notebook = await runbook([
      ['bash', 'kubectl edit configmap app-config'],
      ['bash', 'kubectl get configmap app-config -o jsonpath={.data.CIRCUIT_BREAKER_ENABLED}'],
    ]);
    const cell = codeCells(notebook)[0];
    const executing = executeCell(notebook, cell.index);
    const document = await waitFor(
      'the YAML editor of the config map',
      () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.path.endsWith('.yaml') && d.uri.path.includes('/edits/')),
      30_000,
    );
    const at = document.getText().indexOf('CIRCUIT_BREAKER_ENABLED: "false"');
    assert.ok(at >= 0, document.getText());
    const start = document.positionAt(at);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(start, document.positionAt(at + 'CIRCUIT_BREAKER_ENABLED: "false"'.length)), 'CIRCUIT_BREAKER_ENABLED: "true"');
    assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was applied');
    assert.ok(await document.save(), 'the YAML saved');
    const done = await waitFor('the edit cell to end', () => (ended(notebook.cellAt(cell.index)) && notebook.cellAt(cell.index).outputs.length > 0 ? notebook.cellAt(cell.index) : undefined), 30_000);
    await executing;
    assert.equal(done.executionSummary?.success, true, describe(done));
    assert.match(text(done), /configmap\/app-config edited/);
    const check = await run(notebook, 1);
    assert.equal(text(check).trim(), 'true', describe(check));
  });
});

suite('the production guard and read-only mode (trusted folder, against the sandbox)', () => {
  const settings = () => vscode.workspace.getConfiguration('runbook');
  teardown(async () => {
    (await api()).testing.answerConfirmations(undefined);
    await settings().update('productionTargets', undefined, vscode.ConfigurationTarget.Workspace);
    await settings().update('readOnly', undefined, vscode.ConfigurationTarget.Workspace);
  });
  suiteTeardown(closeAllEditors);

  test('on a production context the status bar turns red, and a change runs only once the context\'s name is typed', async () => {
    const testing = (await api()).testing;
    await settings().update('productionTargets', ['sandbox'], vscode.ConfigurationTarget.Workspace);
    const annotate = 'kubectl annotate deployment tiktok-toe runbook-e2e/guard=typed --overwrite';
    const notebook = await runbook([['bash', annotate], ['bash', 'kubectl get deploy tiktok-toe -o jsonpath={.metadata.annotations.runbook-e2e/guard}']]);
    const status = await waitFor('the status bar to show production', () => (testing.verdicts?.kubeStatus()?.production ? testing.verdicts.kubeStatus() : undefined));
    assert.match(status.text, /PRODUCTION sandbox/);
    assert.match(status.tooltip, /matches "sandbox"/);

    // "Yes" without the name typed does not run it.
    testing.answerConfirmations(true);
    const declined = await run(notebook, 0);
    assert.equal(declined.executionSummary?.success, false, describe(declined));
    assert.equal(result(declined).commands[0]?.status, 'declined');
    assert.match(testing.confirmations.at(-1) ?? '', /changes PRODUCTION: sandbox[\s\S]*Type sandbox to run it/);
    // The question shows what the change would do: a server-side dry run and its diff.
    assert.match(testing.confirmations.at(-1) ?? '', /server dry run: 1 object, 1 would change[\s\S]*\+ +runbook-e2e\/guard: typed/);
    assert.equal(text(await run(notebook, 1)).trim(), '', 'nothing was annotated');

    testing.answerConfirmations(true, 'sandbox');
    const ran = await run(notebook, 0);
    assert.equal(ran.executionSummary?.success, true, describe(ran));
    assert.equal(text(await run(notebook, 1)).trim(), 'typed');
  });

  test('a workspace cannot loosen the guard: its empty list still leaves the user\'s (default) patterns', async () => {
    await settings().update('productionTargets', [], vscode.ConfigurationTarget.Workspace);
    const testing = (await api()).testing;
    await runbook([['bash', 'kubectl get pods']]);
    const status = await waitFor('the status bar', () => testing.verdicts?.kubeStatus());
    assert.equal(status.production, false, 'sandbox matches no default pattern');
    // The runbook's own front matter adds its targets.
    const file = fixture(`guard-front-${++count}.runbook.md`, '---\nproduction: [sand*]\n---\n# Guarded\n\n```bash\nkubectl get pods\n```\n');
    const notebook = await openRunbook(file.uri);
    await selectController(notebook);
    await waitFor('the status bar to show production from the front matter', () => testing.verdicts?.kubeStatus()?.production);
  });

  test('read-only mode refuses a change with its reason, before it reaches the server, and runs reads', async () => {
    await settings().update('readOnly', true, vscode.ConfigurationTarget.Workspace);
    (await api()).testing.answerConfirmations(true);
    const notebook = await runbook([['bash', REPLICAS], ['bash', 'kubectl scale deployment tiktok-toe --replicas=7'], ['bash', REPLICAS]]);
    const before = await replicas(notebook, 0);
    const refused = await run(notebook, 1);
    const [command] = result(refused).commands;
    assert.equal(command?.status, 'skipped', describe(refused));
    assert.match(outputTexts(refused, 'text/markdown').join(''), /\*\*Not run \(read-only\):\*\* `kubectl scale deployment tiktok-toe --replicas=7` changes state/);
    assert.equal(await replicas(notebook, 2), before, 'the cluster is unchanged');
  });
});
