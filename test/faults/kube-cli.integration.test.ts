// Kubernetes API faults through `runbook exec`, the built CLI in its own
// process: the same words and exit codes as the real kubectl on the same
// fault, and --timeout ending a request the server never answers.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ensureBuilt } from '../support/build';
import { runProgram, runReal } from '../support/engine';
import { kubeFixture } from '../support/kubeSim';
import { PROJECT_ROOT } from '../support/shared';

const CLI = join(PROJECT_ROOT, 'bin', 'runbook.js');
const DEPLOYMENTS = /^\/apis\/apps\/v1\/namespaces\/default\/deployments\b/;

function runbook(args: string[], env: Record<string, string | undefined>) {
  return runProgram(process.execPath, [CLI, ...args], env, 60_000);
}

test('runbook exec meets 503s and a stuck server as kubectl does, and ends at --timeout', { timeout: 90_000 }, async () => {
  ensureBuilt();
  const kube = await kubeFixture();
  const command = 'kubectl get deploy tiktok-toe';

  const unavailable = { path: DEPLOYMENTS, times: Infinity, status: 503, headers: { 'Retry-After': '0' } };
  kube.faults.add(unavailable);
  const real = await runReal(command, kube.env);
  kube.faults.clear();
  kube.faults.add(unavailable);
  const ours = await runbook(['exec', '--', command], kube.env);
  assert.equal(ours.stderr, 'Error from server (ServiceUnavailable): the server is currently unable to handle the request (get deployments.apps tiktok-toe)\n');
  assert.deepEqual(ours, real);

  // A request the server holds: --timeout stops it, names it and exits 124, as timeout(1) does.
  kube.faults.clear();
  let gaveUp!: () => void;
  const abandoned = new Promise<void>((resolve) => (gaveUp = resolve));
  kube.faults.add({ path: DEPLOYMENTS, delayMs: 120_000, onAbandoned: () => gaveUp() });
  const started = Date.now();
  const stuck = await runbook(['exec', '--timeout', '1', '--', command], kube.env);
  await abandoned;
  assert.equal(stuck.exitCode, 124);
  assert.equal(stuck.stderr, `runbook: timed out after 1 s: ${command}\n`);
  assert.equal(stuck.stdout, '');
  assert.ok(Date.now() - started < 30_000);

  // The server answers again: so does the next run.
  kube.faults.clear();
  const fine = await runbook(['exec', '--', `${command} -o name`], kube.env);
  assert.deepEqual(fine, { stdout: 'deployment.apps/tiktok-toe\n', stderr: '', exitCode: 0 });
});
