// A record's runs of commands written inline in the prose (the notebook
// writes them after their paragraph): read back with the command and the line
// it is written on, beside the cells' runs, and listed by `runbook show`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withRunAfterParagraph } from '../../../src/core/inline';
import { readRecord } from '../../../src/core/records';
import { renderRunBlock } from '../../../src/core/records/runBlock';
import { sha256, type RecordedRun } from '../../../src/core/records/recordedRun';
import { shownRuns } from '../../../src/cli/show';
import { startRecording } from './recordSupport';

const RUNBOOK = ['# Pods', '', '1. Look at the pods', '', '   ```bash', '   kubectl get hpa', '   ```', '', '2. If one restarts, check `kubectl get events` and', '   `kubectl describe pod web-1`.', ''].join('\n');

/** A run block as the notebook writes it for an inline command, at the given container prefix. */
function inlineRun(run: number, command: string, text: string, prefix: string): string {
  const recorded: RecordedRun = {
    v: 1, run, at: '2026-12-07T07:00:09.000Z', durationMs: 12, who: 'alice',
    result: { tool: 'kubectl', command, status: 'ok', exitCode: 0 },
    text: { sha256: sha256(text), bytes: Buffer.byteLength(text), eol: true },
  };
  return renderRunBlock({ run: recorded, summary: `**ok** · \`${command}\``, text, stderr: '', findings: [], notes: [] }, { prefix, eol: '\n' });
}

test('inline runs read back with their command and line, and runbook show lists them with the cells\' runs, in order', async () => {
  const recording = startRecording(RUNBOOK);
  await recording.run(0, { text: 'NAME   REFERENCE\n' });
  const withCell = recording.text();
  // After the list item's paragraph (its lines are the record's lines from "2. If one restarts").
  const lines = withCell.split('\n');
  const at = lines.findIndex((l) => l.startsWith('2. If one restarts'));
  const prose = lines.slice(at).join('\n');
  const written = withRunAfterParagraph(prose, 1, inlineRun(2, 'kubectl describe pod web-1', 'Name: web-1\n', '   '));
  const record = [...lines.slice(0, at), written].join('\n');

  const read = readRecord(record);
  assert.equal(read.cells.length, 1, 'the cell keeps its own run');
  assert.equal(read.inline.length, 1);
  const [inline] = read.inline;
  assert.equal(inline.command, 'kubectl describe pod web-1');
  assert.equal(inline.line, at + 2, 'the line the command is written on (1-based)');
  assert.equal(inline.runs[0].text, 'Name: web-1\n');
  assert.equal(inline.runs[0].edited, false);

  const shown = shownRuns(read);
  assert.deepEqual(shown.map((r) => [r.run, r.command, r.source ?? 'cell', r.line]), [
    [1, 'kubectl get hpa', 'cell', read.cells[0].line],
    [2, 'kubectl describe pod web-1', 'inline', at + 2],
  ]);
});
