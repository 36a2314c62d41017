// `aws s3api` through our engine against the sandbox's S3, compared byte for
// byte with the real aws CLI (1.x) on the same server: stdout, stderr and
// exit code. Objects live in a bucket of this run's own, removed afterwards:
// the seeded buckets stay as other test files read them.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { acquireSandbox, type SandboxLease } from '../../../sandbox/testing';
import { compareAws, normalizePair, type ParityCase } from '../../../support/awsApi';
import { runReal } from '../../../support/engine';

const BUCKET = `parity-s3api-${process.pid}-${Date.now().toString(36)}`;
const PREFIX = 'parity/';
const results: { name: string; same: boolean }[] = [];

let sandbox: SandboxLease;
let env: Record<string, string | undefined>;
let dir: string;
let startToken = '';

/** s3rver's continuation tokens are encrypted with a fresh IV each time: equal in meaning, not in bytes. */
function continuationTokens(text: string): string {
  return text
    .replace(/eyJ[A-Za-z0-9+/=]+/g, (b64) => Buffer.from(b64, 'base64').toString('utf8').replace(/"ContinuationToken": "[^"]+"/, '"ContinuationToken": "<token>"'))
    .replace(/[A-Za-z0-9+/]{60,}={0,2}/g, '<token>');
}

const list = `aws s3api list-objects-v2 --bucket ${BUCKET} --prefix ${PREFIX}`;
const CASES: ParityCase[] = [
  { line: list },
  { line: `${list} --output text` },
  { line: `${list} --output table` },
  { line: `${list} --max-items 2` },
  { line: `${list} --max-items 2 --output text` },
  { line: `${list} --max-items 2 --output table` },
  { line: `${list} --max-items 2 --query 'Contents[].Key' --output text` },
  { line: `${list} --page-size 2` },
  { line: `${list} --page-size 2 --output text` },
  { line: `${list} --page-size 2 --max-items 3`, normalize: continuationTokens },
  { line: `${list} --starting-token "$START_AT"` },
  { line: `${list} --starting-token "$START_AT" --max-items 1 --output text` },
  { line: `${list} --delimiter /` },
  { line: `${list} --delimiter / --output text` },
  { line: `${list} --delimiter / --output table` },
  { line: `${list} --max-keys 2`, normalize: continuationTokens },
  { line: `${list} --max-keys 2 --output text`, normalize: continuationTokens },
  { line: `aws --no-paginate s3api list-objects-v2 --bucket ${BUCKET} --prefix ${PREFIX} --output table` },
  { line: `${list} --query 'Contents[].{K:Key,S:Size}' --output table` },
  { line: `${list} --query 'length(Contents)'` },
  { line: `${list} --query "Contents[?Size > \\\`4\\\`].Key"` },
  { line: `${list} --query 'Contents[0]' --output text` },
  { line: `${list} --query 'Contents[.Key'` },
  { line: `aws s3api list-objects-v2 --bucket ${BUCKET} --prefix ${PREFIX}none/` },
  { line: `aws s3api list-objects-v2 --bucket ${BUCKET} --prefix ${PREFIX}none/ --output text` },
  { line: `aws s3api list-objects-v2 --bucket ${BUCKET} --prefix ${PREFIX}none/ --output table` },
  { line: 'aws s3api list-objects-v2 --bucket parity-no-such-bucket' },
  { line: 'aws s3api list-objects-v2' },
  { line: `aws s3api list-objects-v2 --bucket ${BUCKET} --frobnicate 1` },
  { line: `aws s3api list-object-versions --bucket ${BUCKET} --prefix ${PREFIX}` },
  { line: `aws s3api head-object --bucket ${BUCKET} --key ${PREFIX}a.txt` },
  { line: `aws s3api head-object --bucket ${BUCKET} --key ${PREFIX}meta.json --output text` },
  { line: `aws s3api head-object --bucket ${BUCKET} --key ${PREFIX}meta.json --output table` },
  { line: `aws s3api head-object --bucket ${BUCKET} --key ${PREFIX}meta.json --query Metadata` },
  { line: `aws s3api head-object --bucket ${BUCKET} --key ${PREFIX}missing` },
  { line: `aws s3api get-object --bucket ${BUCKET} --key ${PREFIX}a.txt out-a.txt` },
  { line: `aws s3api get-object --bucket ${BUCKET} --key ${PREFIX}meta.json out-meta.json --output text` },
  { line: `aws s3api get-object --bucket ${BUCKET} --key ${PREFIX}missing out-missing.txt` },
  { line: `aws s3api get-object --bucket ${BUCKET} --key ${PREFIX}a.txt` },
  { line: `aws s3api put-object --bucket ${BUCKET} --key ${PREFIX}put.txt --body body.txt` },
  { line: `aws s3api put-object --bucket ${BUCKET} --key ${PREFIX}put.txt --body body.txt --content-type text/plain --metadata team=web,tier=2 --output text` },
  { line: `aws s3api head-object --bucket ${BUCKET} --key ${PREFIX}put.txt` },
  { line: `aws s3api put-object --bucket ${BUCKET} --key ${PREFIX}put.txt --body no-such-file.txt` },
  { line: `aws s3api get-bucket-versioning --bucket ${BUCKET}` },
  { line: `aws s3api get-bucket-versioning --bucket ${BUCKET} --output text` },
  { line: `aws s3api delete-object --bucket ${BUCKET} --key ${PREFIX}put.txt` },
  { line: `aws s3api delete-object --bucket ${BUCKET} --key ${PREFIX}never-there.txt` },
];

before(async () => {
  sandbox = await acquireSandbox();
  dir = mkdtempSync(join(tmpdir(), 'aws-s3api-parity-'));
  env = { ...process.env, ...sandbox.env, AWS_CONFIG_FILE: join(dir, 'no-config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials') };
  writeFileSync(join(dir, 'body.txt'), 'uploaded by the parity test\n');
  const made = await runReal(`aws s3 mb s3://${BUCKET}`, env);
  assert.equal(made.exitCode, 0, made.stderr);
  const seed: Array<[string, string]> = [
    ['a.txt', 'alpha\n'],
    ['b.txt', 'bravo!\n'],
    ['c.txt', 'charlie\n'],
    ['logs/2026-11-01.log', 'x'],
    ['logs/2026-11-02.log', 'yy'],
    ['tiny.txt', ''],
  ];
  for (const [key, body] of seed) {
    writeFileSync(join(dir, 'seed'), body);
    const r = await runReal(`aws s3api put-object --bucket ${BUCKET} --key '${PREFIX}${key}' --body '${join(dir, 'seed')}'`, env);
    assert.equal(r.exitCode, 0, r.stderr);
  }
  writeFileSync(join(dir, 'seed'), '{"ok":true}\n');
  const m = await runReal(`aws s3api put-object --bucket ${BUCKET} --key '${PREFIX}meta.json' --body '${join(dir, 'seed')}' --content-type application/json --metadata owner=sre,purpose=parity`, env);
  assert.equal(m.exitCode, 0, m.stderr);
  const token = await runReal(`aws s3api list-objects-v2 --bucket ${BUCKET} --prefix ${PREFIX} --max-items 2 --query NextToken --output text`, env);
  // Text output pages: the query's answer for the page (None), then the token.
  startToken = token.stdout.trim().split('\n').pop() ?? '';
  env.START_AT = startToken;
});

after(async () => {
  const same = results.filter((r) => r.same).length;
  console.log(`aws s3api parity: ${same} identical of ${results.length} (${results.length ? Math.round((100 * same) / results.length) : 0} %)`);
  for (const r of results.filter((x) => !x.same)) console.log(`  differs: ${r.name}`);
  if (env) await runReal(`aws s3 rb --force s3://${BUCKET} >/dev/null`, env);
  if (dir) rmSync(dir, { recursive: true, force: true });
  await sandbox?.stop();
});

describe('aws s3api parity with the real aws CLI', () => {
  it('has a resume token to start from', () => {
    assert.match(startToken, /^[A-Za-z0-9+/=]{20,}$/);
  });

  for (const c of CASES) {
    it(c.line.replaceAll(BUCKET, '<bucket>'), { todo: c.gap }, async () => {
      const outcome = await compareAws(c, env, dir);
      results.push({ name: c.line, same: outcome.same });
      const { native, real } = normalizePair(outcome, c.normalize);
      assert.deepEqual(native, real);
    });
  }

  it('writes get-object bodies byte for byte', async () => {
    const { native, real } = normalizePair(await compareAws({ line: `aws s3api get-object --bucket ${BUCKET} --key ${PREFIX}meta.json same.json` }, env, dir));
    assert.equal(native.exitCode, 0);
    assert.equal(real.exitCode, 0);
    assert.equal(readFileSync(join(dir, 'same.json'), 'utf8'), '{"ok":true}\n');
  });

  it('meets the parity bar', () => {
    const same = results.filter((r) => r.same).length;
    assert.ok(results.length >= 40, `only ${results.length} cases ran`);
    assert.ok(same / results.length >= 0.95, `${same} of ${results.length} identical`);
  });
});
