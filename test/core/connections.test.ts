import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEnvFile } from '../../src/core/connections/envFile';

test('an env file gives its assignments, expanded, and runs nothing', () => {
  const text = "# sandbox\nexport KUBECONFIG='/tmp/k config'\nexport PGHOST=127.0.0.1 PGPORT=5433\nREDIS_URL=redis://127.0.0.1:$PGPORT\nexport URL=\"$HOME/x\"\nrm -rf /\n";
  const { values, ignored } = parseEnvFile(text, { HOME: '/home/sre' });
  assert.deepEqual(values, { KUBECONFIG: '/tmp/k config', PGHOST: '127.0.0.1', PGPORT: '5433', REDIS_URL: 'redis://127.0.0.1:5433', URL: '/home/sre/x' });
  assert.deepEqual(ignored, ['rm -rf /']);
});
