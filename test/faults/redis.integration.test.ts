// Redis faults, against a cache of this file's own: the server restarted
// between cells, a wrong password, maxmemory reached, a server that stops
// answering. Each prints what the real redis-cli prints on the same fault
// state, ends (no cell hangs, Stop works), and the same Session runs the next
// cell.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { Session } from '../../src/core/engine';
import { assertSameAsReal, runNative, runReal, type Captured, type NativeRun } from '../support/engine';
import type { RedisStandalone } from '../sandbox/redis';
import { waitFor } from '../sandbox/processes';
import { startOwnRedis, type Own } from './ownRedis';

let own: Own<RedisStandalone>;
let redis: RedisStandalone;
let env: Record<string, string | undefined>;
let session: Session;
let cli: string;

before(async () => {
  own = await startOwnRedis();
  redis = own.server;
  env = { ...process.env, REDIS_URL: undefined, REDIS_CLUSTER_URL: undefined, REDISCLI_AUTH: undefined };
  session = new Session(process.cwd(), env);
  cli = `redis-cli -p ${redis.port}`;
});

after(async () => {
  await session?.dispose();
  await own?.stop();
});

/** A connection of the test's own, to set the fault up and clear it. */
async function admin<T>(act: (r: Redis) => Promise<T>, password?: string): Promise<T> {
  const r = new Redis({ host: '127.0.0.1', port: redis.port, password, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  r.on('error', () => {});
  await r.connect();
  try {
    return await act(r);
  } finally {
    r.disconnect();
  }
}

/** The real redis-cli and ours on the same state, one after the other. */
async function both(command: string): Promise<{ real: Captured; ours: NativeRun }> {
  const real = await runReal(command, env);
  const ours = await runNative(command, { env, session });
  return { real, ours };
}

async function assertRecovered(what: string): Promise<void> {
  const next = await runNative(`${cli} SET recovered yes`, { env, session });
  assert.equal(next.stdout, 'OK\n', `the session is unusable after ${what}: ${next.stderr}`);
}

describe('Redis faults', () => {
  it('the server restarted between cells: the next cell reconnects and prints what redis-cli prints', async () => {
    const before = await runNative(`${cli} SET restarted-key before`, { env, session });
    assert.equal(before.stdout, 'OK\n');
    await redis.restart();
    // Without persistence the key went with the restart: both print an empty reply.
    for (const command of [`${cli} PING`, `${cli} GET restarted-key`, `${cli} DBSIZE`]) {
      const { real, ours } = await both(command);
      assertSameAsReal(ours, real, command);
    }
    await assertRecovered('a restart');
  });

  it('a wrong password: AUTH failed: WRONGPASS, then the command is refused, as redis-cli does', async () => {
    await admin((r) => r.config('SET', 'requirepass', 'the-password'));
    try {
      for (const command of [
        `${cli} -a wrong-password PING`,
        `redis-cli -u redis://:wrong-password@127.0.0.1:${redis.port} PING`,
        `${cli} --user default --pass wrong-password PING`,
      ]) {
        const { real, ours } = await both(command);
        assert.match(real.stderr, /AUTH failed: WRONGPASS invalid username-password pair or user is disabled\./);
        assert.match(real.stdout, /NOAUTH Authentication required\./);
        assertSameAsReal(ours, real, command);
      }
      const right = await runNative(`${cli} -a the-password --no-auth-warning PING`, { env, session });
      assert.equal(right.stdout, 'PONG\n', 'the same session with the right password');
    } finally {
      await admin((r) => r.config('SET', 'requirepass', ''), 'the-password');
    }
    await assertRecovered('a wrong password');
  });

  it("maxmemory reached: OOM command not allowed when used memory > 'maxmemory', with a note on what to do", async () => {
    await admin((r) => r.config('SET', 'maxmemory', '1'));
    try {
      const command = `${cli} SET one-more-key value`;
      const { real, ours } = await both(command);
      assert.equal(real.stdout, "OOM command not allowed when used memory > 'maxmemory'.\n\n");
      assertSameAsReal(ours, real, command);
      assert.match((ours.run.commands[0]?.notes ?? []).join('\n'), /maxmemory/);
      // Reads still work while writes are refused.
      const read = await both(`${cli} EXISTS one-more-key`);
      assertSameAsReal(read.ours, read.real, 'EXISTS');
    } finally {
      await admin((r) => r.config('SET', 'maxmemory', String(redis.maxmemoryBytes)));
    }
    await assertRecovered('maxmemory');
  });

  it('a server that stops answering: the cell ends at its timeout, and Stop ends it too', async () => {
    await assertRecovered('nothing yet'); // the session holds an open connection to the server
    const server = redis.processes[0]!;
    server.killGroup('SIGSTOP');
    try {
      const timedOut = await runNative(`${cli} GET restarted-key`, { env, session, commandTimeoutMs: 1000 });
      assert.equal(timedOut.exitCode, 124);
      assert.match(timedOut.stderr, /^runbook: timed out after 1 s: redis-cli -p \d+ GET restarted-key$/m);

      const stop = new AbortController();
      const stopped = runNative(`${cli} GET restarted-key`, { env, session, signal: stop.signal });
      // Stop while the GET waits for its reply (had Stop come first, the run would end as stopped all the same).
      setTimeout(() => stop.abort(), 300);
      const s = await stopped;
      assert.equal(s.exitCode, 130);
      assert.equal(s.run.commands[0]?.status, 'cancelled');
    } finally {
      server.killGroup('SIGCONT');
    }
    await assertRecovered('a server that stopped answering');
  });

  it('Stop during a blocking command (BLPOP) ends the cell and the server forgets the client', async () => {
    const stop = new AbortController();
    const blocked = runNative(`${cli} BLPOP never-pushed 0`, { env, session, signal: stop.signal });
    const waiting = async () => admin(async (r) => /cmd=blpop/.test(String(await r.call('CLIENT', 'LIST'))));
    await waitFor('the BLPOP to block', async () => ((await waiting()) ? true : undefined));
    stop.abort();
    const b = await blocked;
    assert.equal(b.exitCode, 130);
    await waitFor('the server to forget the BLPOP', async () => ((await waiting()) ? undefined : true), { timeoutMs: 5000 });
    await assertRecovered('a stopped BLPOP');
  });
});
