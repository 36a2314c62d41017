// A Secret with random values, created in the simulator by the real kubectl
// (so our session has never seen them), then read by ours in every form a
// runbook uses: no value shows, plain or base64, in stdout, stderr or the
// cell's result, and the output is still the object kubectl prints.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Session } from '../../../../src/core/engine';
import { runNative, runReal } from '../../../support/engine';
import { assertHidden, randomSecret } from '../../../support/hidden';
import { kubeFixture, type KubeFixture } from '../../../support/kubeSim';

const password = randomSecret('pw');
const apiKey = randomSecret('key');
const inConfig = randomSecret('cfg');
const config = `user=app\npassword=${inConfig}\n`;
const VALUES = [password, apiKey, inConfig];
const PLACEHOLDER = /‹secret:k8s-secret#[0-9a-f]{4}›/;

test('kubectl: the values of Secrets it reads are masked', async (t) => {
  // The fixture stops itself after this test.
  const kube: KubeFixture = await kubeFixture();
  const manifest = join(kube.kubeconfig, '..', 'secret.json');
  writeFileSync(manifest, JSON.stringify({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'masked-credentials', namespace: 'default' },
    type: 'Opaque',
    data: { password: Buffer.from(password).toString('base64') },
    stringData: { 'api-key': apiKey, 'config.ini': config },
  }));
  const created = await runReal(`kubectl apply -f ${manifest}`, kube.env);
  assert.equal(created.stdout, 'secret/masked-credentials created\n', created.stderr);
  const session = new Session(process.cwd(), kube.env);
  const read = async (command: string) => {
    const run = await runNative(command, { env: kube.env, session });
    assert.equal(run.exitCode, 0, run.stderr);
    assertHidden(command, run, VALUES);
    return run;
  };

  await t.test('get -o yaml: the object as kubectl prints it, each value and the last-applied configuration masked', async () => {
    const { stdout } = await read('kubectl get secret masked-credentials -o yaml');
    assert.match(stdout, /^apiVersion: v1\ndata:\n/);
    assert.match(stdout, /\nkind: Secret\n/);
    assert.match(stdout, /\n  name: masked-credentials\n/);
    assert.match(stdout, new RegExp(`\\n  password: ${PLACEHOLDER.source}\\n`));
    assert.match(stdout, /kubectl\.kubernetes\.io\/last-applied-configuration: \|\n {6}\{"apiVersion":"v1"/);
  });

  await t.test('get -o json and a List of Secrets', async () => {
    const one = await read('kubectl get secret masked-credentials -o json');
    const object = JSON.parse(one.stdout) as { kind: string; data: Record<string, string> };
    assert.equal(object.kind, 'Secret');
    assert.ok(Object.keys(object.data).includes('password'));
    for (const value of Object.values(object.data)) assert.match(value, PLACEHOLDER);
    const list = await read('kubectl get secrets -o json');
    assert.equal((JSON.parse(list.stdout) as { kind: string }).kind, 'List');
  });

  await t.test('jsonpath: a value gets the same placeholder wherever it shows', async () => {
    const yaml = (await read('kubectl get secret masked-credentials -o yaml')).stdout;
    const path = await read('kubectl get secret masked-credentials -o jsonpath={.data.password}');
    assert.match(path.stdout, new RegExp(`^${PLACEHOLDER.source}$`));
    assert.ok(yaml.includes(`  password: ${path.stdout}\n`), 'the same secret, the same fingerprint');
  });

  await t.test('describe prints sizes as kubectl does, and nothing of the values', async () => {
    const { stdout } = await read('kubectl describe secret masked-credentials');
    assert.match(stdout, /^Name: +masked-credentials\n/);
    assert.match(stdout, new RegExp(`\\npassword: +${password.length} bytes\\n`));
  });

  await t.test('a fresh session masks on its first read: values are learnt as the object arrives', async () => {
    const fresh = await runNative('kubectl get secret masked-credentials -o yaml', { env: kube.env });
    assert.equal(fresh.exitCode, 0, fresh.stderr);
    assert.match(fresh.stdout, /\n  name: masked-credentials\n/);
    assertHidden('kubectl get secret masked-credentials -o yaml', fresh, VALUES);
  });

  await session.dispose();
});
