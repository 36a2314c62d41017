// The masking stream: however the output is cut into writes, what comes out
// is what masking the whole output at once gives.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Masker } from '../../../src/core/secrets';

const KNOWN = ['hunter2-pw', 'multi\nline\nsecret', 'tok-9f8e7d'];
const PIECES = [
  ...KNOWN,
  Buffer.from('hunter2-pw').toString('base64'),
  'postgresql://app:pw@db/x', 'redis://:s3cret@cache:6379', '> Authorization: Bearer abc', '< Set-Cookie: a=b; Path=/',
  '-----BEGIN PRIVATE KEY-----', '-----END PRIVATE KEY-----', 'MIIEvQ==',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig', '\n', '\r\n', ' ', 'line', 'multi', '=', '@', ':', '‹secret:x›',
];

function maskerWithKnown(): Masker {
  const masker = new Masker({ fingerprintKey: new Uint8Array(32).fill(1) });
  for (const value of KNOWN) masker.add(value, 'TOKEN');
  return masker;
}

function streamed(masker: Masker, chunks: string[]): string {
  let out = '';
  const stream = masker.stream((text) => (out += text));
  for (const chunk of chunks) stream.write(chunk);
  stream.flush();
  return out;
}

/** A text made of pieces that form secrets, and the places it is cut. */
const textAndCuts = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })), { maxLength: 30 })
  .map((pieces) => pieces.join(''))
  .chain((text) => fc.tuple(fc.constant(text), fc.uniqueArray(fc.integer({ min: 0, max: text.length }), { maxLength: 12 })));

test('any split of a text into writes gives what masking the whole text gives', () => {
  fc.assert(
    fc.property(textAndCuts, ([text, cuts]) => {
      const masker = maskerWithKnown();
      const points = [0, ...cuts.sort((a, b) => a - b), text.length];
      const chunks = points.slice(1).map((end, i) => text.slice(points[i], end));
      assert.equal(streamed(masker, chunks), masker.mask(text));
    }),
    { numRuns: 500 },
  );
});

test('a secret written one character at a time is never emitted in part', () => {
  const masker = maskerWithKnown();
  const seen: string[] = [];
  const stream = masker.stream((text) => seen.push(text));
  for (const ch of 'a: hunter2-pw\nb: multi\nline\nsecret\nc: ') stream.write(ch);
  assert.ok(seen.every((text) => !/hunter|multi|secret\n/.test(text)), seen.join('|'));
  stream.flush();
  assert.equal(seen.join(''), masker.mask('a: hunter2-pw\nb: multi\nline\nsecret\nc: '));
});

test('whole lines go out as they are written; a private-key block waits for its end', () => {
  const masker = new Masker();
  const seen: string[] = [];
  const stream = masker.stream((text) => seen.push(text));
  stream.write('first line\nsecond');
  assert.deepEqual(seen, ['first line\n']);
  stream.write(' line\n-----BEGIN PRIVATE KEY-----\nMIIE\n');
  assert.deepEqual(seen, ['first line\n', 'second line\n']);
  stream.write('-----END PRIVATE KEY-----\nafter\n');
  assert.match(seen[2], /^‹secret:private-key#[0-9a-f]{4}›\nafter\n$/);
  stream.flush();
  assert.equal(seen.length, 3);
});
