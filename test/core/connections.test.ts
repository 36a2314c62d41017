import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubeconfigFiles, listKubeContexts, parseEnvFile } from '../../src/core/connections';

test('an env file gives its assignments, expanded, and runs nothing', () => {
  const text = "# sandbox\nexport KUBECONFIG='/tmp/k config'\nexport PGHOST=127.0.0.1 PGPORT=5433\nREDIS_URL=redis://127.0.0.1:$PGPORT\nexport URL=\"$HOME/x\"\nrm -rf /\n";
  const { values, ignored } = parseEnvFile(text, { HOME: '/home/sre' });
  assert.deepEqual(values, { KUBECONFIG: '/tmp/k config', PGHOST: '127.0.0.1', PGPORT: '5433', REDIS_URL: 'redis://127.0.0.1:5433', URL: '/home/sre/x' });
  assert.deepEqual(ignored, ['rm -rf /']);
});

test('the status bar sees the contexts of every KUBECONFIG file, the first file winning as kubectl merges them', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kubecontexts-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const first = join(dir, 'a');
  const second = join(dir, 'b');
  writeFileSync(first, 'current-context: prod\ncontexts:\n- name: prod\n  context: {cluster: c1, namespace: web}\n');
  writeFileSync(second, 'current-context: dev\ncontexts:\n- name: prod\n  context: {cluster: other}\n- name: dev\n  context: {cluster: c2}\n');
  const env = { KUBECONFIG: `${first}:${join(dir, 'missing')}:${second}` };
  assert.deepEqual(kubeconfigFiles(env), [first, second]);
  assert.deepEqual(kubeconfigFiles(env, '/elsewhere'), ['/elsewhere']);
  assert.deepEqual(listKubeContexts(env), {
    current: 'prod',
    contexts: [
      { name: 'prod', cluster: 'c1', namespace: 'web' },
      { name: 'dev', cluster: 'c2', namespace: 'default' },
    ],
  });
  assert.throws(() => listKubeContexts({ KUBECONFIG: join(dir, 'missing'), HOME: dir }), /no kubeconfig/);
});
