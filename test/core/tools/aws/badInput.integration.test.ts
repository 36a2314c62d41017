// Bad aws input through our engine and through the real aws on PATH, against
// the same S3 server and CloudFront mock: wrong subcommands, unknown options,
// bad option values and missing arguments print the same stdout and stderr
// with the same exit code. Only commands that fail or read: the shared
// sandbox is not changed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { acquireSandbox, type SandboxLease } from '../../../sandbox/testing';
import { runNative, runReal } from '../../../support/engine';

const probe = spawnSync('aws', ['--version'], { encoding: 'utf8', timeout: 30_000 });
const skip = probe.error ? `the real aws is not on PATH (${probe.error.message}); nothing to compare with` : false;

let sandbox: SandboxLease | undefined;
let env: Record<string, string | undefined>;

interface Case {
  line: string;
  /** A known difference: still run, reported as a todo instead of failing. */
  gap?: string;
}

const CASES: Case[] = [
  // Wrong services, subcommands and operations (more in misspelt.integration.test.ts).
  { line: 'aws s3 lss' },
  { line: 'aws s3 list' },
  { line: 'aws s3api list-bucket' },
  { line: 'aws cloudfront list-distribution' },
  { line: 'aws s33 ls' },
  // Unknown options.
  { line: 'aws s3 ls --bogus' },
  { line: 'aws s3api list-buckets --bogus 1' },
  { line: 'aws cloudfront list-distributions --nosuch' },
  { line: 'aws --bogus s3 ls' },
  { line: 'aws --bogus=1 s3api list-buckets' },
  { line: 'aws s3 ls s3://nosuch-bucket-x --page-size 1.5' },
  { line: 'aws s3 ls --page-size x' },
  // Bad option values.
  { line: 'aws s3 ls --output tabel' },
  { line: 'aws s3api list-objects-v2 --bucket nosuch-bucket-x --max-items x' },
  { line: 'aws s3api list-objects-v2 --bucket nosuch-bucket-x --encoding-type nosuch' },
  { line: 'aws s3 ls s3://nosuch-bucket-x --page-size x' },
  { line: 'aws s3 ls not-an-s3-path' },
  // Missing arguments and values.
  { line: 'aws' },
  { line: 'aws s3' },
  { line: 'aws s3api' },
  { line: 'aws s3api list-objects-v2' },
  { line: 'aws s3api head-object --bucket nosuch-bucket-x' },
  { line: 'aws s3api get-object --bucket nosuch-bucket-x --key k' },
  { line: 'aws s3 ls --region' },
  { line: 'aws cloudfront get-distribution' },
  { line: 'aws cloudfront get-distribution --id' },
];

before(async () => {
  if (skip) return;
  sandbox = await acquireSandbox();
  env = { ...process.env, ...sandbox.env };
});

after(async () => {
  await sandbox?.stop();
});

describe('bad aws input', { skip }, () => {
  for (const c of CASES) {
    it(`${c.line}: aws-cli's own error and exit code`, { todo: c.gap }, async () => {
      const real = await runReal(c.line, env, 60_000);
      const ours = await runNative(c.line, { env });
      assert.notEqual(real.exitCode, 0, `the real aws accepted ${c.line}`);
      assert.deepEqual({ stdout: ours.stdout, stderr: ours.stderr, exitCode: ours.exitCode }, real);
    });
  }
});
