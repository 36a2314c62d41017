// A misspelt aws service, s3 subcommand or s3api/cloudfront operation,
// through our engine and through the real aws on PATH: the same usage error
// (argparse's list of valid choices and aws-cli's "maybe you meant"), on the
// same streams, with the same exit code. A real service or operation that we
// do not run natively still goes to a terminal.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { planCell } from '../../../../src/core/engine';
import { AWS_CLI_VERSION } from '../../../../src/core/tools/aws/choices';
import { createRegistry } from '../../../../src/core/tools';
import { runNative, runReal } from '../../../support/engine';

const probe = spawnSync('aws', ['--version'], { encoding: 'utf8', timeout: 30_000 });
const skip = probe.error ? `the real aws is not on PATH (${probe.error.message}); nothing to compare with` : false;
const realVersion = `${probe.stdout ?? ''}${probe.stderr ?? ''}`.trim();
const env = { ...process.env, AWS_DEFAULT_REGION: 'us-east-1' };

const MISSPELT = [
  'aws s4 ls',
  'aws S3 ls',
  'aws cloudfromt list-distributions',
  `aws "it's" ls`,
  'aws s3 lss',
  'aws s3 l s3://bucket/',
  'aws s3 lss --bogus',
  'aws s3api list-objetcs-v2 --bucket archive-bucket',
  'aws s3api list-objects-v2x --bucket archive-bucket',
  'aws s3api get-objec --bucket b --key k out',
  'aws --region eu-west-1 s3api head-objetc --bucket b --key k',
  'aws cloudfront get-distribtion --id E1',
  'aws cloudfront get-distribution-confi --id E1',
  'aws cloudfront create-invalidaton --distribution-id E1 --paths "/*"',
  'aws s3 ls --output tabel',
  'aws --output=yml s3 ls',
];

describe('misspelt aws commands', { skip }, () => {
  for (const line of MISSPELT) {
    it(`${line}: aws-cli's own usage error and exit code`, async () => {
      const real = await runReal(line, env, 60_000);
      const ours = await runNative(line, { env });
      assert.notEqual(real.exitCode, 0, `the real aws accepted ${line}`);
      assert.deepEqual(
        { stdout: ours.stdout, stderr: ours.stderr, exitCode: ours.exitCode },
        real,
        `our names are aws-cli ${AWS_CLI_VERSION}'s; the aws on PATH is ${realVersion}`,
      );
      assert.equal(ours.run.commands[0].status, 'failed');
    });
  }

  it('runbook plan counts a misspelt command as native, and a real one we do not run as not', async () => {
    const cell = ['aws s4 ls', 'aws s3 lss', 'aws s3api list-objetcs-v2 --bucket b', 'aws ec2 describe-instances', 'aws s3api get-bucket-lifecycle --bucket b', 'aws s3 website s3://b/'].join('\n');
    assert.deepEqual(
      (await planCell(cell, 'shellscript', createRegistry(), env)).map((r) => [r.command, r.native, r.terminal]),
      [
        ['aws s4 ls', true, false],
        ['aws s3 lss', true, false],
        ['aws s3api list-objetcs-v2 --bucket b', true, false],
        ['aws ec2 describe-instances', false, true],
        ['aws s3api get-bucket-lifecycle --bucket b', false, true],
        ['aws s3 website s3://b/', false, true],
      ],
    );
  });
});
