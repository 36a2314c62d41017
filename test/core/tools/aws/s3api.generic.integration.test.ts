// `aws s3api` operations without a definition of their own run from the SDK's
// request schema (flags named as aws-cli names them). Compared with the real
// aws CLI on the sandbox's S3, in a bucket of this run's own, deleted after.
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { after, before, describe, it } from 'node:test';
import { cliName } from '../../../../src/core/tools/aws/api/genericS3api';
import { awsTool } from '../../../../src/core/tools/aws';
import { acquireSandbox, type SandboxLease } from '../../../sandbox/testing';
import { compareAws, normalizePair, type ParityCase } from '../../../support/awsApi';
import { runReal } from '../../../support/engine';

const BUCKET = `generic-s3api-${process.pid}-${Date.now().toString(36)}`;
const KEY = 'tagged.txt';

const CASES: ParityCase[] = [
  { line: `aws s3api head-bucket --bucket ${BUCKET}` },
  { line: `aws s3api get-bucket-acl --bucket ${BUCKET}` },
  { line: `aws s3api get-bucket-acl --bucket ${BUCKET} --output text` },
  { line: `aws s3api get-bucket-acl --bucket ${BUCKET} --query 'Owner.DisplayName' --output text` },
  { line: `aws s3api get-bucket-policy --bucket ${BUCKET}` },
  { line: `aws s3api get-public-access-block --bucket ${BUCKET}` },
  { line: `aws s3api get-bucket-cors --bucket ${BUCKET}` },
  { line: `aws s3api put-object-tagging --bucket ${BUCKET} --key ${KEY} --tagging '{"TagSet": [{"Key": "team", "Value": "sre"}]}'` },
  { line: `aws s3api get-object-tagging --bucket ${BUCKET} --key ${KEY}` },
  { line: `aws s3api get-object-tagging --bucket ${BUCKET} --key ${KEY} --output table` },
  { line: `aws s3api get-object-tagging --bucket ${BUCKET} --key nosuch.txt` },
  { line: `aws s3api get-object-tagging --bucket ${BUCKET}` },
  { line: `aws s3api copy-object --bucket ${BUCKET} --key copy.txt --copy-source ${BUCKET}/${KEY} --query 'CopyObjectResult.ETag'` },
  { line: `aws s3api put-bucket-versioning --bucket ${BUCKET} --versioning-configuration Status=Suspended` },
];

describe('aws s3api operations from the SDK schema', () => {
  let sandbox: SandboxLease;
  let env: Record<string, string | undefined>;
  const results: boolean[] = [];

  before(async () => {
    sandbox = await acquireSandbox();
    env = { ...process.env, ...sandbox.env };
    const made = await runReal(`aws s3 mb s3://${BUCKET} && echo hi | aws s3 cp - s3://${BUCKET}/${KEY}`, env);
    assert.equal(made.exitCode, 0, made.stderr);
  });
  after(async () => {
    if (env) await runReal(`aws s3 rb --force s3://${BUCKET}`, env);
    await sandbox?.stop();
  });

  it('names flags and operations as aws-cli does', () => {
    assert.equal(cliName('PublicAccessBlockConfiguration'), 'public-access-block-configuration');
    assert.equal(cliName('ContentMD5'), 'content-md5');
    assert.equal(cliName('SSECustomerKey'), 'sse-customer-key');
    assert.equal(cliName('GetBucketAcl'), 'get-bucket-acl');
    assert.equal(cliName('PutBucketOwnershipControls'), 'put-bucket-ownership-controls');
  });

  it('plans reads as reads and everything else as a state change; operations without an SDK call need a terminal', () => {
    assert.equal(awsTool.parse(['aws', 's3api', 'get-bucket-policy', '--bucket', 'b'], {}).plan.mutates, false);
    const put = awsTool.parse(['aws', 's3api', 'put-public-access-block', '--bucket', 'b'], {}).plan;
    assert.equal(put.native, true);
    assert.equal(put.mutates, true);
    assert.match(put.action ?? '', /put-public-access-block b/);
    // aws-cli has it, the SDK does not.
    const legacy = awsTool.parse(['aws', 's3api', 'get-bucket-lifecycle', '--bucket', 'b'], {}).plan;
    assert.equal(legacy.native, false);
    assert.equal(legacy.terminal, true);
    // aws-cli has no such operation: its usage error, natively (test/core/tools/aws/misspelt.integration.test.ts).
    const unknown = awsTool.parse(['aws', 's3api', 'no-such-operation'], {}).plan;
    assert.deepEqual([unknown.native, unknown.mutates], [true, false]);
  });

  for (const c of CASES) {
    it(c.line, async () => {
      const outcome = await compareAws(c, env, tmpdir());
      results.push(outcome.same);
      const pair = normalizePair(outcome);
      assert.deepEqual(pair.native, pair.real);
    });
  }

  it('is identical to the aws CLI on every case', () => {
    console.log(`generic s3api parity: ${results.filter(Boolean).length}/${CASES.length} identical`);
    assert.equal(results.filter(Boolean).length, CASES.length);
  });
});
