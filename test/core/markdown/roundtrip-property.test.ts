import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseRunbook, serializeRunbook } from '../../../src/core/markdown';
import { newCode, runbookText } from '../../support/runbookArbitrary';

test('any generated runbook round-trips to the same characters (10,000 cases)', () => {
  fc.assert(
    fc.property(runbookText, (text) => {
      assert.equal(serializeRunbook(parseRunbook(text)), text);
    }),
    { numRuns: 10_000 },
  );
});

test('the generator produces the cases it claims to', () => {
  const samples = fc.sample(runbookText, { numRuns: 2_000, seed: 42 });
  const count = (p: (t: string) => boolean) => samples.filter(p).length;
  assert.ok(count((t) => t.startsWith('\uFEFF')) > 100, 'BOM');
  assert.ok(count((t) => /\r\n/.test(t) && /[^\r]\n/.test(t)) > 100, 'mixed endings');
  assert.ok(count((t) => !/[\r\n]$/.test(t)) > 100, 'no final newline');
  assert.ok(count((t) => /(^|\n)---\r?\ntitle/.test(t.replace('\uFEFF', ''))) > 50, 'front matter');
  assert.ok(count((t) => t.includes('~~~')) > 100, 'tilde fences');
  assert.ok(count((t) => t.includes('> > ')) > 50, 'nested blockquotes');
  assert.ok(count((t) => t.includes('<details>')) > 50, 'HTML blocks');
  const cells = samples.flatMap((t) => parseRunbook(t).cells);
  assert.ok(cells.filter((c) => c.origin?.fence?.prefix?.includes('>')).length > 100, 'fences in blockquotes');
  assert.ok(cells.filter((c) => c.origin?.fence && c.origin.fence.closing === null).length > 50, 'unclosed fences');
});

test('editing one code cell changes only that cell, and the new code reads back (3,000 cases)', () => {
  fc.assert(
    fc.property(runbookText, newCode, fc.nat(), (text, code, pick) => {
      const doc = parseRunbook(text);
      const fenced = doc.cells
        .map((cell, index) => ({ cell, index }))
        .filter(({ cell }) => cell.origin?.fence && cell.origin.fence.role !== 'frontmatter');
      fc.pre(fenced.length > 0);
      const { cell, index } = fenced[pick % fenced.length];
      const origin = cell.origin!;
      cell.value = code;
      const out = serializeRunbook(doc);
      const bom = doc.file.bom ? 1 : 0;
      assert.equal(out.slice(0, origin.start + bom), text.slice(0, origin.start + bom), 'bytes before the cell changed');
      const after = text.length - (origin.end + bom);
      assert.equal(out.slice(out.length - after), text.slice(text.length - after), 'bytes after the cell changed');
      const reread = parseRunbook(out);
      assert.equal(reread.cells.length, doc.cells.length, 'cell count changed');
      assert.equal(reread.cells[index].value, code);
      reread.cells.forEach((c, i) => {
        if (i !== index) assert.equal(c.value, doc.cells[i].value, `cell ${i} changed`);
      });
    }),
    { numRuns: 3_000 },
  );
});
