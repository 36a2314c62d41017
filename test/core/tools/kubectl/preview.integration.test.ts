// kubectl previews against a simulator of this file's own: a server-side dry
// run and the diff of each live object against its result, as `kubectl diff`
// prints it; the objects a delete would remove. The live objects, read with
// the real kubectl, are the same afterwards.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ConfirmationRequest } from '../../../../src/core/engine';
import { runNative, runReal } from '../../../support/engine';
import { kubeFixture, type KubeFixture } from '../../../support/kubeSim';

const NOTEBOOKS = fileURLToPath(new URL('../../../../notebooks', import.meta.url));
/** The live objects as the real kubectl prints them. */
async function live(kube: KubeFixture, what: string): Promise<string> {
  const read = await runReal(`kubectl get ${what} -o yaml --ignore-not-found`, kube.env);
  assert.equal(read.exitCode, 0, read.stderr);
  return read.stdout;
}

/** Runs the line, declining its confirmation: the preview the question carried, and the live objects before and after. */
async function previewOf(kube: KubeFixture, line: string, objects: string): Promise<{ request: ConfirmationRequest; before: string; after: string }> {
  const before = await live(kube, objects);
  const requests: ConfirmationRequest[] = [];
  const run = await runNative(line, { env: kube.env, cwd: NOTEBOOKS, confirm: false, onConfirm: (r) => requests.push(r) });
  assert.equal(run.exitCode, 1, run.stderr);
  assert.equal(requests.length, 1);
  return { request: requests[0], before, after: await live(kube, objects) };
}

describe('kubectl previews', { concurrency: false }, () => {
  it('scale: the replicas line changes, nothing else; the deployment is unchanged', async () => {
    const kube = await kubeFixture();
    const replicas = Number((await runReal('kubectl get deployment tiktok-toe -o jsonpath={.spec.replicas}', kube.env)).stdout);
    const p = await previewOf(kube, 'kubectl scale deployment tiktok-toe --replicas=7', 'deployment tiktok-toe');
    const text = p.request.preview?.text ?? '';
    assert.match(text, /^server dry run: 1 object, 1 would change\n/);
    assert.match(text, /^diff -u -N LIVE\/apps\.v1\.Deployment\.default\.tiktok-toe MERGED\/apps\.v1\.Deployment\.default\.tiktok-toe$/m);
    assert.deepEqual(changedLines(text), [`-  replicas: ${replicas}`, '+  replicas: 7']);
    assert.equal(p.after, p.before);
    assert.match(p.request.preview?.diff?.before ?? '', /^  replicas: 3$/m);
    assert.match(p.request.preview?.diff?.after ?? '', /^  replicas: 7$/m);
  });

  it('set image: the image line changes; the deployment is unchanged', async () => {
    const kube = await kubeFixture();
    const image = (await runReal(`kubectl get deployment tiktok-toe -o jsonpath='{.spec.template.spec.containers[0].image}'`, kube.env)).stdout;
    const p = await previewOf(kube, 'kubectl set image deployment/tiktok-toe tiktok-toe=ghcr.io/tiktok-toe/api:9.9.9', 'deployment tiktok-toe');
    assert.deepEqual(changedLines(p.request.preview?.text ?? ''), [`-        image: ${image}`, '+        image: ghcr.io/tiktok-toe/api:9.9.9']);
    assert.equal(p.after, p.before);
  });

  it('patch of a configmap: the data key changes; the configmap is unchanged', async () => {
    const kube = await kubeFixture();
    const p = await previewOf(kube, `kubectl patch configmap app-config --patch '{"data":{"LOG_LEVEL":"trace"}}'`, 'configmap app-config');
    const before = /^  LOG_LEVEL: (.*)$/m.exec(p.before)?.[1];
    assert.ok(before && before !== 'trace', p.before);
    assert.deepEqual(changedLines(p.request.preview?.text ?? ''), [`-  LOG_LEVEL: ${before}`, '+  LOG_LEVEL: trace']);
    assert.equal(p.after, p.before);
  });

  it('apply of the sample manifests: each object would be created (empty live side); none is', async () => {
    const kube = await kubeFixture();
    const p = await previewOf(kube, 'kubectl apply -f k8s/database/read-replica.yaml -f k8s/cache/new-node.yaml', 'statefulset postgresql-read redis-node-4');
    const text = p.request.preview?.text ?? '';
    assert.match(text, /^server dry run: 2 objects, 2 would change \(2 created\)\n/);
    assert.match(text, /^diff -u -N LIVE\/apps\.v1\.StatefulSet\.default\.postgresql-read MERGED\/apps\.v1\.StatefulSet\.default\.postgresql-read$/m);
    assert.match(text, /^diff -u -N LIVE\/apps\.v1\.StatefulSet\.default\.redis-node-4 /m);
    assert.match(text, /^@@ -0,0 \+1,\d+ @@$/m);
    assert.match(text, /^\+        image: redis:7$/m);
    assert.equal(p.before, '');
    assert.equal(p.after, '');
  });

  it('apply of a changed manifest: the same diff body as the real kubectl diff', async () => {
    const kube = await kubeFixture();
    const manifest = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\n  namespace: default\n  labels:\n    app: tiktok-toe\ndata:\n  LOG_LEVEL: debug\n  NEW_KEY: "1"\n`;
    const line = `kubectl apply -f - <<'EOF'\n${manifest}EOF`;
    const p = await previewOf(kube, line, 'configmap app-config');
    const real = await runReal(`kubectl diff -f - <<'EOF'\n${manifest}EOF`, kube.env);
    assert.equal(real.exitCode, 1, real.stderr);
    assert.deepEqual(changedLines(p.request.preview?.text ?? ''), changedLines(real.stdout));
    assert.equal(p.after, p.before);
  });

  it('rollout restart and label: the restartedAt annotation and the label added; the deployment is unchanged', async () => {
    const kube = await kubeFixture();
    const restart = await previewOf(kube, 'kubectl rollout restart deployment/tiktok-toe', 'deployment tiktok-toe');
    const added = changedLines(restart.request.preview?.text ?? '');
    assert.ok(added.some((l) => /^\+ {8}kubectl\.kubernetes\.io\/restartedAt: /.test(l)), added.join('\n'));
    assert.equal(restart.after, restart.before);
    const label = await previewOf(kube, 'kubectl label deployment tiktok-toe owner=sre', 'deployment tiktok-toe');
    assert.deepEqual(changedLines(label.request.preview?.text ?? ''), ['+    owner: sre']);
    assert.equal(label.after, label.before);
  });

  it('a Secret: its values masked as kubectl diff masks them, the changed one marked before and after', async () => {
    const kube = await kubeFixture();
    const p = await previewOf(kube, `kubectl patch secret redis-auth --patch '{"data":{"password":"bmV3LXNlY3JldC12YWx1ZQ=="}}'`, 'secret redis-auth');
    const text = p.request.preview?.text ?? '';
    assert.deepEqual(changedLines(text), ['-  password: "*** (before)"', '+  password: "*** (after)"']);
    assert.doesNotMatch(JSON.stringify(p.request.preview), /new-secret-value|c2FuZGJveC1yZWRpcy1wYXNzd29yZA|bmV3LXNlY3JldC12YWx1ZQ/);
    assert.equal(p.after, p.before);
  });

  it('delete by selector: the objects that would go, counted; all still there', async () => {
    const kube = await kubeFixture();
    const pods = (await runReal('kubectl get pods -l app=tiktok-toe -o name', kube.env)).stdout.split('\n').filter(Boolean);
    assert.ok(pods.length > 1);
    const p = await previewOf(kube, 'kubectl delete pods -l app=tiktok-toe', 'pods -l app=tiktok-toe');
    assert.equal(p.request.preview?.text, `server dry run: would delete ${pods.length} objects (${pods.length} pod) matching -l app=tiktok-toe\n${pods.map((n) => `  ${n}\n`).join('')}`);
    assert.equal(p.after, p.before);
  });

  it('a dry run prints the preview and changes nothing, without asking', async () => {
    const kube = await kubeFixture();
    let asked = 0;
    const run = await runNative('kubectl scale deployment tiktok-toe --replicas=9', { env: kube.env, dryRun: true, onConfirm: () => asked++ });
    assert.equal(run.exitCode, 0);
    assert.equal(asked, 0);
    assert.match(run.stderr, /^dry run: kubectl scale deployment\/tiktok-toe on .* \(not run\)\nserver dry run: 1 object, 1 would change\n/);
    assert.equal((await runReal('kubectl get deployment tiktok-toe -o jsonpath={.spec.replicas}', kube.env)).stdout, '3');
  });
});

/** The lines a unified diff removes or adds, without its file headers (and the generation the server bumps). */
function changedLines(text: string): string[] {
  return text.split('\n').filter((l) => /^[-+]/.test(l) && !/^(---|\+\+\+) /.test(l) && !/^[-+]  generation: /.test(l));
}
