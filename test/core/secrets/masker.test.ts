// The masker: known values and their forms, placeholders and fingerprints,
// values inside structured data.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Masker } from '../../../src/core/secrets';

const KEY = new Uint8Array(32).fill(7);

test('a known value is masked whole, with its kind and a fingerprint', () => {
  const masker = new Masker();
  masker.add('hunter2-xyz', 'PGPASSWORD');
  const out = masker.mask('password is hunter2-xyz, again hunter2-xyz.');
  assert.match(out, /^password is ‹secret:PGPASSWORD#[0-9a-f]{4}›, again ‹secret:PGPASSWORD#[0-9a-f]{4}›\.$/);
  const [first, second] = out.match(/‹[^›]*›/g)!;
  assert.equal(first, second, 'the same secret gets the same placeholder');
  assert.doesNotMatch(out, /hunter|xyz/);
});

test('fingerprints tell secrets apart, are stable in a session and depend on its key', () => {
  const a = new Masker({ fingerprintKey: KEY });
  const b = new Masker({ fingerprintKey: KEY });
  const other = new Masker({ fingerprintKey: new Uint8Array(32).fill(9) });
  for (const m of [a, b, other]) {
    m.add('first-secret', 'TOKEN');
    m.add('second-secret', 'TOKEN');
  }
  const first = a.mask('first-secret');
  assert.notEqual(first, a.mask('second-secret'));
  assert.equal(first, b.mask('first-secret'), 'same key, same fingerprint');
  assert.notEqual(first, other.mask('first-secret'), 'another session cannot be matched against this one');
});

test('values shorter than four characters are not masked by value', () => {
  const masker = new Masker();
  masker.add('abc', 'PASS');
  assert.equal(masker.mask('abc abcd'), 'abc abcd');
});

test('base64 forms of a known value are masked, padding included, with the value\'s fingerprint', () => {
  const masker = new Masker({ fingerprintKey: KEY });
  const value = 'p>w?s~c0de';
  masker.add(value, 'k8s-secret');
  const placeholder = masker.mask(value);
  const standard = Buffer.from(value).toString('base64');
  const url = Buffer.from(value).toString('base64url');
  assert.notEqual(standard.replace(/=+$/, ''), url, 'the value was chosen so both alphabets differ');
  assert.equal(masker.mask(`password: ${standard}\n`), `password: ${placeholder}\n`);
  assert.equal(masker.mask(`x=${url}.`), `x=${placeholder}.`);
});

test('a value with quotes or newlines is masked in its JSON-escaped form too', () => {
  const masker = new Masker();
  const value = 'line one\n"line" two';
  masker.add(value, 'k8s-secret');
  const json = JSON.stringify({ config: value });
  assert.match(masker.mask(json), /^\{"config":"‹secret:k8s-secret#[0-9a-f]{4}›"\}$/);
});

test('a multi-line value is masked line by line where it shows indented, as in a YAML block', () => {
  const masker = new Masker();
  masker.add('[client]\npassword=hunter22\nx\n', 'k8s-secret');
  const out = masker.mask('config.ini: |\n  [client]\n  password=hunter22\n  x\n');
  assert.match(out, /^config\.ini: \|\n  (‹secret:k8s-secret#[0-9a-f]{4}›)\n  \1\n  x\n$/, 'each line with the value\'s fingerprint; too short a line stays');
});

test('overlapping secrets become one placeholder: no part of either is left', () => {
  const masker = new Masker();
  masker.add('abcdef', 'ONE');
  masker.add('defghi', 'TWO');
  const out = masker.mask('xx abcdefghi yy');
  assert.match(out, /^xx ‹secret:ONE#[0-9a-f]{4}› yy$/);
});

test('masking is idempotent: a placeholder is never masked again', () => {
  const masker = new Masker();
  masker.add('secret', 'secret');
  masker.add('PGPASSWORD', 'X');
  const once = masker.mask('the secret is secret');
  assert.equal(masker.mask(once), once);
  assert.doesNotMatch(once, /is secret/);
  masker.add('tok-1234', 'TOKEN');
  const line = masker.mask(`curl -H 'Authorization: Bearer tok-1234' -u ops:pw https://h`);
  assert.match(line, /^curl -H 'Authorization: Bearer ‹secret:TOKEN#[0-9a-f]{4}›' -u ops:pw https:\/\/h$/);
  assert.equal(masker.mask(line), line, 'a placeholder is context for the patterns, never a secret to them');
});

test('maskDeep masks every string in a copy, keys included, and leaves other values alone', () => {
  const masker = new Masker();
  masker.add('t0p-s3cret', 'TOKEN');
  const value = { a: 't0p-s3cret', list: [1, 'x t0p-s3cret', null, true], nested: { 't0p-s3cret': { n: 2 } }, missing: undefined };
  const copy = masker.maskDeep(value);
  assert.notEqual(copy, value);
  assert.equal(value.a, 't0p-s3cret', 'the original is unchanged');
  assert.doesNotMatch(JSON.stringify(copy), /t0p-s3cret/);
  assert.equal(copy.list[0], 1);
  assert.equal(copy.list[2], null);
  assert.equal(copy.list[3], true);
  assert.deepEqual(Object.values(copy.nested), [{ n: 2 }]);
  assert.ok('missing' in copy);
});
