// Reopening a record: each code cell's latest recorded run comes back as a
// result with its execution summary. The record is made the way the CLI and
// the notebook make one: started from a runbook, then written by the recorder.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunbook, type RunbookCell } from '../../../src/core/markdown';
import { IncidentRecorder, RecordDocument, isTimeline, latestRecordedRun, recordName, recordRunbookPath, renderTimeline, startRecord } from '../../../src/core/records';
import type { CellResult } from '../../../src/core/results';
import { Runbook } from '../../../src/core/runbook';

const RUNBOOK = '---\ntitle: Steps\n---\n# Steps\n\n1. Pods:\n   ```bash\n   kubectl get pods\n   ```\n\n2. Count:\n   ```sql\n   SELECT 1;\n   ```\n';
const RUNBOOK_PATH = '/srv/runbooks/steps.runbook.md';
const RECORD_PATH = '/srv/runbooks/incidents/2026-12-07-steps.incident.md';

/** A record of RUNBOOK with the given results recorded, in order, for the code cell holding `code`. */
async function recorded(runs: [code: string, result: CellResult][]): Promise<{ doc: RecordDocument; saved: string }> {
  const record = startRecord(RUNBOOK_PATH, RUNBOOK, RECORD_PATH, 'alice', new Date('2026-12-07T07:00:00Z'));
  const doc = new RecordDocument(record.text);
  let saved = record.text;
  const runbook = () => new Runbook(doc.doc.cells.map((c, index) => ({ index, kind: c.kind, language: c.language, text: c.value })));
  const target = doc.target(async (text) => void (saved = text));
  const recorder = new IncidentRecorder(target, { runbook, who: 'alice', masker: { mask: (t) => t, maskDeep: (v) => v }, maxOutputBytes: 4096, recordName: recordName(RECORD_PATH) });
  for (const [code, result] of runs) {
    const cell = runbook().cells.find((c) => c.text === code);
    assert.ok(cell, code);
    await recorder.listener({ type: 'cell-finished', cell, result });
  }
  return { doc, saved };
}

function result(overrides: Partial<CellResult>): CellResult {
  return { tool: 'kubectl', command: 'kubectl get pods', status: 'ok', text: '', startedAt: '2026-12-07T07:01:00.000Z', durationMs: 10, exitCode: 0, commands: [], ...overrides };
}

function codeCell(cells: readonly RunbookCell[], value: string): RunbookCell {
  const cell = cells.find((c) => c.kind === 'code' && c.value === value);
  assert.ok(cell, value);
  return cell;
}

test('a reopened cell gets its latest run: text, status, who and when, with the execution summary', async () => {
  const first = result({ text: 'NAME    READY\nweb-1   1/1\n' });
  const second = result({ text: 'No resources found\n', stderr: 'error: the server is gone\n', status: 'failed', exitCode: 1, startedAt: '2026-12-07T07:05:30.250Z', durationMs: 1234 });
  const { saved } = await recorded([['kubectl get pods', first], ['kubectl get pods', second]]);
  const latest = latestRecordedRun(codeCell(parseRunbook(saved).cells, 'kubectl get pods'));
  assert.ok(latest);
  assert.equal(latest.result.text, second.text);
  assert.equal(latest.result.stderr, second.stderr);
  assert.equal(latest.result.status, 'failed');
  assert.equal(latest.result.exitCode, 1);
  assert.equal(latest.success, false);
  assert.equal(latest.startTime, Date.parse(second.startedAt!));
  assert.equal(latest.endTime - latest.startTime, second.durationMs);
  assert.deepEqual(latest.result.recorded, { run: 2, at: second.startedAt, who: 'alice' });
});

test('ok and skipped runs succeeded; cells with no run, and prose, have none', async () => {
  const { saved } = await recorded([['kubectl get pods', result({ text: 'x\n' })], ['SELECT 1;', result({ tool: 'sql', command: 'SELECT 1;', status: 'skipped', text: '', commands: [{ command: 'SELECT 1;', tool: 'sql', status: 'skipped', exitCode: 0, reason: 'changes state', startedAt: '2026-12-07T07:01:00.000Z', durationMs: 0 }] })]]);
  const cells = parseRunbook(saved).cells;
  assert.equal(latestRecordedRun(codeCell(cells, 'kubectl get pods'))?.success, true);
  assert.equal(latestRecordedRun(codeCell(cells, 'SELECT 1;'))?.success, true);
  assert.equal(latestRecordedRun(codeCell(parseRunbook(RUNBOOK).cells, 'kubectl get pods')), undefined);
  for (const prose of cells.filter((c) => c.kind === 'markdown')) assert.equal(latestRecordedRun(prose), undefined);
});

test('the runs still to be written (the cell\'s own runs) come before those read from the file', async () => {
  const { doc } = await recorded([['kubectl get pods', result({ text: 'written\n' })]]);
  // The document's cell holds the new runs, not yet read back from a file: its origin has none.
  const cell = codeCell(doc.doc.cells, 'kubectl get pods');
  assert.equal(cell.origin?.runs, undefined);
  assert.equal(latestRecordedRun(cell)?.result.text, 'written\n');
});

test('an output changed by hand in the file reopens marked edited', async () => {
  const { saved } = await recorded([['kubectl get pods', result({ text: 'web-1   Running\n' })]]);
  assert.equal(saved.split('web-1   Running').length, 2, 'the output appears once in the record');
  const cells = parseRunbook(saved.replace('web-1   Running', 'web-1   Crashed')).cells;
  const latest = latestRecordedRun(codeCell(cells, 'kubectl get pods'));
  assert.equal(latest?.result.text, 'web-1   Crashed\n');
  assert.equal(latest?.result.recorded?.edited, true);
  assert.equal(latestRecordedRun(codeCell(parseRunbook(saved).cells, 'kubectl get pods'))?.result.recorded?.edited, undefined);
});

test('a record names its runbook by a path relative to its own folder', () => {
  const record = startRecord(RUNBOOK_PATH, RUNBOOK, RECORD_PATH, 'alice', new Date('2026-12-07T07:00:00Z'));
  assert.notEqual(record.header.runbook.path, RUNBOOK_PATH, 'the header holds a relative path');
  assert.equal(recordRunbookPath(RECORD_PATH, record.header), RUNBOOK_PATH);
});

test('sidecars are named after the record without its suffix', () => {
  assert.equal(recordName('/a/incidents/2026-12-07-steps-2.incident.md'), '2026-12-07-steps-2');
  assert.equal(recordName('/a/renamed.md'), 'renamed');
});

test('the timeline section is recognised by its first line', () => {
  assert.equal(isTimeline(renderTimeline([])), true);
  assert.equal(isTimeline('## Timeline\n\n| Time |'), false);
});
