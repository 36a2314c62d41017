// Our difflib.get_close_matches against Python's own, on typos of the
// operation names aws-cli suggests from: the same names in the same order.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { closeMatches } from '../../../../src/core/tools/aws/choices/closeMatches';
import { CLOUDFRONT_OPERATIONS, S3API_OPERATIONS } from '../../../../src/core/tools/aws/choices';

const NAMES = [...S3API_OPERATIONS, ...CLOUDFRONT_OPERATIONS];

/** Typos of every kind: letters swapped, dropped, doubled, replaced, words cut short, other case. */
function typos(name: string): string[] {
  const mid = Math.floor(name.length / 2);
  return [
    `${name.slice(0, mid)}${name[mid + 1] ?? ''}${name[mid]}${name.slice(mid + 2)}`,
    name.slice(0, -2),
    `${name.slice(0, mid)}${name.slice(mid + 1)}`,
    `${name.slice(0, mid)}${name[mid]}${name.slice(mid)}`,
    `${name.slice(0, mid)}x${name.slice(mid + 1)}`,
    name.split('-')[0],
    name.toUpperCase(),
  ];
}

const python = spawnSync('python3', ['-c', 'import difflib'], { encoding: 'utf8' });
const skip = python.error || python.status !== 0 ? 'python3 with difflib is not available to compare with' : false;

describe('close matches', { skip }, () => {
  it('are the names Python difflib finds, best first, for every cutoff aws-cli and difflib use', () => {
    // Typos of every fourth name: enough of every kind, in a few seconds.
    const words = [...new Set(NAMES.filter((_, i) => i % 4 === 0).flatMap(typos))];
    const script = 'import difflib, json, sys\nd = json.load(sys.stdin)\nprint(json.dumps([[difflib.get_close_matches(w, d["names"], 3, c) for w in d["words"]] for c in (0.8, 0.6)]))';
    const run = spawnSync('python3', ['-c', script], { input: JSON.stringify({ names: NAMES, words }), encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(run.status, 0, run.stderr);
    const [strict, loose] = JSON.parse(run.stdout) as string[][][];
    assert.deepEqual(words.map((w) => closeMatches(w, NAMES, 3, 0.8)), strict);
    assert.deepEqual(words.map((w) => closeMatches(w, NAMES, 3, 0.6)), loose);
    assert.ok(strict.some((m) => m.length === 3) && strict.some((m) => m.length === 0), 'the typos reach both ends');
  });
});
