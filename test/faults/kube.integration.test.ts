// Kubernetes API faults other than a watch cut (kube-watch): a certificate
// from another CA, 429 and 503 with Retry-After, and a slow server. Each is
// made on a simulator of the test's own (test/sandbox/kube/faults.ts), the
// real kubectl meets the same fault, and the same session runs the next cell
// once the fault is cleared. Connection refused and an expired token (401)
// are in test/core/tools/kubectl/failures.integration.test.ts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from '../../src/core/engine';
import { kubeconfigYaml } from '../sandbox/kube';
import type { KubeFault } from '../sandbox/kube/faults';
import { selfSignedCertificate } from '../sandbox/kube/tls';
import { runNative, runReal } from '../support/engine';
import { kubeFixture, type KubeFixture } from '../support/kubeSim';

const PODS = /^\/api\/v1\/namespaces\/default\/pods\b/;
const DEPLOYMENTS = /^\/apis\/apps\/v1\/namespaces\/default\/deployments\b/;

/** The next cell after a fault is cleared: the same session still works. */
async function assertRecovers(kube: KubeFixture, session: Session, what: string): Promise<void> {
  kube.faults.clear();
  const after = await runNative('kubectl get deploy tiktok-toe -o name', { env: kube.env, session });
  assert.equal(after.stderr, '', `after ${what}`);
  assert.equal(after.stdout, 'deployment.apps/tiktok-toe\n', `session unusable after ${what}`);
}

/** The command through the real kubectl and ours against the same fault; the requests each made are counted. */
async function bothMeet(kube: KubeFixture, session: Session, command: string, fault: KubeFault) {
  kube.faults.clear();
  kube.faults.add(fault);
  let before = kube.faults.hits;
  const real = await runReal(command, kube.env);
  const realTries = kube.faults.hits - before;
  kube.faults.clear();
  kube.faults.add(fault);
  before = kube.faults.hits;
  const ours = await runNative(command, { env: kube.env, session, commandTimeoutMs: 30_000 });
  return { real, ours, realTries, ourTries: kube.faults.hits - before };
}

test('a server certificate no configured CA signed: kubectl\'s x509 error, exit 1, and the session works once the kubeconfig names the right CA', async () => {
  const kube = await kubeFixture('normal', { tls: true });
  const dir = kube.env.HOME!;
  writeFileSync(join(dir, 'other-ca.pem'), selfSignedCertificate('other-ca.example').cert);
  writeFileSync(join(dir, 'server-ca.pem'), kube.certificate!);
  const trusting = (ca: string) => kubeconfigYaml(kube.url).replace('insecure-skip-tls-verify: true', `certificate-authority: ${join(dir, ca)}`);
  const kubeconfig = join(dir, 'ca.kubeconfig');
  writeFileSync(kubeconfig, trusting('other-ca.pem'));
  const command = `kubectl --kubeconfig ${kubeconfig} get deploy tiktok-toe -o name`;
  const session = new Session(process.cwd(), kube.env);

  const real = await runReal(command, kube.env);
  const ours = await runNative(command, { env: kube.env, session });
  assert.equal(ours.stderr, 'Unable to connect to the server: tls: failed to verify certificate: x509: certificate signed by unknown authority\n');
  // kubectl logs each failed discovery request first; its last line is the message.
  assert.equal(ours.stderr, real.stderr.trimEnd().split('\n').pop() + '\n');
  assert.equal(ours.exitCode, real.exitCode);
  assert.equal(ours.exitCode, 1);
  assert.match((ours.run.commands[0].notes ?? []).join('\n'), /certificate-authority/);

  // The fix: the same kubeconfig file now names the CA that signed the server's certificate.
  writeFileSync(kubeconfig, trusting('server-ca.pem'));
  const fixed = await runNative(command, { env: kube.env, session });
  assert.equal(fixed.stderr, '');
  assert.equal(fixed.stdout, 'deployment.apps/tiktok-toe\n');
  await session.dispose();
});

const TOO_MANY = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'too many requests, please try again later', reason: 'TooManyRequests', code: 429 });

test('429 and 503 with Retry-After: retried as kubectl retries them, then kubectl\'s error and exit code', async () => {
  const kube = await kubeFixture();
  const session = new Session(process.cwd(), kube.env);
  // Retry-After: 0 keeps the ten retries quick; the wait itself is tried below.
  const always = { times: Infinity, headers: { 'Retry-After': '0' } };
  const cases: { command: string; fault: KubeFault; stderr: string }[] = [
    { command: 'kubectl get pods', fault: { ...always, path: PODS, status: 429, body: TOO_MANY }, stderr: 'Error from server (TooManyRequests): too many requests, please try again later\n' },
    // A proxy's answer (no Status body): kubectl names the request.
    { command: 'kubectl get pods', fault: { ...always, path: PODS, status: 429 }, stderr: 'Error from server (TooManyRequests): the server has received too many requests and has asked us to try again later (get pods)\n' },
    { command: 'kubectl get deploy tiktok-toe', fault: { ...always, path: DEPLOYMENTS, status: 503, headers: { 'Retry-After': '0', 'Content-Type': 'text/plain' }, body: 'upstream connect error' }, stderr: 'Error from server (ServiceUnavailable): the server is currently unable to handle the request (get deployments.apps tiktok-toe)\n' },
    { command: 'kubectl get deploy', fault: { ...always, path: DEPLOYMENTS, status: 503 }, stderr: 'Error from server (ServiceUnavailable): the server is currently unable to handle the request (get deployments.apps)\n' },
    // A watch is opened the same way: the list is printed, then the watch request fails.
    { command: 'kubectl get pods -w', fault: { ...always, path: /[?&]watch=/, status: 503 }, stderr: 'Error from server (ServiceUnavailable): the server is currently unable to handle the request (get pods)\n' },
    // Without Retry-After there is no retry.
    { command: 'kubectl get pods', fault: { path: PODS, times: Infinity, status: 503 }, stderr: 'Error from server (ServiceUnavailable): the server is currently unable to handle the request (get pods)\n' },
  ];
  for (const c of cases) {
    const { real, ours, realTries, ourTries } = await bothMeet(kube, session, c.command, c.fault);
    assert.equal(ours.stderr, c.stderr, c.command);
    assert.equal(ours.stderr, real.stderr, c.command);
    assert.equal(ours.stdout, real.stdout, c.command);
    assert.equal(ours.exitCode, real.exitCode, c.command);
    assert.equal(ourTries, realTries, `${c.command}: requests sent`);
    assert.equal(ourTries, c.fault.headers ? 11 : 1, `${c.command}: requests sent`);
    assert.match((ours.run.commands[0].notes ?? []).join('\n'), c.fault.status === 429 ? /limiting requests/ : /unavailable, often while it restarts/, c.command);
    await assertRecovers(kube, session, `${c.command} (${c.fault.status})`);
  }

  // Two 503s asking for a second's wait, then the server answers: the command succeeds after two retries.
  const { real, ours, realTries, ourTries } = await bothMeet(kube, session, 'kubectl get deploy tiktok-toe -o name', { path: DEPLOYMENTS, times: 2, status: 503, headers: { 'Retry-After': '1' } });
  assert.equal(ours.stdout, 'deployment.apps/tiktok-toe\n');
  assert.equal(ours.stderr, '');
  assert.deepEqual({ stdout: ours.stdout, stderr: ours.stderr, exitCode: ours.exitCode }, real);
  assert.ok(ours.run.commands[0].durationMs >= 1900, 'waited the seconds Retry-After named (two of 1 s)');
  assert.equal(ourTries, realTries);
  await session.dispose();
});

test('503 to discovery, the first request of a session: kubectl\'s error, and discovery is asked again on the next cell', async () => {
  const kube = await kubeFixture();
  const session = new Session(process.cwd(), kube.env);
  const discovery = { path: /^\/apis?(\?|$)/, times: Infinity, status: 503, headers: { 'Retry-After': '0' } };
  kube.faults.add(discovery);
  const real = await runReal('kubectl get pods', kube.env);
  kube.faults.clear();
  kube.faults.add(discovery);
  const ours = await runNative('kubectl get pods', { env: kube.env, session, commandTimeoutMs: 30_000 });
  assert.equal(ours.stderr, 'Error from server (ServiceUnavailable): the server is currently unable to handle the request\n');
  // kubectl asks for discovery again from several places, logging each failure; its last line is the message.
  assert.equal(ours.stderr, real.stderr.trimEnd().split('\n').pop() + '\n');
  assert.equal(ours.exitCode, real.exitCode);
  await assertRecovers(kube, session, 'a refused discovery');
  await session.dispose();
});
