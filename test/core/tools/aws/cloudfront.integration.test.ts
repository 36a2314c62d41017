// `aws cloudfront` through our engine against a CloudFront endpoint of this
// file's own, compared byte for byte with the real aws CLI (1.x): stdout,
// stderr and exit code. The endpoint's clock stands still, so between the real
// CLI's run and ours nothing changes but what the two runs do themselves:
// invalidations stay InProgress until the test moves the clock, and then read
// Completed. Updates only ever fail (a placeholder id, a missing or stale ETag,
// a foreign CallerReference), so the distribution is left as it was;
// invalidations use a CallerReference of this run's own.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../../sandbox/clock';
import { DEPLOY_MS } from '../../../sandbox/cloudfront';
import { acquireSandbox, type SandboxLease } from '../../../sandbox/testing';
import { compareAws, normalizePair, type ParityCase } from '../../../support/awsApi';
import { runReal } from '../../../support/engine';

const results: { name: string; same: boolean }[] = [];
const REF = `parity-${process.pid}-${Date.now().toString(36)}`;
const clock = new ManualClock();

let sandbox: SandboxLease;
let env: Record<string, string | undefined>;
let dir: string;
let invalidationId = '';

/** A new invalidation per run: its id and the CLI's generated CallerReference differ by nature. */
const fresh = (t: string) => t.replace(/\bI[A-Z0-9]{13}\b/g, '<id>').replace(/cli-\d+-\d+/g, 'cli-<time>-<n>');

const cf = 'aws cloudfront';
const id = '"$CLOUDFRONT_DISTRIBUTION_ID"';
const CASES: ParityCase[] = [
  { line: `${cf} get-distribution --id ${id}` },
  { line: `${cf} get-distribution --id ${id} --output text` },
  { line: `${cf} get-distribution --id ${id} --output table` },
  { line: `${cf} get-distribution --id ${id} --query 'Distribution.{Id:Id,Status:Status,Domain:DomainName}' --output table` },
  { line: `${cf} get-distribution --id ${id} --query 'Distribution.DistributionConfig.Origins.Items[].DomainName' --output text` },
  { line: `${cf} get-distribution-config --id ${id}` },
  { line: `${cf} get-distribution-config --id ${id} --query ETag --output text` },
  { line: `${cf} get-distribution-config --id ${id} --output text` },
  { line: `${cf} get-distribution-config --id ${id} --output table` },
  { line: `${cf} list-distributions` },
  { line: `${cf} list-distributions --output text` },
  { line: `${cf} list-distributions --output table` },
  { line: `${cf} list-distributions --query 'DistributionList.Items[].[Id,DomainName,Comment]' --output text` },
  { line: `${cf} list-distributions --query 'DistributionList.Items[].[Id,DomainName,Comment]' --output table` },
  { line: `${cf} list-distributions --max-items 1`  },
  { line: `${cf} get-distribution --id DISTID` },
  { line: `${cf} get-distribution --id DISTID --output table` },
  { line: `${cf} get-distribution` },
  { line: `${cf} get-distribution --id ${id} --query 'Distribution.[Id'` },
  // The runbook's own two lines.
  { line: `${cf} update-distribution --id DISTID --distribution-config file://cdn-config.json` },
  { line: `${cf} create-invalidation --distribution-id DISTID --paths "/*"` },
  { line: `${cf} update-distribution --id ${id} --distribution-config file://cdn-config.json` },
  { line: `${cf} update-distribution --id ${id} --distribution-config file://cdn-config.json --if-match ESTALEETAG0000` },
  { line: `${cf} update-distribution --id ${id} --distribution-config file://cdn-config.json --if-match "$CURRENT_ETAG"` },
  { line: `${cf} update-distribution --id ${id} --distribution-config file://missing.json --if-match X` },
  // botocore's own validation, before any request.
  { line: `${cf} update-distribution --id ${id} --distribution-config file://partial.json --if-match X` },
  { line: `${cf} create-invalidation --distribution-id ${id} --invalidation-batch '{"Paths":{"Quantity":1}}'` },
  { line: `${cf} create-invalidation --distribution-id ${id}` },
  { line: `${cf} create-invalidation --distribution-id ${id} --paths /a --invalidation-batch file://batch.json` },
  { line: `${cf} create-invalidation --distribution-id ${id} --invalidation-batch file://batch.json` },
  { line: `${cf} create-invalidation --distribution-id ${id} --paths /index.html "/img/*"`, normalize: fresh },
  { line: `${cf} create-invalidation --distribution-id ${id} --paths "/*" --output text`, normalize: fresh },
  { line: `${cf} create-invalidation --distribution-id ${id} --invalidation-batch file://batch.json --output text` },
  { line: `${cf} create-invalidation --distribution-id ${id} --invalidation-batch file://batch.json --output table` },
  { line: `${cf} create-invalidation --distribution-id ${id} --invalidation-batch file://batch.json --query Invalidation.InvalidationBatch.Paths.Items --output text` },
  { line: `${cf} get-invalidation --distribution-id ${id} --id "$INVALIDATION_ID"` },
  { line: `${cf} get-invalidation --distribution-id ${id} --id "$INVALIDATION_ID" --output text` },
  { line: `${cf} get-invalidation --distribution-id ${id} --id INOSUCHINVALIDATION` },
  { line: `${cf} list-invalidations --distribution-id ${id} --query "InvalidationList.Items[?Id=='$INVALIDATION_ID'].Id" --output text` },
  { line: `${cf} list-invalidations --distribution-id ${id}` },
  { line: `${cf} list-invalidations --distribution-id ${id} --output text` },
];

/** Read again once the clock has moved past the invalidations' completion. */
const COMPLETED: ParityCase[] = [
  { line: `${cf} get-distribution --id ${id}` },
  { line: `${cf} get-distribution --id ${id} --output text` },
  { line: `${cf} get-distribution --id ${id} --output table` },
  { line: `${cf} get-invalidation --distribution-id ${id} --id "$INVALIDATION_ID" --output text` },
  { line: `${cf} list-invalidations --distribution-id ${id} --output table` },
];

before(async () => {
  sandbox = await acquireSandbox({ services: ['cloudfront'], clock: clock.now });
  dir = mkdtempSync(join(tmpdir(), 'aws-cloudfront-parity-'));
  env = { ...process.env, ...sandbox.env, AWS_CONFIG_FILE: join(dir, 'no-config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials') };
  writeFileSync(join(dir, 'cdn-config.json'), JSON.stringify({
    CallerReference: 'tiktok-toe-cdn',
    Comment: 'TikTokToe web tier',
    Enabled: true,
    Origins: { Quantity: 1, Items: [{ Id: 'tiktok-toe-lb', DomainName: 'lb.tiktok-toe.com', CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: 'https-only' } }] },
    DefaultCacheBehavior: { TargetOriginId: 'tiktok-toe-lb', ViewerProtocolPolicy: 'redirect-to-https', CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6' },
  }, null, 2));
  writeFileSync(join(dir, 'partial.json'), '{"CallerReference":"x","Enabled":"yes","Foo":1,"Origins":{"Quantity":"1","Items":[{"DomainName":"d"}]}}');
  writeFileSync(join(dir, 'batch.json'), JSON.stringify({ Paths: { Quantity: 2, Items: ['/index.html', '/static/*'] }, CallerReference: REF }));
  const created = await runReal(`cd '${dir}' && aws cloudfront create-invalidation --distribution-id "$CLOUDFRONT_DISTRIBUTION_ID" --invalidation-batch file://batch.json --query Invalidation.Id --output text`, env);
  assert.equal(created.exitCode, 0, created.stderr);
  invalidationId = created.stdout.trim();
  env.INVALIDATION_ID = invalidationId;
  // Cells have no command substitution: the config's ETag is read here (no test changes it).
  const etag = await runReal('aws cloudfront get-distribution-config --id "$CLOUDFRONT_DISTRIBUTION_ID" --query ETag --output text', env);
  env.CURRENT_ETAG = etag.stdout.trim();
});

after(async () => {
  const same = results.filter((r) => r.same).length;
  console.log(`aws cloudfront parity: ${same} identical of ${results.length} (${results.length ? Math.round((100 * same) / results.length) : 0} %)`);
  for (const r of results.filter((x) => !x.same)) console.log(`  differs: ${r.name}`);
  if (dir) rmSync(dir, { recursive: true, force: true });
  await sandbox?.stop();
});

describe('aws cloudfront parity with the real aws CLI', () => {
  it('created an invalidation to read back', () => {
    assert.match(invalidationId, /^I[A-Z0-9]+$/);
  });

  const compare = (c: ParityCase) => async () => {
    const outcome = await compareAws(c, env, dir);
    results.push({ name: c.line, same: outcome.same });
    const { native, real } = normalizePair(outcome, c.normalize);
    assert.deepEqual(native, real);
  };

  it('reads the invalidation in progress', async () => {
    const got = await runReal('aws cloudfront get-invalidation --distribution-id "$CLOUDFRONT_DISTRIBUTION_ID" --id "$INVALIDATION_ID" --query Invalidation.Status --output text', env);
    assert.equal(got.stdout, 'InProgress\n');
  });

  for (const c of CASES) it(c.line, compare(c));

  describe('once the invalidations have completed', () => {
    before(() => clock.advance(DEPLOY_MS));

    it('reads them completed and none in progress', async () => {
      const got = await runReal('aws cloudfront get-distribution --id "$CLOUDFRONT_DISTRIBUTION_ID" --query "[Distribution.InProgressInvalidationBatches, Distribution.Status]" --output text', env);
      assert.equal(got.stdout, '0\tDeployed\n');
    });

    for (const c of COMPLETED) it(`${c.line} (completed)`, compare(c));
  });

  it("explains the runbook's placeholder id and the missing --if-match", async () => {
    const update = await compareAws({ line: `${cf} update-distribution --id DISTID --distribution-config file://cdn-config.json` }, env, dir);
    assert.equal(update.native.exitCode, 255);
    assert.match(update.native.stderr, /NoSuchDistribution/);
    const notes = update.native.notes.join('\n');
    assert.match(notes, /`DISTID` is not a CloudFront distribution id/);
    assert.match(notes, /\$CLOUDFRONT_DISTRIBUTION_ID \(E2TIKTOKTOE01\)/);
    assert.match(notes, /list-distributions/);
    assert.match(notes, /--if-match/);
    assert.match(notes, /get-distribution-config/);
    const error = update.native.data.find((d) => d.kind === 'cloudfront-error');
    assert.deepEqual(error, { kind: 'cloudfront-error', operation: 'update-distribution', code: 'NoSuchDistribution', distributionId: 'DISTID', placeholderId: true, ifMatchGiven: false });

    const invalidate = await compareAws({ line: `${cf} create-invalidation --distribution-id DISTID --paths "/*"` }, env, dir);
    assert.equal(invalidate.native.exitCode, 255);
    assert.match(invalidate.native.notes.join('\n'), /`DISTID` is not a CloudFront distribution id/);
    assert.doesNotMatch(invalidate.native.notes.join('\n'), /--if-match/);
  });

  it('explains a stale ETag and a config from another distribution', async () => {
    const stale = await compareAws({ line: `${cf} update-distribution --id ${id} --distribution-config file://cdn-config.json --if-match ESTALEETAG0000` }, env, dir);
    assert.match(stale.native.stderr, /PreconditionFailed/);
    assert.match(stale.native.notes.join('\n'), /not the config's current one/);
    const foreign = await compareAws({ line: `${cf} update-distribution --id ${id} --distribution-config file://cdn-config.json --if-match "$CURRENT_ETAG"` }, env, dir);
    assert.match(foreign.native.stderr, /IllegalUpdate/);
    assert.match(foreign.native.notes.join('\n'), /CallerReference differs/);
  });

  it('emits the distribution and the invalidation as data', async () => {
    const dist = await compareAws({ line: `${cf} get-distribution --id ${id}` }, env, dir);
    const d = dist.native.data.find((x) => x.kind === 'cloudfront-distribution');
    assert.equal(d?.id, 'E2TIKTOKTOE01');
    assert.match(String(d?.etag), /^E[A-Z0-9]+$/);
    const inv = await compareAws({ line: `${cf} get-invalidation --distribution-id ${id} --id "$INVALIDATION_ID"` }, env, dir);
    const i = inv.native.data.find((x) => x.kind === 'cloudfront-invalidation');
    assert.equal(i?.id, invalidationId);
    assert.deepEqual(i?.paths, ['/index.html', '/static/*']);
  });

  it('meets the parity bar', () => {
    const same = results.filter((r) => r.same).length;
    assert.ok(results.length >= 30, `only ${results.length} cases ran`);
    assert.ok(same / results.length >= 0.95, `${same} of ${results.length} identical`);
  });
});
