// Failures a user meets at 3 a.m.: an unreachable server, a forbidden action,
// an expired credential, an unknown resource. Each gives kubectl's own error
// text and exit code, and the session keeps working afterwards.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from '../../../../src/core/engine';
import { runNative, runReal } from '../../../support/engine';
import { kubeFixture } from '../../../support/kubeSim';

test('each failure prints what kubectl prints and leaves the session usable', async () => {
  const kube = await kubeFixture('normal', { tls: true });
  const unreachable = join(kube.env.HOME!, 'unreachable.kubeconfig');
  writeFileSync(unreachable, 'apiVersion: v1\nkind: Config\nclusters:\n- name: gone\n  cluster:\n    server: http://127.0.0.1:9\ncontexts:\n- name: gone\n  context:\n    cluster: gone\n    user: gone\ncurrent-context: gone\nusers:\n- name: gone\n  user:\n    token: x\n');
  const session = new Session(process.cwd(), kube.env);
  const cases = [
    { command: `kubectl --kubeconfig ${unreachable} get pods`, stderr: /^The connection to the server 127\.0\.0\.1:9 was refused - did you specify the right host or port\?\n$/, lastLine: true },
    { command: 'kubectl --context sandbox-nobody get pods', stderr: /^Error from server \(Forbidden\): pods is forbidden: User "nobody" cannot list resource "pods" in API group "" in the namespace "default"\n$/ },
    { command: 'kubectl --context sandbox-viewer scale deployment tiktok-toe --replicas=4', stderr: /forbidden: User "viewer" cannot patch resource "deployments\/scale"/ },
    { command: 'kubectl --context sandbox-expired get pods', stderr: /^error: You must be logged in to the server \(Unauthorized\)\n$/ },
    { command: 'kubectl get nosuchthings', stderr: /^error: the server doesn't have a resource type "nosuchthings"\n$/ },
    { command: 'kubectl --context nosuchcontext get pods', stderr: /^Error in configuration: context was not found for specified context: nosuchcontext\n$/ },
  ];
  for (const c of cases) {
    const ours = await runNative(c.command, { env: kube.env, session });
    assert.match(ours.stderr, c.stderr, c.command);
    assert.equal(ours.stdout, '', c.command);
    assert.equal(ours.run.ok, false);
    const real = await runReal(c.command, kube.env);
    assert.equal(ours.exitCode, real.exitCode, `${c.command}: exit code`);
    // The real kubectl may log retries first; its last line is the message.
    const realLast = real.stderr.trimEnd().split('\n').pop() + '\n';
    assert.equal(ours.stderr, c.lastLine ? realLast : real.stderr, c.command);
    // The same session still works.
    const after = await runNative('kubectl get deploy tiktok-toe -o name', { env: kube.env, session });
    assert.equal(after.stdout, 'deployment.apps/tiktok-toe\n', `session unusable after ${c.command}`);
  }
  await session.dispose();
});

test('the runbook step that filters events by reason=Scaling explains why nothing matches', async () => {
  const kube = await kubeFixture();
  const r = await runNative('kubectl get events --field-selector reason=Scaling', { env: kube.env });
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'No resources found in default namespace.\n');
  const notes = r.run.commands[0].notes ?? [];
  assert.match(notes.join('\n'), /HorizontalPodAutoscaler records "SuccessfulRescale"/);
});
