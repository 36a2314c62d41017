import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stripPrompts } from '../../../src/core/shell';

test('redis-cli prompt lines are redis-cli commands, and the replies pasted after them are not run', () => {
  const cell = '127.0.0.1:6379> SLOWLOG GET 2\n1) 1) (integer) 5100\n   2) (integer) 1561019091\nredis[2]> GET "a b"\n(nil)\n[::1]:7000> CLUSTER INFO';
  const stripped = stripPrompts(cell);
  assert.equal(stripped.hadPrompts, true);
  assert.deepEqual(stripped.text.split('\n'), ['redis-cli SLOWLOG GET 2', '', '', 'redis-cli GET "a b"', '', 'redis-cli CLUSTER INFO']);
});

test('a bare "> " prompt counts only before a Redis command', () => {
  assert.equal(stripPrompts('> slowlog get 10\n1) 1) (integer) 5100').text, 'redis-cli slowlog get 10\n');
  assert.equal(stripPrompts('> CONFIG SET latency-monitor-threshold 100\n> LATENCY DOCTOR\nDave, I have observed').text, 'redis-cli CONFIG SET latency-monitor-threshold 100\nredis-cli LATENCY DOCTOR\n');
  // `> file` in a shell truncates a file; not a prompt.
  const shell = stripPrompts('> notes.txt\necho hi');
  assert.equal(shell.hadPrompts, false);
  assert.equal(shell.text, '> notes.txt\necho hi');
});

test('shell prompts keep working next to redis-cli prompts', () => {
  const stripped = stripPrompts('$ redis-cli -p 16379\n127.0.0.1:16379> PING\nPONG');
  assert.deepEqual(stripped.text.split('\n'), ['', 'redis-cli -p 16379 PING', '']);
});

test('a redis-cli line with connection options only is not an opener when no prompt lines follow', () => {
  assert.equal(stripPrompts('$ redis-cli -p 16379 -a s3cret').text, 'redis-cli -p 16379 -a s3cret');
  assert.deepEqual(stripPrompts('$ redis-cli -h cache -p 6380 -n 2\ncache:6380[2]> DBSIZE\n$ redis-cli -p 1 GET k\n> GET k').text.split('\n'), ['', 'redis-cli -h cache -p 6380 -n 2 DBSIZE', 'redis-cli -p 1 GET k', 'redis-cli GET k']);
});
