// The API server going down under `kubectl get -w`: kubectl's watch ends
// quietly with exit code 0 (it does not reconnect), whether the server shut
// down (the stream ended) or crashed (the connection cut). Ours ends the same
// way, and after the server is back the same session runs the next cell.
// `kubectl events -w` ends the same way; a cut `logs -f` is kubectl's "unexpected EOF".

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { Session } from '../../src/core/engine';
import { runNative, runReal, type Captured } from '../support/engine';
import { kubeFixture, type KubeFixture } from '../support/kubeSim';

/** The real kubectl running a watch (`get pods -w`). */
function realWatch(command: string, env: Record<string, string | undefined>): Promise<Captured> {
  return new Promise((resolve) => {
    const child = spawn('kubectl', command.split(' ').slice(1), { env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    // A watch that never ends fails the test instead of hanging it.
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, exitCode: code ?? -1 });
    });
  });
}

const ways: { name: string; down: (kube: KubeFixture) => Promise<void>; note: RegExp | undefined }[] = [
  { name: 'shut down (the watch stream ends)', down: (kube) => kube.stop(), note: undefined },
  {
    name: 'crashed (the connection is cut)',
    down: async (kube) => (assert.ok(kube.faults.dropConnections() >= 1, 'a watch was open'), await kube.stop()),
    // kubectl says nothing; the notebook tells why the watch stopped.
    note: /connection to the API server closed and the watch ended/,
  },
];

for (const way of ways) {
  test(`the API server ${way.name} mid get -w: the watch ends as kubectl's, the next cell works after a restart`, async () => {
    const kube = await kubeFixture('normal', { tls: true });
    // The server goes down once the watch request has been answered: the watch is open.
    const watching = () => kube.faults.answered(/[?&]watch=(1|true)\b/).then(() => way.down(kube));
    let down = watching();
    const real = await realWatch('kubectl get pods -w', kube.env);
    await down;
    assert.match(real.stdout, /^NAME +READY +STATUS/, 'kubectl listed the pods first');
    await kube.restart();

    const session = new Session(process.cwd(), kube.env);
    down = watching();
    // Streams are exempt from the command timeout; the limit only shows that none applies.
    const ours = await runNative('kubectl get pods -w', { env: kube.env, session, commandTimeoutMs: 60_000 });
    await down;
    assert.match(ours.stdout, /^NAME +READY +STATUS/);
    assert.equal(ours.stderr, real.stderr);
    assert.equal(ours.exitCode, real.exitCode);
    assert.equal(ours.exitCode, 0);
    const notes = (ours.run.commands[0].notes ?? []).join('\n');
    if (way.note) assert.match(notes, way.note);
    else assert.equal(notes, '');

    // While the server is down, the next cell says so as kubectl does.
    const refused = await runNative('kubectl get deploy tiktok-toe -o name', { env: kube.env, session });
    assert.match(refused.stderr, /^The connection to the server 127\.0\.0\.1:\d+ was refused - did you specify the right host or port\?\n$/);
    assert.equal(refused.exitCode, 1);

    await kube.restart();
    const after = await runNative('kubectl get deploy tiktok-toe -o name', { env: kube.env, session });
    assert.equal(after.stderr, '');
    assert.equal(after.stdout, 'deployment.apps/tiktok-toe\n');
    await session.dispose();
  });
}

test('the API server crashing mid `kubectl events -w`: the watch ends as kubectl\'s, quietly', async () => {
  const kube = await kubeFixture('normal', { tls: true });
  const command = 'kubectl events -w';
  const crash = () => kube.faults.answered(/[?&]watch=(1|true)\b/).then(async () => (kube.faults.dropConnections(), await kube.stop()));
  let down = crash();
  const real = await realWatch(command, kube.env);
  await down;
  await kube.restart();
  down = crash();
  const ours = await runNative(command, { env: kube.env, commandTimeoutMs: 60_000 });
  await down;
  assert.deepEqual([ours.stderr, ours.exitCode], [real.stderr, real.exitCode]);
  assert.deepEqual([ours.stderr, ours.exitCode], ['', 0]);
});

test('the API server crashing mid `kubectl logs -f`: kubectl\'s "unexpected EOF", exit 1, the next cell works after a restart', async () => {
  const kube = await kubeFixture('normal', { tls: true });
  const command = 'kubectl logs -f redis-0 --tail=1';
  const crash = () => kube.faults.answered(/\/pods\/redis-0\/log\b/).then(async () => (kube.faults.dropConnections(), await kube.stop()));
  let down = crash();
  const real = await runReal(command, kube.env);
  await down;
  await kube.restart();

  const session = new Session(process.cwd(), kube.env);
  down = crash();
  const ours = await runNative(command, { env: kube.env, session, commandTimeoutMs: 60_000 });
  await down;
  assert.equal(ours.stderr, 'error: unexpected EOF\n');
  assert.equal(ours.stderr, real.stderr);
  assert.equal(ours.exitCode, real.exitCode);

  await kube.restart();
  const after = await runNative('kubectl get deploy tiktok-toe -o name', { env: kube.env, session });
  assert.equal(after.stdout, 'deployment.apps/tiktok-toe\n');
  await session.dispose();
});
