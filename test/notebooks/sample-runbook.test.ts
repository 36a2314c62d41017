// The sample runbook covers every step of the user's runbook, in the same
// shape, and ships every file its steps reference.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseRunbook, type RunbookCell } from '../../src/core/markdown';
import { PROJECT_ROOT, SEED_RUNBOOK, sharedMissing } from '../support/shared';

const SAMPLE = join(PROJECT_ROOT, 'notebooks', 'scaling-playbook.runbook.md');

function commandLines(cells: RunbookCell[]): string[] {
  return cells
    .filter((c) => c.kind === 'code' && (c.language === 'shellscript' || c.language === 'sql'))
    .flatMap((c) => c.value.split('\n'))
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** The program and its verb: `kubectl scale`, `psql -c`, `aws cloudfront`, `redis-cli --cluster`, `SELECT`. */
function step(line: string): string {
  const words = line.split(/\s+/);
  if (words[0] === 'watch') return `watch ${words[1]} ${words[2]}`;
  if (words[0] === 'aws') return words.slice(0, 3).join(' ');
  return words.slice(0, 2).join(' ');
}

test('the sample runbook has a step for every step of the user runbook', { skip: sharedMissing() }, () => {
  const seed = new Set(commandLines(parseRunbook(readFileSync(SEED_RUNBOOK, 'utf8')).cells).map(step));
  const sample = new Set(commandLines(parseRunbook(readFileSync(SAMPLE, 'utf8')).cells).map(step));
  const missing = [...seed].filter((s) => !sample.has(s));
  assert.deepEqual(missing, []);
  assert.ok(seed.size > 15);
});

test('the sample keeps the threshold YAML of the user runbook', { skip: sharedMissing() }, () => {
  const yaml = (text: string) =>
    parseRunbook(text).cells.filter((c) => c.language === 'yaml' && /warning:/.test(c.value)).map((c) => c.value);
  assert.deepEqual(yaml(readFileSync(SAMPLE, 'utf8')), yaml(readFileSync(SEED_RUNBOOK, 'utf8')));
});

test('commands sit in indented fences under numbered steps, as in the user runbook', () => {
  const cells = parseRunbook(readFileSync(SAMPLE, 'utf8')).cells;
  const shell = cells.filter((c) => c.language === 'shellscript');
  assert.ok(shell.length >= 40);
  for (const cell of shell) assert.equal(cell.origin?.fence?.prefix, '   ', cell.value);
});

test('every file the sample references is shipped next to it', () => {
  const text = readFileSync(SAMPLE, 'utf8');
  const referenced = [
    ...[...text.matchAll(/apply -f (\S+)/g)].map((m) => m[1]),
    ...[...text.matchAll(/file:\/\/(\S+)/g)].map((m) => m[1]),
    ...[...text.matchAll(/^\s*(\.\/scripts\/\S+)/gm)].map((m) => m[1]),
  ];
  assert.ok(referenced.length >= 5, referenced.join(', '));
  for (const file of referenced) assert.ok(existsSync(join(dirname(SAMPLE), file)), `${file} is missing`);
  const cdn = JSON.parse(readFileSync(join(dirname(SAMPLE), 'cdn-config.json'), 'utf8')) as { Origins: { Quantity: number } };
  assert.equal(cdn.Origins.Quantity, 1);
});
