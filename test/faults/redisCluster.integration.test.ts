// Redis Cluster faults, against a cluster of this file's own: three primaries,
// each with a replica, and a one-second cluster-node-timeout. A primary
// killed: its replica takes over and the next `redis-cli -c` cell reads the
// key from it. That one killed too: CLUSTERDOWN, as redis-cli prints it, with
// a note. A node that stops answering: Stop and the command timeout end the
// cell. The node back: the same Session works again.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { Session } from '../../src/core/engine';
import { assertSameAsReal, runNative, runReal, type Captured, type NativeRun } from '../support/engine';
import type { RedisClusterNodes } from '../sandbox/redis';
import { waitFor } from '../sandbox/processes';
import { startOwnCluster, type Own } from './ownRedis';

let own: Own<RedisClusterNodes>;
let cluster: RedisClusterNodes;
let env: Record<string, string | undefined>;
let session: Session;
/** `redis-cli -c` against the second primary, which stays up throughout. */
let cli: string;

// Seeded by the sandbox on the first primary's slots (0-5460): `player:2:profile` is in slot 1386.
const KEY = 'player:2:profile';
const VALUE = '{"id":2,"rating":1001}';

before(async () => {
  own = await startOwnCluster({ replicas: true, nodeTimeoutMs: 1000 });
  cluster = own.server;
  env = { ...process.env, REDIS_URL: undefined, REDIS_CLUSTER_URL: undefined, REDISCLI_AUTH: undefined };
  session = new Session(process.cwd(), env);
  cli = `redis-cli -c -p ${cluster.ports[1]}`;
});

after(async () => {
  await session?.dispose();
  await own?.stop();
});

async function ask(port: number, ...command: string[]): Promise<string> {
  const r = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  r.on('error', () => {});
  try {
    await r.connect();
    return String(await r.call(command[0]!, ...command.slice(1)));
  } finally {
    r.disconnect();
  }
}

/** What the surviving primary thinks: `ok` or `fail`, and who serves slot 0. */
async function clusterView(): Promise<{ state: string; slot0: string }> {
  const info = await ask(cluster.ports[1]!, 'CLUSTER', 'INFO');
  const nodes = await ask(cluster.ports[1]!, 'CLUSTER', 'NODES');
  const owner = nodes.split('\n').find((l) => / master .* connected .*\b0-5460\b/.test(l) && !/\bfail\b/.test(l));
  return { state: /cluster_state:(\w+)/.exec(info)?.[1] ?? '', slot0: owner?.split(' ')[1]?.replace(/@.*/, '') ?? '' };
}

async function both(command: string): Promise<{ real: Captured; ours: NativeRun }> {
  const real = await runReal(command, env);
  const ours = await runNative(command, { env, session });
  return { real, ours };
}

describe('Redis Cluster faults', () => {
  it('a primary killed: its replica is promoted and the next cell reads the key from it', async () => {
    const first = await runNative(`${cli} GET ${KEY}`, { env, session });
    assert.equal(first.stdout, `${VALUE}\n`, 'read through the first primary (MOVED from the second)');
    await cluster.killNode(cluster.ports[0]!);
    const promoted = `127.0.0.1:${cluster.replicaPorts[0]}`;
    await waitFor('the replica to take over slots 0-5460', async () => {
      const view = await clusterView();
      return view.state === 'ok' && view.slot0 === promoted ? true : undefined;
    }, { timeoutMs: 20_000 });
    const { real, ours } = await both(`${cli} GET ${KEY}`);
    assert.equal(real.stdout, `${VALUE}\n`);
    assertSameAsReal(ours, real, 'after the failover');
    assert.match(await ask(cluster.replicaPorts[0]!, 'ROLE'), /^master/);
  });

  it('the promoted primary killed too: CLUSTERDOWN, as redis-cli prints it, with a note', async () => {
    await cluster.killNode(cluster.replicaPorts[0]!);
    await waitFor('the cluster to mark itself down', async () => ((await clusterView()).state === 'fail' ? true : undefined), { timeoutMs: 20_000 });
    // A key on the lost slots and one on a live primary: the whole cluster refuses while slots are uncovered.
    for (const command of [`${cli} GET ${KEY}`, `${cli} GET player:1:profile`, `${cli} SET new-key value`]) {
      const { real, ours } = await both(command);
      assert.equal(real.stdout, 'CLUSTERDOWN The cluster is down\n\n', command);
      assertSameAsReal(ours, real, command);
      assert.match((ours.run.commands[0]?.notes ?? []).join('\n'), /CLUSTER NODES/, command);
    }
  });

  it('a node that stops answering: the command timeout and Stop end the cell', async () => {
    // player:1:profile is in slot 10286, on the second primary: the node the cell talks to.
    const node = cluster.processes[1]!;
    node.killGroup('SIGSTOP');
    try {
      const timedOut = await runNative(`${cli} GET player:1:profile`, { env, session, commandTimeoutMs: 1000 });
      assert.equal(timedOut.exitCode, 124);
      assert.match(timedOut.stderr, /runbook: timed out after 1 s: redis-cli -c -p \d+ GET player:1:profile/);
      const stop = new AbortController();
      const stopped = runNative(`${cli} GET player:1:profile`, { env, session, signal: stop.signal });
      // Stop while the GET waits (had Stop come first, the run would end as stopped all the same).
      setTimeout(() => stop.abort(), 300);
      const s = await stopped;
      assert.equal(s.exitCode, 130);
      assert.equal(s.run.commands[0]?.status, 'cancelled');
    } finally {
      node.killGroup('SIGCONT');
    }
  });

  it('the node back: the same session writes and reads again', async () => {
    await cluster.restartNode(cluster.replicaPorts[0]!);
    // A restarted primary serves only once it has heard from the others: wait until every running node says ok.
    const running = [...cluster.ports.slice(1), ...cluster.replicaPorts];
    const states = async () => Promise.all(running.map(async (port) => /cluster_state:ok/.test(await ask(port, 'CLUSTER', 'INFO'))));
    await waitFor('every running node to say cluster_state:ok', async () => ((await states()).every(Boolean) ? true : undefined), { timeoutMs: 20_000 });
    // Both servers of slots 0-5460 restarted empty (no persistence): the key is written again.
    const set = await runNative(`${cli} SET ${KEY} back`, { env, session });
    assert.equal(set.stdout, 'OK\n', set.stderr);
    const get = await both(`${cli} GET ${KEY}`);
    assert.equal(get.real.stdout, 'back\n');
    assertSameAsReal(get.ours, get.real, 'after recovery');
  });
});
