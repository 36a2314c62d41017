// The context and namespace chosen for a notebook (the VS Code status bar
// sets them through kubeSelection): kubectl uses them when a command names
// none, and a command's own --context and -n still win.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from '../../../../src/core/engine';
import { kubeSelection } from '../../../../src/core/connections';
import { kubectlTool } from '../../../../src/core/tools/kubectl';

const dir = mkdtempSync(join(tmpdir(), 'kube-selection-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const kubeconfig = join(dir, 'config');
writeFileSync(
  kubeconfig,
  [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- {name: staging, cluster: {server: "https://k8s.staging.internal:6443"}}',
    '- {name: prod, cluster: {server: "https://k8s.prod.internal:6443"}}',
    'contexts:',
    '- {name: staging, context: {cluster: staging, user: sre, namespace: web}}',
    '- {name: prod, context: {cluster: prod, user: sre, namespace: payments}}',
    'current-context: staging',
    'users:',
    '- {name: sre, user: {token: t}}',
    '',
  ].join('\n'),
);
const env = { KUBECONFIG: kubeconfig, HOME: dir };

async function targetOf(session: Session, line: string) {
  const target = await kubectlTool.parse(line.split(' '), env).target!({ env, session, cwd: dir });
  return target?.details;
}

describe('the notebook\'s kubectl selection', () => {
  it('is empty at first: the kubeconfig decides', async () => {
    const session = new Session(dir, env);
    assert.deepEqual(kubeSelection(session), {});
    assert.deepEqual(await targetOf(session, 'kubectl get pods'), { context: 'staging', cluster: 'staging', namespace: 'web', server: 'https://k8s.staging.internal:6443' });
  });

  it('applies to commands that name no context or namespace, in that session only', async () => {
    const session = new Session(dir, env);
    Object.assign(kubeSelection(session), { context: 'prod' });
    assert.deepEqual(await targetOf(session, 'kubectl get pods'), { context: 'prod', cluster: 'prod', namespace: 'payments', server: 'https://k8s.prod.internal:6443' });
    kubeSelection(session).namespace = 'kube-system';
    assert.equal((await targetOf(session, 'kubectl get pods'))?.namespace, 'kube-system');
    assert.equal((await targetOf(new Session(dir, env), 'kubectl get pods'))?.context, 'staging');
  });

  it('gives way to --context and -n', async () => {
    const session = new Session(dir, env);
    Object.assign(kubeSelection(session), { context: 'prod', namespace: 'kube-system' });
    assert.deepEqual(await targetOf(session, 'kubectl --context staging -n db get pods'), { context: 'staging', cluster: 'staging', namespace: 'db', server: 'https://k8s.staging.internal:6443' });
  });
});
