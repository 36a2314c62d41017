import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseRunbook, serializeRunbook } from '../../../src/core/markdown';
import { readRecord } from '../../../src/core/records';
import { Runbook } from '../../../src/core/runbook';
import { startRecording } from './recordSupport';

const RUNBOOK = [
  '---',
  'thresholds:',
  '  Web: {kubernetes: deployment/web}',
  '---',
  '# Ops',
  '',
  '## Web',
  '```yaml',
  'restarts: {warning: 3, critical: 5}',
  '```',
  '',
  '1. Check the pods:',
  '',
  '   ```bash',
  '   kubectl get pods',
  '   ```',
  '',
  '2. Then the database:',
  '',
  '> ```sql',
  '> SELECT 1;',
  '> ```',
  '',
  'Done.',
  '',
].join('\n');

test('a record is the runbook with a header and a timeline; its runbook front matter and thresholds are kept', () => {
  const recording = startRecording(RUNBOOK);
  const text = recording.text();
  assert.ok(text.startsWith('---\nincident:\n  id: 2026-12-07-ops\n  title: Ops\n'));
  assert.ok(text.includes('thresholds:\n  Web: {kubernetes: deployment/web}\n---\n# Ops\n'), 'the runbook front matter follows the header');
  assert.ok(text.includes(RUNBOOK.slice(RUNBOOK.indexOf('# Ops'))), 'the runbook body is copied byte for byte');
  const groups = (t: string) => Runbook.fromMarkdown(t).groups.map((g) => `${g.name}:${JSON.stringify(g.binding ?? null)}`);
  assert.deepEqual(groups(text), groups(RUNBOOK));
  assert.equal(serializeRunbook(parseRunbook(text)), text);
  const read = readRecord(text);
  assert.equal(read.header?.status, 'open');
  assert.equal(read.header?.runbook.path, '../ops.runbook.md');
  assert.deepEqual(read.events.map((e) => e.kind), ['start']);
});

test('each run goes right after its fence, inside its list item or blockquote, and reads back exactly', async () => {
  const recording = startRecording(RUNBOOK);
  const tricky = 'NAME  READY\n```\n<!-- /runbook:run -->\n--> </details>\n\n  indented\n';
  await recording.run(1, { text: tricky });
  await recording.run(2, { text: ' ?column? \n----------\n        1\n(1 row)', stderr: 'NOTICE: x\n', exitCode: 0, tool: 'sql' });
  await recording.run(1, { text: 'second run\n', status: 'failed', exitCode: 1 });
  const text = recording.text();
  assert.equal(serializeRunbook(parseRunbook(text)), text, 'the record round-trips byte for byte');
  // The list item's run is indented like its fence; the blockquote's is quoted.
  assert.match(text, /\n   ```\n\n   <!-- runbook:run [A-Za-z0-9+/=]+ -->\n   \*\*Run 1\*\* · ✅ \*\*ok\*\* · 2026-12-07 07:00:00 UTC · alice · context sandbox, namespace default · exit 0 · 5 ms\n\n   ````text\n   NAME  READY\n/);
  assert.match(text, /\n> ```\n>\n> <!-- runbook:run [A-Za-z0-9+/=]+ -->\n> \*\*Run 2\*\*/);
  // Same cells as the runbook: runs are not cells.
  assert.equal(parseRunbook(text).cells.length, parseRunbook(RUNBOOK).cells.length + 1, 'one more cell: the timeline');
  const read = readRecord(text);
  const byLine = read.cells.map((c) => ({ code: c.code, runs: c.runs.map((r) => [r.run.run, r.text, r.stderr, r.edited, r.run.result.status]) }));
  assert.deepEqual(byLine, [
    { code: 'kubectl get pods', runs: [[1, tricky, '', false, 'ok'], [3, 'second run\n', '', false, 'failed']] },
    { code: 'SELECT 1;', runs: [[2, ' ?column? \n----------\n        1\n(1 row)', 'NOTICE: x\n', false, 'ok']] },
  ]);
  assert.deepEqual(read.events.map((e) => e.kind), ['start', 'run', 'run', 'run']);
  assert.match(text, /\| 2026-12-07 07:00:00 \| Web › 1\. Check the pods: \| Ran `kubectl get pods` \| context sandbox, namespace default \| 0 \|  \| alice \|/);
});

test('an output edited by hand after it was recorded reads back as edited', async () => {
  const recording = startRecording(RUNBOOK);
  await recording.run(1, { text: 'web-1  Running\nweb-2  Running\n' });
  const text = recording.text();
  assert.equal(readRecord(text).cells[0].runs[0].edited, false);
  const edited = text.replace('   web-2  Running\n', '   web-2  CrashLoopBackOff\n');
  assert.notEqual(edited, text);
  const run = readRecord(edited).cells[0].runs[0];
  assert.equal(run.edited, true);
  assert.equal(run.text, 'web-1  Running\nweb-2  CrashLoopBackOff\n');
});

test('editing prose in a record changes only that prose', async () => {
  const recording = startRecording(RUNBOOK);
  await recording.run(1, { text: 'x\n' });
  const text = recording.text();
  const doc = parseRunbook(text);
  const prose = doc.cells.find((c) => c.value === 'Done.')!;
  prose.value = 'Done. Paged the database team.';
  assert.equal(serializeRunbook(doc), text.replace('\nDone.\n', '\nDone. Paged the database team.\n'));
});

test('a long output is folded; one over the size limit goes whole to a sidecar, and the record links to it', async () => {
  const recording = startRecording(RUNBOOK, { maxOutputBytes: 2000 });
  const long = Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n') + '\n';
  await recording.run(1, { text: long });
  assert.match(recording.text(), /<details><summary>Output: 40 lines<\/summary>\n\n   ````?text\n   line 0\n/);
  const huge = Array.from({ length: 500 }, (_, i) => `row ${i} ${'x'.repeat(20)}`).join('\n') + '\n';
  await recording.run(2, { text: huge });
  assert.deepEqual(recording.sidecars.map((s) => [s.name, s.text === huge]), [['2026-12-07-ops.run-002.txt', true]]);
  const text = recording.text();
  assert.match(text, /\[2026-12-07-ops\.run-002\.txt\]\(\.\/2026-12-07-ops\.run-002\.txt\)/);
  const run = readRecord(text).cells[1].runs[0];
  assert.equal(run.edited, false);
  assert.equal(run.run.text.sidecar?.bytes, Buffer.byteLength(huge));
  assert.ok(huge.startsWith(run.text) && run.text.length < huge.length, 'the record shows the beginning');
});

test('an output the cell kept only the end of is recorded whole, from its spool file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'recorder-spool-'));
  try {
    const whole = Array.from({ length: 3000 }, (_, i) => `log line ${i}`).join('\n') + '\n';
    const path = join(dir, 'output-1.stdout.txt');
    writeFileSync(path, whole);
    const shown = whole.split('\n').slice(-11).join('\n');
    const recording = startRecording(RUNBOOK, { maxOutputBytes: 4096 });
    await recording.run(1, { text: shown, fullOutput: { stdout: { path, bytes: Buffer.byteLength(whole), lines: 3000, shownLines: 10 } } });
    assert.deepEqual(recording.sidecars.map((s) => s.text === whole), [true], 'the sidecar holds the whole output');
    const run = readRecord(recording.text()).cells[0].runs[0];
    assert.equal(run.run.text.sidecar?.bytes, Buffer.byteLength(whole));
    assert.ok(run.text.startsWith('log line 0\n'), 'the record shows the beginning of the whole output');
    assert.equal(JSON.stringify(run.run.result).includes(path), false, 'the temporary file is not named in the record');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('notes, skipped steps, confirmations and the end go into the timeline and the header', async () => {
  const recording = startRecording(RUNBOOK);
  const cell = recording.runbook.codeCells[1];
  await recording.recorder.listener({ type: 'cell-started', cell, sampled: false });
  await recording.recorder.listener({ type: 'confirmation', cell, request: { tool: 'kubectl', action: 'scale', commandLine: 'kubectl scale deploy web --replicas=5', target: { kind: 'kubernetes', label: 'context prod' } }, answer: false });
  await recording.recorder.listener({ type: 'cell-finished', cell, result: { tool: 'kubectl', command: 'kubectl scale deploy web --replicas=5', status: 'declined', text: '', stderr: 'not run: kubectl scale was declined\n', exitCode: 1, commands: [{ command: 'kubectl scale deploy web --replicas=5', tool: 'kubectl', status: 'declined', exitCode: 1, startedAt: '2026-12-07T07:00:05.000Z', durationMs: 0, target: { kind: 'kubernetes', label: 'context prod' } }] } });
  await recording.recorder.listener({ type: 'skipped', cell: recording.runbook.codeCells[2], reason: 'the run stopped at cell 4' });
  await recording.recorder.note('Paged the DB team | see #inc-42 <b>now</b>');
  await recording.recorder.end('resolved');
  const read = readRecord(recording.text());
  assert.deepEqual(read.events.map((e) => e.kind), ['start', 'confirmation', 'run', 'skipped', 'note', 'end']);
  assert.equal(read.header?.status, 'resolved');
  assert.ok(read.header?.ended);
  assert.deepEqual(read.header?.targets.map((t) => t.label), ['context prod']);
  const timeline = recording.text().slice(recording.text().indexOf('## Timeline'));
  assert.match(timeline, /Asked: scale on context prod: kubectl scale deploy web --replicas=5 → \*\*no\*\*/);
  assert.match(timeline, /Note: Paged the DB team \\\| see #inc-42 \\<b\\>now\\<\/b\\>/);
  assert.match(timeline, /Record ended: \*\*resolved\*\*/);
});

test('verdict counts in the header are each cell\'s latest verdict', async () => {
  const recording = startRecording(RUNBOOK);
  const verdict = (level: 'ok' | 'warning' | 'critical') => ({ level, verdicts: [], findings: [], measurements: [] });
  await recording.run(1, { text: 'a\n', verdict: verdict('critical') });
  await recording.run(2, { text: 'b\n', verdict: verdict('warning') });
  await recording.run(1, { text: 'c\n', verdict: verdict('ok') });
  assert.deepEqual(readRecord(recording.text()).header?.verdicts, { ok: 1, warning: 1, critical: 0 });
});

test('CRLF runbooks get CRLF records', async () => {
  const crlf = RUNBOOK.replace(/\n/g, '\r\n');
  const recording = startRecording(crlf);
  await recording.run(1, { text: 'one\ntwo\n' });
  const text = recording.text();
  assert.equal(text.replace(/\r\n/g, '').includes('\n'), false, 'every line ending is CRLF');
  assert.equal(serializeRunbook(parseRunbook(text)), text);
  assert.equal(readRecord(text).cells[0].runs[0].text, 'one\ntwo\n');
});

test('a confirmation on a production target names the target whose name was asked for', async () => {
  const recording = startRecording(RUNBOOK);
  const cell = recording.runbook.codeCells[1];
  const target = { kind: 'kubernetes' as const, label: 'context prod-eu', name: 'prod-eu', production: true };
  await recording.recorder.listener({ type: 'cell-started', cell, sampled: false });
  await recording.recorder.listener({ type: 'confirmation', cell, request: { tool: 'kubectl', action: 'scale', commandLine: 'kubectl scale deploy web --replicas=5', target }, answer: true });
  await recording.recorder.listener({ type: 'cell-finished', cell, result: { tool: 'kubectl', command: 'kubectl scale deploy web --replicas=5', status: 'ok', text: 'deployment.apps/web scaled\n', stderr: '', exitCode: 0, commands: [{ command: 'kubectl scale deploy web --replicas=5', tool: 'kubectl', status: 'ok', exitCode: 0, startedAt: '2026-12-07T07:00:05.000Z', durationMs: 3, target }] } });
  const timeline = recording.text().slice(recording.text().indexOf('## Timeline'));
  assert.match(timeline, /Asked: scale on PRODUCTION target prod-eu \(context prod-eu\): kubectl scale deploy web --replicas=5 → \*\*yes\*\*/);
});

test('a confirmation\'s preview is recorded with it: whole in the timeline\'s events and the run, its first line in the table', async () => {
  const recording = startRecording(RUNBOOK);
  const cell = recording.runbook.codeCells[1];
  const preview = { text: 'server dry run: 1 object, 1 would change\n-  replicas: 3\n+  replicas: 5\n' };
  await recording.recorder.listener({ type: 'cell-started', cell, sampled: false });
  await recording.recorder.listener({ type: 'confirmation', cell, request: { tool: 'kubectl', action: 'scale', commandLine: 'kubectl scale deploy web --replicas=5', preview }, answer: true });
  await recording.recorder.listener({ type: 'cell-finished', cell, result: { tool: 'kubectl', command: 'kubectl scale deploy web --replicas=5', status: 'ok', text: 'deployment.apps/web scaled\n', stderr: '', exitCode: 0, commands: [{ command: 'kubectl scale deploy web --replicas=5', tool: 'kubectl', status: 'ok', exitCode: 0, startedAt: '2026-12-07T07:00:05.000Z', durationMs: 0 }] } });
  const read = readRecord(recording.text());
  const event = read.events.find((e) => e.kind === 'confirmation');
  assert.equal(event?.kind === 'confirmation' ? event.preview : undefined, preview.text);
  assert.equal(read.cells.flatMap((c) => c.runs)[0].run.confirmations?.[0].preview, preview.text);
  assert.match(recording.text(), /Asked: scale: kubectl scale deploy web --replicas=5 → \*\*yes\*\* \(preview: server dry run: 1 object, 1 would change\)/);
});
