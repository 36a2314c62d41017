// What kubectl tells the masker: Secrets in any body the API server sends
// (an object, a List, a Table with objects, watch events), and kubeconfig
// users' credentials.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Masker } from '../../../../src/core/secrets';
import { registerKubeconfigUsers, registerSecretsInBody } from '../../../../src/core/tools/kubectl/secrets';

const b64 = (text: string) => Buffer.from(text).toString('base64');
const secret = (data: Record<string, string>, stringData?: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data, stringData });

function masked(masker: Masker, ...values: string[]): boolean {
  return values.every((value) => !masker.mask(`x ${value} x`).includes(value));
}

test('a Secret, a List of them, a Table with objects and watch events all give their values', () => {
  const bodies = {
    object: JSON.stringify(secret({ password: b64('object-pw') }, { token: 'object-token' })),
    list: JSON.stringify({ kind: 'SecretList', items: [secret({ password: b64('list-pw') })] }),
    table: JSON.stringify({ kind: 'Table', rows: [{ cells: ['s'], object: secret({ key: b64('table-key') }) }] }),
    watch: [{ type: 'ADDED', object: secret({ a: b64('watch-one') }) }, { type: 'MODIFIED', object: secret({ a: b64('watch-two') }) }].map((e) => JSON.stringify(e)).join('\n'),
  };
  const masker = new Masker();
  for (const body of Object.values(bodies)) registerSecretsInBody(masker, body);
  assert.ok(masked(masker, 'object-pw', b64('object-pw'), 'object-token', 'list-pw', 'table-key', 'watch-one', 'watch-two', b64('watch-two')));
});

test('bodies without a Secret teach nothing; a ConfigMap is not secret', () => {
  const masker = new Masker();
  registerSecretsInBody(masker, JSON.stringify({ kind: 'ConfigMap', data: { password: 'not-a-secret' } }));
  registerSecretsInBody(masker, 'log line mentioning a Secret, not JSON');
  assert.equal(masker.mask('not-a-secret'), 'not-a-secret');
});

test('kubeconfig users: tokens, passwords, client keys and auth-provider tokens', () => {
  const masker = new Masker();
  const key = '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIK\n-----END EC PRIVATE KEY-----\n';
  registerKubeconfigUsers(masker, [
    { token: 'user-token-1' },
    { username: 'admin', password: 'user-password' },
    { keyData: b64(key) },
    { authProvider: { name: 'oidc', config: { 'id-token': 'oidc-id-token', 'client-id': 'public-client' } } },
  ]);
  assert.ok(masked(masker, 'user-token-1', 'user-password', b64(key), 'MHcCAQEEIK', 'oidc-id-token'));
  assert.equal(masker.mask('admin public-client'), 'admin public-client', 'names and ids stay readable');
});
