// aws previews against the sandbox's S3, in a bucket of this file's own:
// `s3 rm` lists the objects it would delete, the same lines the real
// `aws s3 rm --dryrun` prints; the objects are all still there afterwards.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ConfirmationRequest } from '../../../../src/core/engine';
import { acquireSandbox, type SandboxLease } from '../../../sandbox/testing';
import { runNative, runReal } from '../../../support/engine';

const BUCKET = `preview-${process.pid}-${Date.now().toString(36)}`;
let sandbox: SandboxLease;
let env: Record<string, string | undefined>;
let dir: string;

const aws = async (line: string): Promise<string> => {
  const r = await runReal(`aws ${line}`, env);
  assert.equal(r.exitCode, 0, r.stderr);
  return r.stdout;
};
const sorted = (text: string) => text.split('\n').filter(Boolean).sort();

before(async () => {
  sandbox = await acquireSandbox({ services: ['s3'] });
  dir = mkdtempSync(join(tmpdir(), 'aws-preview-'));
  env = { ...process.env, ...sandbox.env, HOME: dir };
  writeFileSync(join(dir, 'f.txt'), 'x');
  await aws(`s3 mb s3://${BUCKET}`);
  for (const key of ['logs/a.log', 'logs/b.log', 'logs/2026/c.log', 'keep/d.txt']) await aws(`s3 cp ${join(dir, 'f.txt')} s3://${BUCKET}/${key}`);
});

after(async () => {
  if (env) await runReal(`aws s3 rb s3://${BUCKET} --force`, env);
  await sandbox?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('aws previews', () => {
  it('s3 rm --recursive: the objects it would delete, as the real --dryrun lists them; none deleted', async () => {
    const listing = await aws(`s3 ls s3://${BUCKET}/ --recursive`);
    const line = `aws s3 rm s3://${BUCKET}/logs/ --recursive`;
    const requests: ConfirmationRequest[] = [];
    const run = await runNative(line, { env, confirm: false, onConfirm: (r) => requests.push(r) });
    assert.equal(run.exitCode, 1, run.stderr);
    const [head, ...lines] = (requests[0]?.preview?.text ?? '').trimEnd().split('\n');
    assert.equal(head, 's3 rm --dryrun: 3 objects affected');
    assert.deepEqual(lines.sort(), sorted(await aws(`s3 rm s3://${BUCKET}/logs/ --recursive --dryrun`)));
    assert.ok(lines.includes(`(dryrun) delete: s3://${BUCKET}/logs/2026/c.log`));
    assert.equal(await aws(`s3 ls s3://${BUCKET}/ --recursive`), listing);
  });

  it('another change names its operation and bucket', async () => {
    const requests: ConfirmationRequest[] = [];
    await runNative(`aws s3api put-object --bucket ${BUCKET} --key k`, { env, confirm: false, onConfirm: (r) => requests.push(r) });
    assert.equal(requests[0]?.preview?.text, `s3api put-object on bucket ${BUCKET}\n`);
  });
});
