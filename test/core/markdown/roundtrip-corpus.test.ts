import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { decodeRunbook, encodeRunbook, parseRunbook, serializeRunbook } from '../../../src/core/markdown';
import { SEED_RUNBOOK, corpusFiles, sharedMissing } from '../../support/shared';

const skip = sharedMissing();

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

test('every corpus runbook and the seed round-trip byte for byte', { skip }, () => {
  const files = [...corpusFiles(), SEED_RUNBOOK];
  assert.ok(files.length >= 49, `expected the 48 corpus files and the seed, found ${files.length}`);
  for (const file of files) {
    const bytes = readFileSync(file);
    const doc = parseRunbook(decodeRunbook(bytes));
    const out = encodeRunbook(serializeRunbook(doc));
    assert.equal(firstDifference(bytes, out), -1, `${basename(file)} differs after a round trip`);
  }
});

test('the corpus exercises CRLF, missing final newlines and indented fences', { skip }, () => {
  const texts = corpusFiles().map((f) => readFileSync(f, 'utf8'));
  assert.ok(texts.some((t) => t.includes('\r\n')), 'no CRLF file in the corpus');
  assert.ok(texts.some((t) => t.length > 0 && !t.endsWith('\n')), 'no file without a final newline');
  const indented = texts.flatMap((t) => parseRunbook(t).cells).filter((c) => c.origin?.fence?.prefix);
  assert.ok(indented.length > 20, `only ${indented.length} indented fences found`);
});

test('the seed runbook opens with every command in a shell cell under its list item', { skip }, () => {
  const doc = parseRunbook(readFileSync(SEED_RUNBOOK, 'utf8'));
  const code = doc.cells.filter((c) => c.kind === 'code');
  const shell = code.filter((c) => c.language === 'shellscript');
  const yaml = code.filter((c) => c.language === 'yaml');
  const sql = code.filter((c) => c.language === 'sql');
  assert.equal(yaml.length, 5);
  assert.equal(sql.length, 2);
  assert.equal(shell.length, 41);
  for (const cell of shell) assert.equal(cell.origin?.fence?.prefix, '   ', `not indented: ${cell.value}`);
  assert.equal(shell[0].value, 'kubectl get hpa\nkubectl describe hpa tiktok-toe');
  const markdown = doc.cells.filter((c) => c.kind === 'markdown');
  assert.ok(markdown.some((c) => c.value === '2. Monitor scaling events:'));
});
