// Stopping a streaming redis-cli cell, against the shared sandbox's Redis:
// the run resolves promptly after the abort, nothing is written after it,
// and MONITOR's connection is closed on the server (CLIENT LIST from another
// connection no longer shows it). A blocking command (BLPOP ... 0) stops too,
// and the next command of the session runs on a fresh connection.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { runCell, Session } from '../../../../src/core/engine';
import { createRegistry } from '../../../../src/core/tools';
import { acquireSandbox, type SandboxLease } from '../../../sandbox/testing';

let lease: SandboxLease | undefined;
let env: Record<string, string | undefined>;

before(async () => {
  // The shared sandbox: the run's env file, or the settings loaded into this shell (. .sandbox/env).
  if (!process.env.RUNBOOK_SANDBOX_ENV_FILE && process.env.REDIS_URL) env = { ...process.env };
  else {
    lease = await acquireSandbox(process.env.RUNBOOK_SANDBOX_ENV_FILE ? {} : { services: ['redis'] });
    env = { ...process.env, ...lease.env };
  }
  env.REDISCLI_AUTH = undefined;
});

after(async () => {
  await lease?.stop();
});

/** Runs a cell and timestamps every write, so a write after the run resolved would show. */
function runTimed(line: string, signal: AbortSignal, session: Session) {
  const writes: { at: number; text: string }[] = [];
  const write = (text: string) => void writes.push({ at: performance.now(), text });
  const done = runCell(line, {
    language: 'shellscript',
    session,
    registry: createRegistry(),
    signal,
    isTTY: false,
    events: { stdout: write, stderr: write, clear: () => {} },
    hooks: { resolve: async () => undefined, confirm: async () => true },
  });
  return { writes, done };
}

/** Another connection to the same server, for CLIENT LIST. */
async function observer(): Promise<Redis> {
  const r = new Redis(env.REDIS_URL!, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await r.connect();
  return r;
}

const until = async (check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> => {
  const end = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('stopping redis-cli streams', () => {
  it('--stat: the run resolves promptly after the abort and writes nothing more', async () => {
    const controller = new AbortController();
    const session = new Session(process.cwd(), env);
    try {
      const { writes, done } = runTimed('redis-cli --stat -i 0.2', controller.signal, session);
      assert.ok(await until(() => writes.length >= 3, 5000), 'three --stat writes');
      const abortedAt = performance.now();
      controller.abort();
      const run = await done;
      const resolvedAt = performance.now();
      const resolveMs = resolvedAt - abortedAt;
      console.log(`--stat: resolved ${resolveMs.toFixed(1)} ms after the abort`);
      await new Promise((r) => setTimeout(r, 600));
      assert.ok(resolveMs < 250, `resolved ${resolveMs} ms after the abort`);
      assert.equal(run.exitCode, 130);
      assert.equal(run.commands[0]?.status, 'cancelled');
      assert.match(writes[0]!.text, /^------- data ------/);
      const late = writes.filter((w) => w.at > resolvedAt);
      assert.deepEqual(late, [], 'no output after the run resolved');
    } finally {
      await session.dispose();
    }
  });

  it('MONITOR: the monitor connection is gone from CLIENT LIST within a second of the abort', async () => {
    const controller = new AbortController();
    const marker = `cancel-test-${process.pid}-${Date.now()}`;
    const session = new Session(process.cwd(), env);
    const obs = await observer();
    try {
      const monitors = async () => String(await obs.call('CLIENT', 'LIST')).split('\n').filter((l) => / cmd=monitor\b/.test(l)).length;
      const baseline = await monitors();
      const { writes, done } = runTimed('redis-cli MONITOR', controller.signal, session);
      assert.ok(await until(async () => (await monitors()) > baseline, 3000), 'the MONITOR client shows in CLIENT LIST');
      await obs.echo(marker);
      assert.ok(await until(() => writes.some((w) => w.text.includes(marker)), 2000), 'MONITOR printed the ECHO');
      const abortedAt = performance.now();
      controller.abort();
      const run = await done;
      const resolvedAt = performance.now();
      const closed = await until(async () => (await monitors()) <= baseline, 1000);
      const closedMs = performance.now() - abortedAt;
      console.log(`MONITOR: resolved ${(resolvedAt - abortedAt).toFixed(1)} ms after the abort; gone from CLIENT LIST ${closedMs.toFixed(1)} ms after it`);
      assert.ok(closed, 'the monitor client left CLIENT LIST within 1 s');
      assert.ok(resolvedAt - abortedAt < 250, `resolved ${resolvedAt - abortedAt} ms after the abort`);
      assert.equal(writes[0]?.text, 'OK\n');
      assert.equal(run.exitCode, 130);
      await obs.echo(marker + '-after');
      await new Promise((r) => setTimeout(r, 200));
      assert.ok(!writes.some((w) => w.text.includes(marker + '-after')), 'nothing printed after the abort');
    } finally {
      obs.disconnect();
      await session.dispose();
    }
  });

  it('BLPOP with no timeout: the run stops on abort, the blocked client leaves, and the session goes on', async () => {
    const controller = new AbortController();
    const key = `cancel-test-empty-${process.pid}-${Date.now()}`;
    const session = new Session(process.cwd(), env);
    const obs = await observer();
    try {
      const blocked = async () => String(await obs.call('CLIENT', 'LIST')).split('\n').filter((l) => / cmd=blpop\b/.test(l)).length;
      const { done } = runTimed(`redis-cli BLPOP ${key} 0`, controller.signal, session);
      assert.ok(await until(async () => (await blocked()) > 0, 3000), 'the BLPOP client shows in CLIENT LIST');
      const abortedAt = performance.now();
      controller.abort();
      const run = await done;
      const resolveMs = performance.now() - abortedAt;
      assert.ok(resolveMs < 250, `resolved ${resolveMs} ms after the abort`);
      assert.equal(run.exitCode, 130);
      assert.equal(run.commands[0]?.status, 'cancelled');
      assert.ok(await until(async () => (await blocked()) === 0, 1000), 'the blocked client left CLIENT LIST within 1 s');
      // A value pushed now is not taken by the stopped command.
      await obs.rpush(key, 'kept');
      const next = runTimed('redis-cli PING', new AbortController().signal, session);
      assert.equal((await next.done).exitCode, 0);
      assert.equal(next.writes.map((w) => w.text).join(''), 'PONG\n');
      assert.equal(await obs.llen(key), 1);
    } finally {
      await obs.del(key);
      obs.disconnect();
      await session.dispose();
    }
  });
});
