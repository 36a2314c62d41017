// Failures of `aws s3` as aws-cli reports them (same text and exit code as
// the real aws on the same sandbox), and the notebook session still works
// after each one.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Session } from '../../../../src/core/engine';
import { acquireSandbox, type SandboxLease } from '../../../sandbox/testing';
import { runNative, runReal } from '../../../support/engine';

let sandbox: SandboxLease;
let env: Record<string, string | undefined>;
let session: Session;

before(async () => {
  sandbox = await acquireSandbox({ services: ['s3'] });
  env = { ...process.env, ...sandbox.env };
  session = new Session(process.cwd(), env);
});

after(async () => {
  await session?.dispose();
  await sandbox?.stop();
});

const FAILURES = [
  'aws s3 ls s3://no-such-bucket-failures/',
  'aws s3 ls --endpoint-url http://127.0.0.1:1 s3://archive-bucket/',
  'aws --endpoint-url http://127.0.0.1:1 s3 ls',
  'aws s3 cp s3://no-such-bucket-failures/x.txt -',
  'aws s3 ls --profile no-such-profile-here s3://archive-bucket/',
];

describe('aws s3 failures', () => {
  for (const line of FAILURES) {
    it(`${line}: aws-cli's message and exit code, then the session goes on`, async () => {
      const real = await runReal(line, env, 60_000);
      const native = await runNative(line, { env, session });
      assert.notEqual(native.exitCode, 0);
      assert.deepEqual({ stdout: native.stdout, stderr: native.stderr, exitCode: native.exitCode }, real);
      const next = await runNative('aws s3 ls s3://archive-bucket/bench-10/', { env, session });
      assert.equal(next.exitCode, 0, next.stderr);
      assert.equal(next.stdout.trim().split('\n').length, 10);
    });
  }

  it('a command for another service is not run, and says so', async () => {
    const r = await runNative('aws sts get-caller-identity', { env, session });
    assert.equal(r.exitCode, 127);
    assert.match(r.stderr, /aws sts is not available natively/);
  });

  it('streams the listing and records it for the notebook', async () => {
    const r = await runNative('aws s3 ls s3://archive-bucket/bench-1000/ --summarize', { env, session });
    assert.equal(r.exitCode, 0);
    const data = r.run.commands.flatMap((c) => c.data ?? []);
    const listing = data.find((d) => d.kind === 's3-listing');
    assert.ok(listing);
    assert.equal(listing.totalObjects, 1000);
    assert.equal((listing.objects as unknown[]).length, 1000);
    assert.match(r.stdout, /Total Objects: 1000\n/);
  });
});
