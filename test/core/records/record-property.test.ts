import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseRunbook, serializeRunbook } from '../../../src/core/markdown';
import { readRecord } from '../../../src/core/records';
import { runbookText } from '../../support/runbookArbitrary';
import { startRecording } from './recordSupport';

/** Outputs that try to break out: fences, comment ends, our own markers, CR, blank lines, no final newline. */
const outputLine = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('```', '````', '~~~', '   ```', '-->', '<!-- /runbook:run -->', '<!-- runbook:run x -->', '</details>', '<details>', '', '  ', '> quoted', '| a | b |', '<!-- runbook:timeline', 'é 日本'),
);
const output = fc.tuple(fc.array(outputLine, { maxLength: 6 }), fc.boolean(), fc.constantFrom('\n', '\r\n')).map(([lines, final, eol]) => lines.join(eol) + (final && lines.length ? eol : ''));

test('any runbook, recorded with any outputs, round-trips and reads back its outputs (1,000 cases)', async () => {
  await fc.assert(
    fc.asyncProperty(runbookText, fc.array(fc.tuple(fc.nat(), output, output), { maxLength: 4 }), async (text, runs) => {
      const recording = startRecording(text);
      const cells = recording.runbook.codeCells;
      const expected = new Map<number, { text: string; stderr: string }[]>();
      for (const [pick, out, err] of runs) {
        if (cells.length === 0) break;
        const ordinal = pick % cells.length;
        const before = recording.text();
        await recording.run(ordinal, { text: out, stderr: err });
        if (recording.text() === before) continue; // an unclosed fence, or nothing to record
        const list = expected.get(cells[ordinal].index) ?? [];
        list.push({ text: out.replace(/\r\n?/g, '\n'), stderr: err.replace(/\r\n?/g, '\n') });
        expected.set(cells[ordinal].index, list);
      }
      const record = recording.text();
      assert.equal(serializeRunbook(parseRunbook(record)), record, 'round trip');
      const read = readRecord(record);
      const got = new Map(read.cells.map((c) => [c.index, c.runs.map((r) => ({ text: r.text, stderr: r.stderr }))]));
      assert.deepEqual(got, expected);
      assert.ok(read.cells.every((c) => c.runs.every((r) => !r.edited)), 'nothing reads as edited');
      // The record has the runbook's cells, plus the timeline (and the front matter when the runbook had none).
      const values = (t: string) => parseRunbook(t).cells.filter((c) => c.origin?.fence?.role !== 'frontmatter' && !c.value.startsWith('<!-- runbook:timeline') && c.value.trim() !== '').map((c) => c.value.trimEnd());
      assert.deepEqual(values(record), values(text));
    }),
    { numRuns: 1_000 },
  );
});
