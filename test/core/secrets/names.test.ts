// Which variable names hold secrets: by whole words, KEY unless an ID follows.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSecretName } from '../../../src/core/secrets';

test('names with a secret word, in any spelling, are secret', () => {
  for (const name of [
    'PGPASSWORD', 'REDISCLI_AUTH', 'AWS_SESSION_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'API_KEY', 'APIKEY', 'apiKey',
    'DB_PASSWORD', 'dbPassword', 'db-passwd', 'SMTP_PASS', 'client.secret', 'GITHUB_TOKEN', 'BASIC_AUTH',
    'GOOGLE_CREDENTIALS', 'SSH_PRIVATE_KEY', 'privateKey', 'SESSION_COOKIE', 'PASSWORD2', '<password>',
  ]) assert.equal(isSecretName(name), true, name);
});

test('names that only contain the letters of a secret word are not secret', () => {
  for (const name of [
    'AWS_ACCESS_KEY_ID', 'accessKeyId', 'GIT_AUTHOR_NAME', 'AUTHOR', 'PWD', 'PASSENGER', 'PGHOST', 'KUBECONFIG',
    'TOKENIZER_PATH', 'SECRETARY', 'KEYBOARD', 'OAUTHLIB_MODE', 'BYPASS_CACHE', '<namespace>',
  ]) assert.equal(isSecretName(name), false, name);
});
