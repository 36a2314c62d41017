// redis-cli --cluster rebalance moving slots for real, on a Redis Cluster of
// this test's own (never the shared sandbox's): weights unbalance it, the
// plain rebalance balances it back; after each, the plan matches the real
// redis-cli's (--cluster-simulate), the check passes and every key is still there.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { redisTool } from '../../../../src/core/tools/redis';
import { acquireSandbox, type SandboxLease } from '../../../sandbox/testing';
import { runNative, runReal } from '../../../support/engine';
import { runRedisNative } from './native';

let sandbox: SandboxLease;
let env: Record<string, string | undefined>;
let seed = '';
let seedId = '';

before(async () => {
  sandbox = await acquireSandbox({ services: ['redis-cluster'] });
  env = { ...process.env, ...sandbox.env, REDISCLI_AUTH: undefined };
  seed = new URL(env.REDIS_CLUSTER_URL!).host;
  seedId = (await runReal('redis-cli -u "$REDIS_CLUSTER_URL" CLUSTER MYID', env)).stdout.trim();
});

after(async () => {
  await sandbox?.stop();
});

/** Slots per master as `--cluster info` reports them, and the keys it counts. */
async function layout(): Promise<{ slots: number[]; keys: number }> {
  const info = await runRedisNative(`redis-cli --cluster info ${seed}`, { env });
  const slots = [...info.stdout.matchAll(/\| (\d+) slots \|/g)].map((m) => Number(m[1]));
  const keys = Number(/\[OK\] (\d+) keys in/.exec(info.stdout)?.[1]);
  return { slots, keys };
}

async function planMatchesReal(args: string): Promise<void> {
  const native = await runRedisNative(`redis-cli --cluster rebalance ${seed} ${args} --cluster-simulate`, { env });
  const real = await runReal(`redis-cli --cluster rebalance ${seed} ${args} --cluster-simulate`, env);
  assert.deepEqual([native.stdout, native.stderr, native.exitCode], [real.stdout, real.stderr, real.exitCode]);
}

describe('redis-cli --cluster rebalance moves slots', () => {
  it('asks before moving slots, and not for a simulation', () => {
    assert.equal(redisTool.parse(['redis-cli', '--cluster', 'rebalance', 'redis-cluster:6379'], {}).plan.mutates, true);
    assert.equal(redisTool.parse(['redis-cli', '--cluster', 'rebalance', 'redis-cluster:6379', '--cluster-simulate'], {}).plan.mutates, false);
    assert.equal(redisTool.parse(['redis-cli', '--cluster', 'check', 'redis-cluster:6379'], {}).plan.mutates, false);
  });

  it('does nothing when the confirmation is declined', async () => {
    const declined = await runRedisNative(`redis-cli --cluster rebalance ${seed} --cluster-weight ${seedId.slice(0, 8)}=2`, { env, confirm: false });
    assert.equal(declined.exitCode, 1);
    assert.deepEqual((await layout()).slots.sort(), [5461, 5461, 5462]);
  });

  it('moves slots and keys to a heavier node, then back to balance', async () => {
    const weight = `--cluster-weight ${seedId.slice(0, 8)}=2`;
    await planMatchesReal(weight);
    const started = performance.now();
    const moved = await runRedisNative(`redis-cli --cluster rebalance ${seed} ${weight}`, { env });
    console.log(`rebalance towards weight 2: ${(performance.now() - started).toFixed(0)} ms`);
    assert.equal(moved.exitCode, 0, moved.stderr + moved.stdout);
    assert.match(moved.stdout, /Moving 13\d\d slots from \S+ to \S+\n#{13}/);
    const heavy = await layout();
    assert.equal(heavy.slots[0], 8192, `the seed (weight 2 of 4) has half the slots: ${heavy.slots}`);
    assert.equal(heavy.keys, 300, 'no key lost');
    const check = await runRedisNative(`redis-cli --cluster check ${seed}`, { env });
    assert.equal(check.exitCode, 0, check.stdout);
    assert.match(check.stdout, /\[OK\] All 16384 slots covered/);
    const realCheck = await runReal(`redis-cli --cluster check ${seed}`, env);
    assert.equal(check.stdout, realCheck.stdout);

    // Unbalanced now: the default plan moves slots back, like the real one.
    await planMatchesReal('');
    const back = await runRedisNative(`redis-cli --cluster rebalance ${seed}`, { env });
    assert.equal(back.exitCode, 0, back.stderr + back.stdout);
    const balanced = await layout();
    assert.ok(balanced.slots.every((n) => n >= 5461 && n <= 5462), `balanced again: ${balanced.slots}`);
    assert.equal(balanced.keys, 300);
    const done = await runRedisNative(`redis-cli --cluster rebalance ${seed}`, { env });
    assert.match(done.stdout, /No rebalancing needed! All nodes are within the 2\.00% threshold/);
    const get = await runReal(`redis-cli -c -u "$REDIS_CLUSTER_URL" GET player:123:profile`, env);
    assert.match(get.stdout, /"id":123/);
  });

  it('stopped halfway, leaves no slot open and every key in place', async () => {
    const controller = new AbortController();
    const weight = `--cluster-weight ${seedId.slice(0, 8)}=2`;
    // Stopped as soon as the first slot has moved (redis-cli prints a # per slot), however fast the machine is.
    let abortedAt = 0;
    const stopped = await runNative(`redis-cli --cluster rebalance ${seed} ${weight}`, {
      env,
      signal: controller.signal,
      onStdout: (text) => {
        if (!text.includes('#') || controller.signal.aborted) return;
        abortedAt = performance.now();
        controller.abort();
      },
    });
    console.log(`rebalance stopped ${(performance.now() - abortedAt).toFixed(0)} ms after the abort`);
    assert.equal(stopped.exitCode, 130);
    const partial = await layout();
    assert.equal(partial.slots.reduce((a, b) => a + b, 0), 16384);
    assert.ok(partial.slots[0]! > 5461 && partial.slots[0]! < 8192, `some slots moved: ${partial.slots}`);
    assert.equal(partial.keys, 300);
    const check = await runReal(`redis-cli --cluster check ${seed}`, env);
    assert.equal(check.exitCode, 0, check.stdout);
    assert.doesNotMatch(check.stdout, /\[WARNING\]|slots are open|\[ERR\]/);
    const back = await runRedisNative(`redis-cli --cluster rebalance ${seed}`, { env });
    assert.equal(back.exitCode, 0, back.stdout);
    assert.ok((await layout()).slots.every((n) => n >= 5461 && n <= 5462));
  });
});
