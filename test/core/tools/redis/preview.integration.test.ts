// Redis delete previews against the sandbox's Redis, on a database of this
// file's own (13): the keys, their count, types and TTLs; nothing deleted,
// read back with the real redis-cli.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ConfirmationRequest } from '../../../../src/core/engine';
import { acquireSandbox, type SandboxLease } from '../../../sandbox/testing';
import { runNative, runReal } from '../../../support/engine';

const DB = 13;
let sandbox: SandboxLease;
let env: Record<string, string | undefined>;

const cli = async (args: string): Promise<string> => {
  const r = await runReal(`redis-cli -u "$REDIS_URL" -n ${DB} ${args}`, env);
  assert.equal(r.exitCode, 0, r.stderr);
  return r.stdout.trim();
};

before(async () => {
  sandbox = await acquireSandbox({ services: ['redis'] });
  env = { ...process.env, ...sandbox.env };
  await cli('FLUSHDB');
  await cli('SET preview:s v EX 600');
  await cli('HSET preview:h f 1');
  await cli('RPUSH preview:l a b');
});

after(async () => {
  if (env) await cli('FLUSHDB');
  await sandbox?.stop();
});

async function declined(line: string): Promise<ConfirmationRequest> {
  const requests: ConfirmationRequest[] = [];
  const run = await runNative(line, { env, confirm: false, onConfirm: (r) => requests.push(r) });
  assert.equal(run.exitCode, 1, run.stderr);
  assert.equal(requests.length, 1);
  return requests[0];
}

describe('redis-cli delete previews', { concurrency: false }, () => {
  it('DEL of several keys: each key with its type and TTL, a missing one named; all kept', async () => {
    const ttl = Number(await cli('TTL preview:s'));
    const request = await declined(`redis-cli -u "$REDIS_URL" -n ${DB} DEL preview:s preview:h preview:gone`);
    const lines = (request.preview?.text ?? '').split('\n');
    assert.equal(lines[0], 'DEL of 3 keys: 2 exist and would be deleted');
    assert.match(lines[1], /^  preview:s  string  ttl (\d+) s$/);
    assert.ok(Math.abs(Number(/ttl (\d+)/.exec(lines[1])![1]) - ttl) <= 1, lines[1]);
    assert.equal(lines[2], '  preview:h  hash  no expiry');
    assert.equal(lines[3], '  preview:gone (does not exist)');
    assert.equal(await cli('EXISTS preview:s preview:h'), '2');
  });

  it('FLUSHDB: the database key count and its keys; all kept', async () => {
    const size = Number(await cli('DBSIZE'));
    const request = await declined(`redis-cli -u "$REDIS_URL" -n ${DB} FLUSHDB`);
    const lines = (request.preview?.text ?? '').trimEnd().split('\n');
    assert.equal(lines[0], `FLUSHDB would delete ${size} keys in db${DB}`);
    assert.deepEqual(lines.slice(1).map((l) => l.trim().split(/\s+/)[0]).sort(), ['preview:h', 'preview:l', 'preview:s']);
    assert.ok(lines.includes('  preview:l  list  no expiry'));
    assert.equal(Number(await cli('DBSIZE')), size);
  });
});
