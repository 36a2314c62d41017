// A redis-cli line is worked out once: the same frozen result for the same
// words, whether the argv is the engine's frozen array or a new one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { preparedLine, preparedPlan } from '../../../../src/core/tools/redis/prepared';
import { redisTool } from '../../../../src/core/tools/redis';

test('the same words give the same kept line, by their frozen array or by a copy', () => {
  const frozen = Object.freeze(['redis-cli', '-n', '2', 'GET', 'k']);
  const line = preparedLine(frozen);
  assert.equal(preparedLine(frozen), line);
  assert.equal(preparedLine([...frozen]), line, 'a new array with the same words finds it too');
  assert.equal(line.args.db, 2);
  assert.deepEqual(line.args.command, ['GET', 'k']);
  assert.ok(Object.isFrozen(line) && Object.isFrozen(line.args) && Object.isFrozen(line.args.command));
  assert.notEqual(preparedLine(Object.freeze(['redis-cli', '-n', '3', 'GET', 'k'])), line, 'other words, another line');
});

test('a mutable argv is looked up by its words each time, so changing it is never served stale', () => {
  const argv = ['redis-cli', 'GET', 'a'];
  assert.deepEqual(preparedLine(argv).args.command, ['GET', 'a']);
  argv[1] = 'DEL';
  assert.deepEqual(preparedLine(argv).args.command, ['DEL', 'a']);
  assert.equal(redisTool.plan(argv, {}).mutates, true);
  argv[1] = 'GET';
  assert.equal(redisTool.plan(argv, {}).mutates, false);
});

test('a plan is made once per line', () => {
  let made = 0;
  const argv = Object.freeze(['redis-cli', 'PING']);
  const make = () => (made++, { native: true, terminal: false, mutates: false });
  const plan = preparedPlan(argv, make);
  assert.equal(preparedPlan(argv, make), plan);
  assert.equal(preparedPlan(['redis-cli', 'PING'], make), plan);
  assert.equal(made, 1);
  assert.ok(Object.isFrozen(plan));
});
