// Incident records in the real workbench, against the sandbox of the trusted
// window: a record started from the sample runbook with the command, cells
// run in it (written after their fences, in the runbook's folder), a note and
// the end, the record closed and reopened with its outputs, execution
// summaries and verdicts back, a hand-edited output marked as such, and a
// plain runbook that running cells never writes.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as vscode from 'vscode';
import { suite, suiteTeardown, test } from 'mocha';
import { readRecord, type ReadRecord } from '../../../src/core/records';
import type { RunbookApi } from '../../../src/extension/testApi';
import { EXTENSION_ID, RESULT_MIME, closeAllEditors, codeCells, executeCell, fixture, openRunbook, outputTexts, selectController, setCellText, waitFor, workspaceDir } from './helpers';

const HPA = 'kubectl get hpa\nkubectl describe hpa tiktok-toe';
const CONNECTIONS = 'SELECT count(*) FROM pg_stat_activity;';
/** A step that reads a file beside the runbook (not beside the record); run as a dry run, it changes nothing. */
const APPLY = 'kubectl apply -f k8s/database/read-replica.yaml';
const DRY_APPLY = `${APPLY} --dry-run=client`;
const RUNBOOK_NAME = 'records-playbook.runbook.md';

interface ResultRecord {
  status: string;
  recorded?: { run: number; at: string; who: string; edited?: boolean };
}

interface Shown {
  text: string;
  success: boolean | undefined;
  status: string | undefined;
}

async function api(): Promise<RunbookApi['testing']> {
  const extension = vscode.extensions.getExtension<RunbookApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  return (await extension.activate()).testing;
}

function cellWith(notebook: vscode.NotebookDocument, code: string): vscode.NotebookCell {
  const cell = codeCells(notebook).find((c) => c.document.getText() === code);
  assert.ok(cell, `no cell runs ${JSON.stringify(code)}`);
  return cell;
}

/** Runs the cell and waits for this execution (not an earlier one) to end. */
async function run(notebook: vscode.NotebookDocument, code: string): Promise<vscode.NotebookCell> {
  const { index } = cellWith(notebook, code);
  const before = notebook.cellAt(index).executionSummary?.timing?.startTime;
  await executeCell(notebook, index);
  return waitFor(
    `the cell running ${JSON.stringify(code)} to end`,
    () => {
      const cell = notebook.cellAt(index);
      const timing = cell.executionSummary?.timing;
      return cell.executionSummary?.success !== undefined && cell.outputs.length > 0 && timing?.endTime !== undefined && timing.startTime !== before ? cell : undefined;
    },
    30_000,
  );
}

function result(cell: vscode.NotebookCell): ResultRecord {
  const [json] = outputTexts(cell, RESULT_MIME);
  assert.ok(json, `no ${RESULT_MIME} output`);
  return JSON.parse(json) as ResultRecord;
}

function shown(cell: vscode.NotebookCell): Shown {
  return { text: outputTexts(cell, 'text/plain').join(''), success: cell.executionSummary?.success, status: result(cell).status };
}

function readRecordFile(path: string): ReadRecord {
  return readRecord(readFileSync(path, 'utf8'));
}

function recordedRuns(path: string, code: string): number {
  return readRecordFile(path).cells.find((c) => c.code === code)?.runs.length ?? 0;
}

/**
 * Opens the record in an editor, as the user does. (A document opened through
 * the API alone is kept for minutes after its editors close; one opened in
 * an editor closes with it, so opening it again reads the file.)
 */
async function showRecord(path: string): Promise<vscode.NotebookDocument> {
  const uri = vscode.Uri.file(path);
  await vscode.commands.executeCommand('vscode.openWith', uri, 'runbook');
  return waitFor(`${path} in the active editor`, () => (vscode.window.activeNotebookEditor?.notebook.uri.fsPath === path ? vscode.window.activeNotebookEditor.notebook : undefined));
}

/** The sandbox's connection settings, from the env file the workspace names (`export NAME='value'` lines). */
function sandboxEnv(): Record<string, string> {
  const envFile = vscode.workspace.getConfiguration('runbook').get<string>('envFile') ?? '';
  const text = readFileSync(resolve(workspaceDir(), envFile), 'utf8');
  return Object.fromEntries([...text.matchAll(/^export ([A-Z_][A-Z0-9_]*)='((?:[^']|'\\'')*)'$/gm)].map((m) => [m[1], m[2].replace(/'\\''/g, "'")]));
}

/** Closes every editor and waits until VS Code has let go of the document. */
async function closeNotebook(notebook: vscode.NotebookDocument): Promise<void> {
  await closeAllEditors();
  await waitFor(`${notebook.uri.fsPath} to close`, () => notebook.isClosed, 20_000);
}

suite('incident records (trusted folder, with the sandbox)', () => {
  suiteTeardown(closeAllEditors);

  let recordPath = '';
  /** What each cell showed when it ran, and its verdict in the cell status bar. */
  const live = new Map<string, Shown & { verdict?: string }>();
  let liveSummary: string | undefined;

  test('running cells of a plain runbook never writes it', async () => {
    const plain = fixture('plain-run.runbook.md');
    const notebook = await openRunbook(plain.uri);
    await selectController(notebook);
    const cell = await run(notebook, CONNECTIONS);
    assert.equal(cell.executionSummary?.success, true, JSON.stringify(shown(cell)));
    await run(notebook, HPA);
    assert.equal(notebook.isDirty, false, 'outputs do not make a plain runbook dirty');
    assert.ok(readFileSync(plain.path).equals(plain.bytes), 'the runbook bytes are unchanged');
    const incidents = join(workspaceDir(), 'incidents');
    assert.deepEqual(existsSync(incidents) ? readdirSync(incidents).filter((n) => n.includes('plain-run')) : [], [], 'no record was made');
  });

  test('Start Incident Record writes a record of the runbook beside it and opens it', async () => {
    const runbook = fixture(RUNBOOK_NAME);
    await openRunbook(runbook.uri);
    const before = new Date().toISOString().slice(0, 10);
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('runbook.startRecord');
    const after = new Date().toISOString().slice(0, 10);
    assert.ok(uri, 'the command returns the record');
    recordPath = uri.fsPath;
    // Named by the UTC day it started (either side of a midnight during the command).
    const expected = [before, after].map((day) => join(workspaceDir(), 'incidents', `${day}-records-playbook.incident.md`));
    assert.ok(expected.includes(recordPath), `${recordPath} is not one of ${expected.join(', ')}`);
    const editor = await waitFor('the record in the active notebook editor', () => (vscode.window.activeNotebookEditor?.notebook.uri.fsPath === recordPath ? vscode.window.activeNotebookEditor : undefined));
    assert.equal(editor.notebook.notebookType, 'runbook');
    assert.ok(readFileSync(runbook.path).equals(runbook.bytes), 'the runbook itself is unchanged');

    const record = readRecordFile(recordPath);
    assert.ok(record.header, 'the record has a header');
    assert.equal(record.header.status, 'open');
    assert.equal(record.header.runbook.path, `../${RUNBOOK_NAME}`);
    assert.equal(record.header.runbook.sha256, createHash('sha256').update(runbook.bytes).digest('hex'));
    assert.deepEqual(record.events.map((e) => e.kind), ['start']);
    assert.deepEqual(record.cells, [], 'no runs yet');
    // The record holds the runbook's steps as they were.
    assert.equal(codeCells(editor.notebook).filter((c) => c.document.getText() === HPA).length, 1);
  });

  test('cells run in the runbook\'s folder, and each run is written after its fence and saved', async () => {
    assert.ok(recordPath, 'the record was started');
    const testing = await api();
    const notebook = await showRecord(recordPath);
    await selectController(notebook);
    for (const code of [HPA, CONNECTIONS]) {
      const cell = await run(notebook, code);
      await waitFor(`the run of ${JSON.stringify(code)} in the file`, () => recordedRuns(recordPath, code) === 1, 20_000);
      live.set(code, { ...shown(cell), verdict: testing.verdicts?.cellStatus(cell)?.text });
    }
    assert.equal(live.get(HPA)?.success, true, JSON.stringify(live.get(HPA)));
    assert.equal(live.get(CONNECTIONS)?.success, true, JSON.stringify(live.get(CONNECTIONS)));
    assert.ok(live.get(HPA)?.verdict, 'kubectl get hpa measured the web tier against the runbook\'s thresholds');

    // From the incidents folder, k8s/... is found only when the cell runs beside the runbook.
    await setCellText(cellWith(notebook, APPLY), DRY_APPLY);
    const apply = await run(notebook, DRY_APPLY);
    assert.match(shown(apply).text, /^statefulset\.apps\/postgresql-read created \(dry run\)$/m, JSON.stringify(shown(apply)));
    assert.equal(apply.executionSummary?.success, true);
    await waitFor('the dry run in the file', () => recordedRuns(recordPath, DRY_APPLY) === 1, 20_000);
    live.set(DRY_APPLY, shown(apply));
    liveSummary = testing.verdicts?.summary()?.text;
    assert.ok(liveSummary, 'the notebook summary shows');
    await waitFor('the record to be saved', () => !notebook.isDirty, 10_000);

    const text = readFileSync(recordPath, 'utf8');
    const record = readRecord(text);
    for (const code of [HPA, CONNECTIONS, DRY_APPLY]) {
      const runs = record.cells.find((c) => c.code === code)?.runs ?? [];
      assert.equal(runs.length, 1, code);
      assert.equal(runs[0].text, live.get(code)?.text, `the record holds what the cell showed: ${code}`);
      assert.equal(runs[0].edited, false);
      // Right after the fence, at the fence's indentation inside its numbered step.
      const fence = `${code.split('\n').map((l) => `   ${l}\n`).join('')}   \`\`\`\n\n   <!-- runbook:run `;
      assert.ok(text.includes(fence), `no run block right after the fence of ${JSON.stringify(code)}`);
    }
    assert.deepEqual(record.events.map((e) => e.kind), ['start', 'run', 'run', 'run']);
    // The step as it was edited in the record, and the runbook's other copy of it, unrun.
    assert.equal(record.cells.filter((c) => c.code === APPLY).length, 0);
    assert.ok(text.includes(`   ${DRY_APPLY}\n`) && text.includes(`   ${APPLY}\n`));
    assert.equal(record.header?.status, 'open');
    assert.ok(record.header?.targets.some((t) => t.kind === 'kubernetes'), JSON.stringify(record.header?.targets));
    assert.ok((record.header?.verdicts.ok ?? 0) + (record.header?.verdicts.warning ?? 0) + (record.header?.verdicts.critical ?? 0) >= 1, JSON.stringify(record.header?.verdicts));
    assert.match(text, /\n## Timeline\n/);
  });

  test('a note and the end go into the timeline and the header', async () => {
    assert.ok(recordPath, 'the record was started');
    await showRecord(recordPath);
    await vscode.commands.executeCommand('runbook.addNote', 'Web tier steady at 5 pods');
    await vscode.commands.executeCommand('runbook.endRecord', 'resolved');
    const record = readRecordFile(recordPath);
    assert.deepEqual(record.events.slice(-2).map((e) => e.kind), ['note', 'end']);
    const note = record.events.at(-2);
    assert.equal(note?.kind === 'note' ? note.text : undefined, 'Web tier steady at 5 pods');
    assert.equal(record.header?.status, 'resolved');
    assert.ok(record.header?.ended, 'the end time');
  });

  test('a reopened record shows each cell\'s latest run, its execution summary and its verdict', async () => {
    assert.ok(recordPath && live.size === 3, 'the cells ran in the record');
    await closeNotebook(await showRecord(recordPath));
    const notebook = await showRecord(recordPath);
    const testing = await api();
    const record = readRecordFile(recordPath);
    for (const [code, before] of live) {
      const cell = cellWith(notebook, code);
      const after = shown(cell);
      assert.deepEqual({ text: after.text, success: after.success, status: after.status }, { text: before.text, success: before.success, status: before.status }, code);
      const [run] = record.cells.find((c) => c.code === code)?.runs ?? [];
      assert.equal(result(cell).recorded?.run, run.run.run);
      assert.equal(result(cell).recorded?.edited, undefined);
      assert.deepEqual(cell.executionSummary?.timing, { startTime: Date.parse(run.run.at), endTime: Date.parse(run.run.at) + run.run.durationMs });
      assert.equal(testing.verdicts?.cellStatus(cell)?.text, before.verdict, `the verdict of ${JSON.stringify(code)}`);
    }
    await waitFor('the notebook summary as it was', () => testing.verdicts?.summary()?.text === liveSummary, 5000);
    assert.equal(notebook.isDirty, false);
  });

  test('an output changed by hand in the file reopens marked as edited', async () => {
    assert.ok(recordPath && live.size === 3, 'the cells ran in the record');
    const text = readFileSync(recordPath, 'utf8');
    assert.equal(text.split('(1 row)').length, 2, 'only the SQL cell printed a row count');
    // A copy beside the record, changed by hand, opened as a new document from the file.
    const copy = join(dirname(recordPath), 'edited-by-hand.incident.md');
    writeFileSync(copy, text.replace('(1 row)', '(1 row, checked)'));
    const notebook = await showRecord(copy);
    const edited = cellWith(notebook, CONNECTIONS);
    assert.match(outputTexts(edited, 'text/plain').join(''), /\(1 row, checked\)/);
    assert.equal(result(edited).recorded?.edited, true);
    assert.match(outputTexts(edited, 'text/markdown').join('\n'), /edited after it was recorded/i);
    const untouched = cellWith(notebook, HPA);
    assert.equal(result(untouched).recorded?.edited, undefined);
    assert.doesNotMatch(outputTexts(untouched, 'text/markdown').join('\n'), /edited after it was recorded/i);
  });

  test('a record written by the runbook CLI opens with its outputs; one written here reads back through runbook show', async () => {
    const steps = ['kubectl get pods -l app=tiktok-toe', 'SELECT 1 AS one;'];
    const runbook = fixture('cli-record.runbook.md', '# From the CLI\n\n```bash\n' + steps[0] + '\n```\n\n```sql\n' + steps[1] + '\n```\n');
    const out = join(workspaceDir(), 'incidents', 'from-the-cli.incident.md');
    const cli = join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'bin', 'runbook.js');
    const written = spawnSync(process.execPath, [cli, 'run', runbook.path, '--record', out], { env: { ...process.env, ...sandboxEnv() }, encoding: 'utf8' });
    assert.equal(written.status, 0, written.stderr);
    const record = readRecordFile(out);
    const notebook = await showRecord(out);
    for (const step of steps) {
      const cell = cellWith(notebook, step);
      const [run] = record.cells.find((c) => c.code === step)?.runs ?? [];
      assert.ok(run, `a run of ${step}`);
      assert.equal(shown(cell).text, run.text);
      assert.equal(cell.executionSummary?.success, true);
      assert.equal(result(cell).recorded?.run, run.run.run);
    }
    assert.ok(recordPath, 'the record written in VS Code');
    const show = spawnSync(process.execPath, [cli, 'show', '--json', recordPath], { encoding: 'utf8' });
    assert.equal(show.status, 0, show.stderr);
    const runs = (JSON.parse(show.stdout) as { runs: { command: string }[] }).runs;
    assert.ok(runs.some((r) => r.command === CONNECTIONS), JSON.stringify(runs));
  });

  test('secrets read in a record reach neither its file, its outputs nor its HTML export', async () => {
    const pgPassword = sandboxEnv().PGPASSWORD;
    assert.ok(pgPassword, 'PGPASSWORD in the env file');
    const secrets = [pgPassword, 'sandbox-db-password', 'sandbox-redis-password'];
    const steps = [
      'kubectl get secret postgresql-credentials -o yaml',
      "kubectl get secret redis-auth -o go-template='{{.data.password | base64decode}}'",
      'psql -c "SELECT \'$PGPASSWORD\' AS echoed"',
    ];
    const runbook = fixture('secrets.runbook.md', `# Secrets\n\n${steps.map((s) => '```bash\n' + s + '\n```\n').join('\n')}`);
    await openRunbook(runbook.uri);
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('runbook.startRecord');
    assert.ok(uri, 'a record was started');
    const notebook = await showRecord(uri.fsPath);
    await selectController(notebook);
    const outputs: string[] = [];
    for (const step of steps) {
      const cell = await run(notebook, step);
      assert.equal(cell.executionSummary?.success, true, `${step}: ${JSON.stringify(shown(cell))} ${outputTexts(cell, 'application/vnd.code.notebook.stderr').join('')}`);
      assert.match(shown(cell).text, /‹secret:/, step);
      outputs.push(...outputTexts(cell, 'text/plain'), ...outputTexts(cell, RESULT_MIME));
    }
    await waitFor('every run written to the record', () => readRecordFile(uri.fsPath).cells.length === steps.length);
    const html = vscode.Uri.file(join(dirname(uri.fsPath), 'secrets.html'));
    const exported = await vscode.commands.executeCommand<vscode.Uri | undefined>('runbook.exportRecordHtml', html);
    assert.equal(exported?.fsPath, html.fsPath);
    const artifacts = { record: readFileSync(uri.fsPath, 'utf8'), export: readFileSync(html.fsPath, 'utf8'), outputs: outputs.join('\n') };
    assert.match(artifacts.export, /<meta http-equiv="Content-Security-Policy" content="default-src/);
    const leaks = secrets.flatMap((value) => [value, Buffer.from(value).toString('base64')].flatMap((form) => Object.entries(artifacts).filter(([, text]) => text.includes(form)).map(([name]) => `${value === form ? value : `base64 of ${value}`} in ${name}`)));
    assert.deepEqual(leaks, []);
  });
});
