// Inline command detection over the corpus, against inline-labels.json: code
// spans from the corpus's prose, each read and labelled by hand (isCommand:
// would a reader type it as a command line, by issue 19's rule). Prints
// precision and recall; no prose word or flag may count as a command, and no
// complete command line (three or more words) the shell parser reads may be missed.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { findProseSpans, isInlineCommand } from '../../../src/core/inline';
import { parseScript } from '../../../src/core/shell';
import { CORPUS_DIR, sharedMissing } from '../../support/shared';

interface Label {
  file: string;
  line: number;
  text: string;
  isCommand: boolean;
  note?: string;
}

const labels: Label[] = JSON.parse(readFileSync(join(__dirname, 'inline-labels.json'), 'utf8'));
const skip = sharedMissing();

function parses(text: string): boolean {
  try {
    parseScript(text);
    return true;
  } catch {
    return false;
  }
}

test('the labelled set is large enough and covers the tricky prose', () => {
  assert.ok(labels.length >= 100, `only ${labels.length} labelled spans`);
  assert.ok(labels.some((l) => l.text === 'kubectl' && !l.isCommand), 'no bare kubectl');
  assert.ok(labels.some((l) => l.text === '--namespace' && !l.isCommand), 'no bare flag');
  assert.ok(labels.some((l) => l.text === 'kubectl logs' && l.isCommand), 'no incomplete command');
  assert.ok(labels.some((l) => l.text.startsWith('oc ') && l.isCommand), 'no oc command');
  assert.ok(labels.some((l) => /<\w+>/.test(l.text) && l.isCommand), 'no command with a placeholder');
});

test('every labelled span is in the corpus prose at its line', { skip }, () => {
  const byFile = new Map<string, { line: number; command: string }[]>();
  for (const label of labels) {
    if (!byFile.has(label.file)) byFile.set(label.file, findProseSpans(readFileSync(join(CORPUS_DIR, label.file), 'utf8')));
    const spans = byFile.get(label.file)!;
    assert.ok(spans.some((s) => s.line === label.line && s.command === label.text), `${label.file}:${label.line} has no span ${JSON.stringify(label.text)}`);
  }
});

test('detection against the labels: precision, recall, no prose word or flag, no complete command missed', { skip }, (t) => {
  let truePositive = 0;
  let falsePositive = 0;
  let falseNegative = 0;
  const wrong: string[] = [];
  for (const label of labels) {
    const detected = isInlineCommand(label.text);
    if (detected && label.isCommand) truePositive++;
    else if (detected) falsePositive++;
    else if (label.isCommand) falseNegative++;
    if (detected !== label.isCommand) wrong.push(`${label.isCommand ? 'missed' : 'wrongly found'} ${label.file}:${label.line} ${label.text}`);
  }
  const precision = truePositive / (truePositive + falsePositive);
  const recall = truePositive / (truePositive + falseNegative);
  t.diagnostic(`${labels.length} spans, ${truePositive + falseNegative} commands: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`);
  for (const line of wrong) t.diagnostic(line);

  const proseWords = labels.filter((l) => !/\s/.test(l.text.trim()) || /^-/.test(l.text.trim()));
  assert.ok(proseWords.length > 20);
  for (const label of proseWords) assert.equal(isInlineCommand(label.text), false, `${label.text} counts as a command`);

  const complete = labels.filter((l) => l.isCommand && l.text.trim().split(/\s+/).length >= 3 && parses(l.text));
  for (const label of complete) assert.ok(isInlineCommand(label.text), `missed ${label.file}:${label.line} ${label.text}`);
  assert.ok(precision >= 0.95 && recall >= 0.95, `precision ${precision}, recall ${recall}`);
});
