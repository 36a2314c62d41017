// Secrets masked by their shape alone, with nothing registered.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Masker } from '../../../src/core/secrets';

const masker = new Masker();
const mask = (text: string) => masker.mask(text).replace(/#[0-9a-f]{4}›/g, '›');

test('passwords in URLs, the rest of the URL kept', () => {
  assert.equal(mask('postgresql://app:pw@db.internal:5432/orders'), 'postgresql://app:‹secret:url-password›@db.internal:5432/orders');
  assert.equal(mask("redis-cli -u 'redis://:s3cret@cache:6379/0'"), "redis-cli -u 'redis://:‹secret:url-password›@cache:6379/0'");
  assert.equal(mask('see https://user:p%40ss@example.com/x'), 'see https://user:‹secret:url-password›@example.com/x');
  assert.equal(mask('https://example.com:8443/path?a=b@c'), 'https://example.com:8443/path?a=b@c', 'a port is not a password');
});

test('credential headers as curl -v prints them, and in -H arguments', () => {
  assert.equal(mask('> Authorization: Bearer abc.def\r\n> Accept: */*\r\n'), '> Authorization: Bearer ‹secret:authorization›\r\n> Accept: */*\r\n');
  assert.equal(mask('> proxy-authorization: Basic dXNlcjpwdw==\n'), '> proxy-authorization: Basic ‹secret:authorization›\n');
  assert.equal(mask('> Authorization: s3cr3t-api-key\n'), '> Authorization: ‹secret:authorization›\n');
  assert.equal(mask('< set-cookie: session=abc123; Path=/; HttpOnly\n'), '< set-cookie: ‹secret:cookie›\n');
  assert.equal(mask('> Cookie: a=b\n'), '> Cookie: ‹secret:cookie›\n');
  assert.equal(mask(`curl -H 'Authorization: Bearer xyz' -H "Cookie: id=42" https://x`), `curl -H 'Authorization: Bearer ‹secret:authorization›' -H "Cookie: ‹secret:cookie›" https://x`);
  assert.equal(mask('X-Authorization-Mode: on\nauthorization:\n  mode: Webhook\n'), 'X-Authorization-Mode: on\nauthorization:\n  mode: Webhook\n');
});

test('a PEM private key is masked as one block; a certificate is not', () => {
  const key = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\nabcdef==\n-----END RSA PRIVATE KEY-----';
  const cert = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
  assert.equal(mask(`tls.key: |\n${key}\n${cert}\n`), `tls.key: |\n‹secret:private-key›\n${cert}\n`);
  assert.equal(mask(JSON.stringify(key)), '"‹secret:private-key›"', 'escaped newlines too');
  const encoded = Buffer.from(`-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----\n`).toString('base64');
  assert.equal(mask(`client-key-data: ${encoded}\n`), 'client-key-data: ‹secret:private-key›\n');
  const certData = Buffer.from(`${cert}\n`).toString('base64');
  assert.equal(mask(`client-certificate-data: ${certData}\n`), `client-certificate-data: ${certData}\n`);
});

test('JWTs are masked whole; other dotted words are not', () => {
  const jwt = ['{"alg":"RS256"}', '{"sub":"system:serviceaccount:x"}'].map((p) => Buffer.from(p).toString('base64url')).join('.') + '.c2lnbmF0dXJl';
  assert.equal(mask(`token: ${jwt}\n`), 'token: ‹secret:jwt›\n');
  assert.equal(mask('eyJhbGc is not a token; a.b.c is not one either'), 'eyJhbGc is not a token; a.b.c is not one either');
});

test('a registered value in a URL keeps the kind it was registered with', () => {
  const m = new Masker();
  m.add('pg-pass-1', 'PGPASSWORD');
  assert.match(m.mask('postgresql://u:pg-pass-1@h/db'), /^postgresql:\/\/u:‹secret:PGPASSWORD#[0-9a-f]{4}›@h\/db$/);
});
