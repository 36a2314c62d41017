import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Lru } from '../../../src/core/util/lru';

test('keeps the most recently used entries: reading one keeps it, the least recently used goes first', () => {
  const lru = new Lru<string, number>(2);
  assert.equal(lru.set('a', 1), 1);
  lru.set('b', 2);
  assert.equal(lru.get('a'), 1);
  lru.set('c', 3);
  assert.equal(lru.get('b'), undefined);
  assert.equal(lru.get('a'), 1);
  assert.equal(lru.get('c'), 3);
  lru.set('a', 10);
  lru.set('d', 4);
  assert.equal(lru.get('c'), undefined);
  assert.equal(lru.get('a'), 10);
});

test('reading the newest entry again keeps the order: the least recently used still goes first', () => {
  const lru = new Lru<string, number>(2);
  lru.set('a', 1);
  lru.set('b', 2);
  assert.equal(lru.get('a'), 1);
  assert.equal(lru.get('a'), 1);
  lru.set('c', 3);
  assert.equal(lru.get('b'), undefined, 'b was the least recently used');
  assert.equal(lru.get('a'), 1);
  assert.equal(lru.get('c'), 3);
  assert.equal(lru.get('c'), 3);
  lru.set('d', 4);
  assert.equal(lru.get('a'), undefined, 'a was read before c, so it went first');
  assert.equal(lru.get('c'), 3);
  assert.equal(lru.get('d'), 4);
});
