// The cell parser's memory: a re-run reuses the tree, the tree cannot be
// changed by whoever reads it, and it is the same tree parseScript gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCell, parseScript, stripPrompts, ShellSyntaxError } from '../../../src/core/shell';

test('the same text gives the same tree, equal to parsing it afresh', () => {
  const text = '$ kubectl get pods -n "$NS" | grep web\nredis-cli INFO memory';
  const first = parseCell(text);
  assert.equal(parseCell(text), first);
  assert.deepEqual(first, parseScript(stripPrompts(text).text));
});

test('the kept tree is frozen all the way down', () => {
  const script = parseCell(`psql -c 'SELECT 1' # ${Date.now()}`);
  const words = script.statements[0]!.first.commands[0]!.words;
  assert.throws(() => (words as unknown[]).push('x'), TypeError);
  assert.throws(() => ((words[0]!.parts[0] as { text: string }).text = 'rm'), TypeError);
});

test('a syntax error is thrown every time, not remembered as a tree', () => {
  const text = `echo 'unterminated ${Date.now()}`;
  assert.throws(() => parseCell(text), ShellSyntaxError);
  assert.throws(() => parseCell(text), ShellSyntaxError);
});

test('older texts make room for new ones: a text is parsed again once 64 others came after it', () => {
  const text = `kubectl get ns # ${Date.now()}`;
  const first = parseCell(text);
  for (let i = 0; i < 64; i++) parseCell(`echo ${i} # ${Date.now()}`);
  const again = parseCell(text);
  assert.notEqual(again, first);
  assert.deepEqual(again, first);
});

test('using a text keeps it: the least recently used text is the one that goes', () => {
  const kept = `kubectl get pods # kept ${Date.now()}`;
  const first = parseCell(kept);
  for (let i = 0; i < 100; i++) {
    parseCell(`echo ${i} # filler ${Date.now()}`);
    assert.equal(parseCell(kept), first);
  }
});
