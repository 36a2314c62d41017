// S3 and CloudFront misbehaving: 500 InternalError, 503 SlowDown, throttling,
// a connection dropped mid-listing, a request that never gets an answer. The
// faults come from a fault proxy in front of the sandbox's S3 and CloudFront
// servers; only listings and reads go through it, so the servers stay as other
// tests expect them. The real aws meets the same faults through the same proxy.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Session } from '../../src/core/engine';
import { startFaultProxy, s3ErrorXml, type FaultProxy } from '../sandbox/faultProxy';
import { acquireSandbox, type SandboxLease } from '../sandbox/testing';
import { runNative, runReal, type Captured, type NativeRun } from '../support/engine';

let sandbox: SandboxLease;
let s3: FaultProxy;
let cloudfront: FaultProxy;
let env: Record<string, string | undefined>;
let session: Session;

const LISTING = 'aws s3 ls s3://archive-bucket/bench-10/';
/** Two attempts keep the real aws's waits short: between attempts, legacy mode waits a random part of 1, 2, 4, 8 s. */
const TWICE = 'AWS_MAX_ATTEMPTS=2';
const INTERNAL_ERROR = s3ErrorXml('InternalError', 'We encountered an internal error. Please try again.');
const SLOW_DOWN = s3ErrorXml('SlowDown', 'Please reduce your request rate.');

/** A CloudFront error document (its query-style XML). */
function cloudfrontError(type: string, code: string, message: string): string {
  return `<?xml version="1.0"?>\n<ErrorResponse xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>FAULTPROXY</RequestId></ErrorResponse>`;
}

before(async () => {
  // The run's shared sandbox when there is one (read through the proxy only); else S3 and CloudFront of this file's own.
  sandbox = process.env.RUNBOOK_SANDBOX_ENV_FILE ? await acquireSandbox() : await acquireSandbox({ services: ['s3', 'cloudfront'] });
  s3 = await startFaultProxy({ port: Number(new URL(sandbox.env.AWS_ENDPOINT_URL_S3!).port) });
  cloudfront = await startFaultProxy({ port: Number(new URL(sandbox.env.AWS_ENDPOINT_URL_CLOUDFRONT!).port) });
  env = {
    ...process.env,
    ...sandbox.env,
    AWS_ENDPOINT_URL: s3.url,
    AWS_ENDPOINT_URL_S3: s3.url,
    AWS_ENDPOINT_URL_CLOUDFRONT: cloudfront.url,
    AWS_MAX_ATTEMPTS: undefined,
    AWS_RETRY_MODE: undefined,
  };
  session = new Session(process.cwd(), env);
});

after(async () => {
  await session?.dispose();
  await s3?.close();
  await cloudfront?.close();
  await sandbox?.stop();
});

beforeEach(async () => {
  await s3.clear();
  await cloudfront.clear();
});

/** Requests the proxy met with a fault since the last clear. */
const faulted = (proxy: FaultProxy) => proxy.seen.filter((r) => r.fault).length;

/** Continuation tokens differ between two listings of the same bucket. */
const sameRun = (r: Captured) => ({ stdout: r.stdout, stderr: r.stderr.replace(/continuation-token=[^&"]+/g, 'continuation-token=<token>'), exitCode: r.exitCode });

/** The fault set by `arm` met by the real aws, then by ours in the session: the same output and the same number of attempts. */
async function bothMeet(line: string, arm: () => void, proxy = s3) {
  arm();
  const real = await runReal(line, env, 60_000);
  const realAttempts = faulted(proxy);
  await proxy.clear();
  arm();
  const ours = await runNative(line, { env, session, commandTimeoutMs: 60_000 });
  const ourAttempts = faulted(proxy);
  await proxy.clear();
  assert.deepEqual(sameRun(ours), sameRun(real), line);
  assert.equal(ourAttempts, realAttempts, `${line}: attempts`);
  return { ours, real, attempts: ourAttempts };
}

/** The notes on what to do that the cell shows beside the output. */
const notes = (r: NativeRun) => (r.run.commands[0]!.notes ?? []).join('\n');

/** After the fault is cleared, the same session lists again. */
async function recovers() {
  const next = await runNative(LISTING, { env, session });
  assert.equal(next.exitCode, 0, next.stderr);
  assert.equal(next.stdout.trim().split('\n').length, 10);
}

describe('S3 errors: aws retries, then says what aws says', () => {
  it('500 InternalError on aws s3 ls', async () => {
    const { ours, attempts } = await bothMeet(`${TWICE} ${LISTING}`, () => s3.answer(500, { body: INTERNAL_ERROR }));
    assert.equal(ours.stderr, '\nAn error occurred (InternalError) when calling the ListObjectsV2 operation (reached max retries: 1): We encountered an internal error. Please try again.\n');
    assert.equal(ours.exitCode, 255);
    assert.equal(attempts, 2);
    assert.match(notes(ours), /failed on its side \(HTTP 500\); aws tried 2 times\. .*run the cell again/);
    await recovers();
  });

  it('503 SlowDown on aws s3api list-objects-v2 in the standard retry mode (3 attempts without AWS_MAX_ATTEMPTS)', async () => {
    const line = 'AWS_RETRY_MODE=standard aws s3api list-objects-v2 --bucket archive-bucket --prefix bench-10/';
    const { ours, attempts } = await bothMeet(line, () => s3.answer(503, { headers: { 'retry-after': '1' }, body: SLOW_DOWN }));
    assert.match(ours.stderr, /\(SlowDown\) when calling the ListObjectsV2 operation \(reached max retries: 2\): Please reduce your request rate\.\n$/);
    assert.equal(attempts, 3);
    assert.match(notes(ours), /asked for fewer requests \(SlowDown\); aws tried 3 times and gave up\. Wait a minute/);
    await recovers();
  });

  it('a SlowDown that passes is retried away: the listing, exit 0', async () => {
    const { ours } = await bothMeet(`${TWICE} ${LISTING}`, () => s3.answer(503, { body: SLOW_DOWN }, { times: 1 }));
    assert.equal(ours.exitCode, 0);
    assert.equal(ours.stdout.trim().split('\n').length, 10);
  });

  it('without AWS_MAX_ATTEMPTS, aws-cli 1.x legacy mode makes 5 attempts', async () => {
    // Ours only: between attempts the real aws waits a random part of 1, 2, 4 and 8 s (up to 15 s).
    s3.answer(500, { body: INTERNAL_ERROR });
    const ours = await runNative(LISTING, { env, session, commandTimeoutMs: 60_000 });
    assert.equal(faulted(s3), 5);
    assert.match(ours.stderr, /operation \(reached max retries: 4\): We encountered an internal error/);
    await s3.clear();
    await recovers();
  });
});

describe('a connection dropped mid-listing', () => {
  const RECURSIVE = `${TWICE} aws s3 ls s3://archive-bucket/ --recursive`;

  it('dropped on every try of the second page: the first page, then aws’s connection error', async () => {
    const { ours } = await bothMeet(RECURSIVE, () => s3.resetAfter(2000, { path: /continuation-token=/ }));
    assert.equal(ours.stdout.trim().split('\n').length, 1000, 'the first page is printed');
    assert.match(ours.stderr, /^\nConnection was closed before we received a valid response from endpoint URL: "http:\/\/127\.0\.0\.1:\d+\/archive-bucket\?list-type=2&prefix=&continuation-token=[^"]+&encoding-type=url"\.\n$/);
    assert.equal(ours.exitCode, 255);
    assert.match(notes(ours), /dropped before the answer was complete: anything printed above is only part of it/);
    await recovers();
  });

  it('dropped once: retried, the whole listing', async () => {
    const { ours } = await bothMeet(RECURSIVE, () => s3.resetAfter(2000, { path: /continuation-token=/, times: 1 }));
    assert.equal(ours.exitCode, 0);
    assert.ok(ours.stdout.trim().split('\n').length > 1000);
  });

  it('on aws s3api list-objects-v2 (which pages by itself)', async () => {
    const { ours } = await bothMeet(`${TWICE} aws s3api list-objects-v2 --bucket archive-bucket`, () => s3.resetAfter(2000, { path: /continuation-token=/ }));
    assert.equal(ours.stdout, '');
    assert.match(ours.stderr, /^\nConnection was closed before we received a valid response from endpoint URL: ".*&encoding-type=url"\.\n$/);
  });
});

describe('CloudFront errors on get-distribution', () => {
  const GET = `${TWICE} aws cloudfront get-distribution --id E2TIKTOKTOE01`;

  it('400 Throttling: retried, then "Rate exceeded"', async () => {
    const { ours, attempts } = await bothMeet(GET, () => cloudfront.answer(400, { body: cloudfrontError('Sender', 'Throttling', 'Rate exceeded') }), cloudfront);
    assert.equal(ours.stderr, '\nAn error occurred (Throttling) when calling the GetDistribution operation (reached max retries: 1): Rate exceeded\n');
    assert.equal(attempts, 2);
    assert.match(notes(ours), /asked for fewer requests \(Throttling\)/);
  });

  it('500 InternalError and a bare 503', async () => {
    await bothMeet(GET, () => cloudfront.answer(500, { body: cloudfrontError('Receiver', 'InternalError', 'We encountered an internal error. Please try again.') }), cloudfront);
    const { ours } = await bothMeet(GET, () => cloudfront.answer(503), cloudfront);
    assert.equal(ours.stderr, '\nAn error occurred (503) when calling the GetDistribution operation (reached max retries: 1): Service Unavailable\n');
    const next = await runNative(GET, { env, session });
    assert.equal(JSON.parse(next.stdout).Distribution.Id, 'E2TIKTOKTOE01');
  });
});

describe('a request that gets no answer', () => {
  it('the command timeout ends it', async () => {
    s3.delay(600_000);
    const run = await runNative(LISTING, { env, session, commandTimeoutMs: 1500 });
    assert.equal(run.exitCode, 124);
    assert.equal(run.stderr, `runbook: timed out after 1.5 s: ${LISTING}\n`);
    assert.equal(run.run.commands[0]!.status, 'failed');
    assert.ok(s3.seen.every((r) => !r.forwarded), 'the held request never reached the server');
    await s3.clear();
    await recovers();
  });

  it('Stop ends it while it is held', async () => {
    s3.delay(600_000);
    const stop = new AbortController();
    void s3.nextRequest().then(() => stop.abort());
    const run = await runNative(LISTING, { env, session, signal: stop.signal, commandTimeoutMs: 60_000 });
    assert.equal(run.run.commands[0]!.status, 'cancelled');
    assert.equal(run.exitCode, 130);
    assert.equal(run.stdout, '');
    await s3.clear();
    await recovers();
  });
});
