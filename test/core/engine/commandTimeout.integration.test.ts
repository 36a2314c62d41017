// The command timeout against the sandbox: a statement past it is cancelled
// on the server as Stop cancels it, and the session serves the next cell; a
// kubectl wait without --timeout is cut by ours, one with its own --timeout
// follows it; a sampled stream is not cut. Assertions are on outcomes (status,
// message, server state); times only have generous upper bounds.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Session } from '../../../src/core/engine';
import { startKubeSimulator, type KubeSimulator } from '../../sandbox/kube/index';
import { SCENARIOS } from '../../sandbox/scenario';
import { acquireSandbox, type SandboxLease } from '../../sandbox/testing';
import { runNative, runReal } from '../../support/engine';

let sandbox: SandboxLease;
let sim: KubeSimulator;
let dir: string;
let pgEnv: Record<string, string | undefined>;
let kubeEnv: Record<string, string | undefined>;

before(async () => {
  sandbox = await acquireSandbox();
  sim = await startKubeSimulator({ scenario: SCENARIOS.normal });
  dir = mkdtempSync(join(tmpdir(), 'command-timeout-'));
  await sim.writeKubeconfig(join(dir, 'kubeconfig'));
  pgEnv = { ...process.env, ...sandbox.env, HOME: dir };
  kubeEnv = { ...process.env, HOME: dir, KUBECONFIG: join(dir, 'kubeconfig'), KUBECACHEDIR: join(dir, 'cache') };
});

after(async () => {
  await sim?.stop();
  await sandbox?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Statements `SELECT pg_sleep(30)` still running on the server, as the real psql sees them. */
const sleepers = async () =>
  Number((await runReal(`psql -X -At -c "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'SELECT pg_sleep(30)%'"`, pgEnv)).stdout.trim());

async function untilNoSleepers(ms: number): Promise<number> {
  const deadline = Date.now() + ms;
  let n = await sleepers();
  while (n > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    n = await sleepers();
  }
  return n;
}

describe('a statement past its timeout', () => {
  for (const language of ['shellscript', 'sql']) {
    it(`is cancelled on the server and the cell says so (${language})`, async () => {
      const session = new Session(dir, pgEnv);
      try {
        const text = language === 'sql' ? 'SELECT pg_sleep(30);' : 'psql -c "SELECT pg_sleep(30)"';
        const started = Date.now();
        const r = await runNative(text, { env: pgEnv, session, language, commandTimeoutMs: 1000 });
        const took = Date.now() - started;
        assert.ok(took < 10_000, `stopped after ${took} ms, not when the 30 s sleep ended`);
        const [command] = r.run.commands;
        assert.equal(command.status, 'failed');
        assert.equal(command.exitCode, 124);
        assert.equal(command.reason, 'timed out after 1 s');
        assert.match(r.stderr, /canceling statement due to user request/, 'the server cancelled it, as on Stop');
        assert.ok(r.stderr.endsWith(`runbook: timed out after 1 s: ${text}\n`), r.stderr);
        assert.equal(await untilNoSleepers(5000), 0, 'no pg_sleep left running on the server');
        const next = await runNative('psql -X -At -c "SELECT 1"', { env: pgEnv, session, commandTimeoutMs: 1000 });
        assert.equal(next.stdout, '1\n', 'the session serves the next cell');
      } finally {
        await session.dispose();
      }
    });
  }
});

describe('commands that wait', () => {
  it('kubectl wait without --timeout is cut by the command timeout', async () => {
    const command = 'kubectl wait --for=condition=Available=False deploy/tiktok-toe';
    const started = Date.now();
    const r = await runNative(command, { env: kubeEnv, commandTimeoutMs: 1000 });
    assert.ok(Date.now() - started < 10_000, 'stopped long before kubectl\'s own 30 s');
    assert.equal(r.run.commands[0].status, 'failed');
    assert.equal(r.exitCode, 124);
    assert.equal(r.stderr, `runbook: timed out after 1 s: ${command}\n`);
  });

  it('kubectl wait with its own --timeout follows it, ending as the real kubectl ends', async () => {
    // kubectl's 2 s outlasts the 1 s command timeout: the wait ends on its own flag, with kubectl's message.
    const command = 'kubectl wait --for=condition=Available=False deploy/tiktok-toe --timeout=2s';
    const ours = await runNative(command, { env: kubeEnv, commandTimeoutMs: 1000 });
    const theirs = await runReal(command, kubeEnv);
    assert.equal(ours.stderr, theirs.stderr);
    assert.equal(ours.exitCode, theirs.exitCode);
    assert.equal(ours.run.commands[0].reason, undefined);
  });
});

describe('streams', () => {
  it('a sampled kubectl get -w runs for its window, past a shorter timeout', async () => {
    const r = await runNative('kubectl get pods -w', { env: kubeEnv, streamWindowMs: 1500, commandTimeoutMs: 500 });
    assert.equal(r.run.commands[0].status, 'ok');
    assert.equal(r.run.commands[0].sampled, true);
    assert.match(r.stdout, /^NAME +READY +STATUS/);
    assert.doesNotMatch(r.stderr, /timed out/);
  });
});
