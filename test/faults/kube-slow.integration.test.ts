// A slow or stuck Kubernetes API server: --request-timeout fails as kubectl's
// does, the command timeout ends a request that hangs and says so, and Stop
// ends the cell at once, whether it waits for an answer or for a Retry-After.
// In each case the server sees the client give up, and the same session runs
// the next cell once the server answers again.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from '../../src/core/engine';
import type { KubeFault } from '../sandbox/kube/faults';
import { runNative, runReal } from '../support/engine';
import { kubeFixture, type KubeFixture } from '../support/kubeSim';

const PODS = /^\/api\/v1\/namespaces\/default\/pods\b/;
/** Longer than any test: the request hangs until the client gives up. */
const HANG_MS = 120_000;

async function assertRecovers(kube: KubeFixture, session: Session, what: string): Promise<void> {
  kube.faults.clear();
  const after = await runNative('kubectl get pods -o name', { env: kube.env, session });
  assert.equal(after.stderr, '', `after ${what}`);
  assert.match(after.stdout, /^pod\/postgresql-0\n/, `session unusable after ${what}`);
}

/** A fault whose held requests are counted as the client gives up on them. */
function heldFault(fault: KubeFault): { fault: KubeFault; gaveUp: Promise<void> } {
  let told!: () => void;
  const gaveUp = new Promise<void>((resolve) => (told = resolve));
  return { fault: { ...fault, onAbandoned: () => told() }, gaveUp };
}

test('a slow server with --request-timeout: kubectl\'s "context deadline exceeded", exit 1, the request given up', { timeout: 60_000 }, async () => {
  const kube = await kubeFixture();
  const session = new Session(process.cwd(), kube.env);
  const command = 'kubectl get pods --request-timeout=1s';

  const realHold = heldFault({ path: PODS, delayMs: HANG_MS });
  kube.faults.add(realHold.fault);
  const real = await runReal(command, kube.env);
  await realHold.gaveUp;

  const ourHold = heldFault({ path: PODS, delayMs: HANG_MS });
  kube.faults.clear();
  kube.faults.add(ourHold.fault);
  const ours = await runNative(command, { env: kube.env, session, commandTimeoutMs: 30_000 });
  await ourHold.gaveUp;
  assert.equal(ours.stderr, 'Unable to connect to the server: context deadline exceeded\n');
  // kubectl's client puts the same limit on the request's context and on its HTTP client: whichever
  // fires first words the error, so the real kubectl prints one of three lines (`context deadline
  // exceeded`, `net/http: request canceled`, either followed by `(Client.Timeout exceeded while
  // awaiting headers)`). Ours is the shortest.
  assert.match(real.stderr, /^Unable to connect to the server: (context deadline exceeded|net\/http: request canceled)( \(Client\.Timeout exceeded while awaiting headers\))?\n$/);
  assert.equal(ours.exitCode, real.exitCode);
  assert.equal(ours.exitCode, 1);
  assert.match((ours.run.commands[0].notes ?? []).join('\n'), /did not answer within --request-timeout \(1 s\)/);
  // A slow answer within the limit is simply waited for.
  kube.faults.clear();
  kube.faults.add({ path: PODS, delayMs: 300 });
  const slow = await runNative('kubectl get pods -o name --request-timeout=10s', { env: kube.env, session });
  assert.equal(slow.exitCode, 0);
  assert.match(slow.stdout, /^pod\/postgresql-0\n/);
  await assertRecovers(kube, session, '--request-timeout');
  await session.dispose();
});

test('a request that hangs ends at the command timeout, which the cell reports, and the server sees it given up', { timeout: 60_000 }, async () => {
  const kube = await kubeFixture();
  const session = new Session(process.cwd(), kube.env);
  const hold = heldFault({ path: PODS, delayMs: HANG_MS });
  kube.faults.add(hold.fault);
  const started = Date.now();
  const ours = await runNative('kubectl get pods', { env: kube.env, session, commandTimeoutMs: 1000 });
  await hold.gaveUp;
  assert.equal(ours.exitCode, 124);
  assert.equal(ours.stderr, 'runbook: timed out after 1 s: kubectl get pods\n');
  assert.equal(ours.run.commands[0].status, 'failed');
  assert.equal(ours.run.commands[0].reason, 'timed out after 1 s');
  assert.ok(Date.now() - started < 30_000, 'ended long before the server would have answered');
  await assertRecovers(kube, session, 'a timed-out request');

  // Retry-After waits count against the limit too: a server that keeps asking to wait does not keep the cell.
  kube.faults.add({ path: PODS, times: Infinity, status: 503, headers: { 'Retry-After': '30' } });
  const waiting = await runNative('kubectl get pods', { env: kube.env, session, commandTimeoutMs: 1000 });
  assert.equal(waiting.exitCode, 124);
  assert.equal(waiting.stderr, 'runbook: timed out after 1 s: kubectl get pods\n');
  await assertRecovers(kube, session, 'a timed-out Retry-After wait');
  await session.dispose();
});

test('Stop during a hanging request or a Retry-After wait ends the cell as stopped', { timeout: 60_000 }, async () => {
  const kube = await kubeFixture();
  const session = new Session(process.cwd(), kube.env);

  const stop = new AbortController();
  const hold = heldFault({ path: PODS, delayMs: HANG_MS, onHit: () => stop.abort() });
  kube.faults.add(hold.fault);
  const hung = await runNative('kubectl get pods', { env: kube.env, session, signal: stop.signal, commandTimeoutMs: 60_000 });
  await hold.gaveUp;
  assert.equal(hung.run.commands[0].status, 'cancelled');
  assert.equal(hung.exitCode, 130);
  assert.equal(hung.stdout, '');
  await assertRecovers(kube, session, 'Stop during a hanging request');

  // Stopped while waiting the 30 s a 429 asked for: no second request goes out.
  const stopWait = new AbortController();
  const before = kube.faults.hits;
  kube.faults.add({ path: PODS, times: Infinity, status: 429, headers: { 'Retry-After': '30' } });
  // Stopped a moment after the 429 has gone out, when the client is waiting (stopped earlier, it ends the same).
  void kube.faults.answered(PODS).then(() => setTimeout(() => stopWait.abort(), 200));
  const waitStarted = Date.now();
  const waited = await runNative('kubectl get pods', { env: kube.env, session, signal: stopWait.signal, commandTimeoutMs: 60_000 });
  assert.ok(Date.now() - waitStarted < 20_000, 'Stop cut the 30 s wait short');
  assert.equal(waited.run.commands[0].status, 'cancelled');
  assert.equal(waited.exitCode, 130);
  assert.equal(kube.faults.hits - before, 1, 'no retry after Stop');
  await assertRecovers(kube, session, 'Stop during a Retry-After wait');
  await session.dispose();
});
