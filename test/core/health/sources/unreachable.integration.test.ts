// Health sources when something is down or wrong: Redis stopped (and a closed
// port) is unreachable with what to check, keeping its last snapshot, while
// PostgreSQL, S3 and HTTP keep reading; a host that does not resolve; a
// bucket that does not exist; and what the S3 and HTTP sources read when all
// is well (one ListObjectsV2 page, status and time_total, through
// RUNBOOK_HOSTS and CURL_CA_BUNDLE as curl cells go).

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startHttpSource, startPostgresSource, startRedisSource, startS3Source, type HealthSource } from '../../../../src/core/health/sources';
import { selfSignedCertificate } from '../../../sandbox/kube/tls';
import { acquireSandbox, type SandboxLease } from '../../../sandbox/testing';
import { closedPort } from '../../../support/closedPort';

const HOUR = 3_600_000;

describe('health sources when something is down', () => {
  let shared: SandboxLease;
  let env: Record<string, string | undefined>;
  const sources: HealthSource<unknown>[] = [];
  const start = <T>(source: HealthSource<T>): HealthSource<T> => {
    sources.push(source as HealthSource<unknown>);
    return source;
  };
  before(async () => {
    shared = await acquireSandbox();
    env = { ...process.env, ...shared.env };
  });
  after(async () => {
    await Promise.all(sources.map((s) => s.stop()));
    await shared?.stop();
  });

  it('Redis stopped: unreachable with a hint and its last snapshot, while the other sources read on', async () => {
    const own = await acquireSandbox({ services: ['redis'] });
    let stopped = false;
    try {
      const redis = start(startRedisSource({ env: { ...env, REDIS_URL: own.env.REDIS_URL }, intervalMs: HOUR }));
      const before = await redis.refresh();
      assert.deepEqual(before.state, { status: 'ok' });
      await own.stop();
      stopped = true;
      const down = await redis.refresh();
      assert.equal(down.state.status, 'unreachable');
      const { port } = new URL(own.env.REDIS_URL);
      if (down.state.status === 'unreachable') {
        assert.match(down.state.error, new RegExp(`^Could not connect to Redis at 127\\.0\\.0\\.1:${port}: `));
        assert.match(down.state.hint, new RegExp(`Redis is running at 127\\.0\\.0\\.1:${port}.*REDIS_URL`));
      }
      assert.deepEqual(down.snapshot, before.snapshot, 'the last snapshot stays, to show as stale');
      assert.equal(down.lastUpdate, before.lastUpdate);
      assert.ok(down.checkedAt >= before.checkedAt);

      const others = [
        start(startPostgresSource({ env, intervalMs: HOUR })),
        start(startS3Source({ env, bucket: env.S3_ARCHIVE_BUCKET!, intervalMs: HOUR })),
        start(startHttpSource({ env, url: 'https://api.tiktok-toe.com/health', intervalMs: HOUR })),
      ];
      for (const source of others) assert.deepEqual((await source.refresh()).state, { status: 'ok' });
    } finally {
      if (!stopped) await own.stop();
    }
  });

  it('Redis on a closed port: unreachable, Connection refused', async () => {
    const port = await closedPort();
    const reading = await start(startRedisSource({ env: { ...env, REDIS_URL: `redis://127.0.0.1:${port}` }, intervalMs: HOUR })).refresh();
    assert.deepEqual(reading.state, {
      status: 'unreachable',
      error: `Could not connect to Redis at 127.0.0.1:${port}: Connection refused`,
      hint: `Check that Redis is running at 127.0.0.1:${port} and that REDIS_URL and RUNBOOK_HOSTS point at it.`,
    });
    assert.equal(reading.snapshot, undefined);
    assert.equal(reading.lastUpdate, undefined);
    const unset = await start(startRedisSource({ env: { ...env, REDIS_URL: undefined }, intervalMs: HOUR })).refresh();
    assert.equal(unset.state.status === 'unreachable' && unset.state.error, 'REDIS_URL is not set');
  });

  it('PostgreSQL on a closed port, or a service that is not defined: libpq\'s words and what to check', async () => {
    const port = await closedPort();
    const reading = await start(startPostgresSource({ env: { ...env, PGPORT: String(port) }, intervalMs: HOUR })).refresh();
    assert.equal(reading.state.status, 'unreachable');
    if (reading.state.status === 'unreachable') {
      assert.match(reading.state.error, new RegExp(`^connection to server at "127\\.0\\.0\\.1", port ${port} failed: Connection refused\\n`));
      assert.match(reading.state.hint, new RegExp(`PostgreSQL is running at 127\\.0\\.0\\.1:${port}`));
    }
    const noService = await start(startPostgresSource({ env: { ...env, PGSERVICE: 'nosuch', PGSERVICEFILE: '/nonexistent/pg_service.conf' }, intervalMs: HOUR })).refresh();
    assert.deepEqual(noService.state, {
      status: 'unreachable',
      error: 'definition of service "nosuch" not found',
      hint: 'Check the connection settings: PGSERVICE and pg_service.conf, PGPORT, PGSSLMODE, or the connection string.',
    });
  });

  it('HTTP: status and time_total through RUNBOOK_HOSTS and CURL_CA_BUNDLE; a host that does not resolve; a closed port', async () => {
    const url = 'https://api.tiktok-toe.com/health';
    const ok = await start(startHttpSource({ env, url, intervalMs: HOUR })).refresh();
    assert.deepEqual(ok.state, { status: 'ok' });
    const { data, measurements } = ok.snapshot!;
    assert.equal(data.status, 200);
    assert.ok(data.timeTotalSeconds > 0 && data.timeConnectSeconds > 0 && data.timeConnectSeconds <= data.timeTotalSeconds);
    assert.deepEqual(measurements.map((m) => [m.component, m.metric, m.unit, m.subject]), [['http', 'response_time', 's', url]]);

    // The bundle replaces the trusted CAs, as with curl: another CA did not sign the sandbox's certificate.
    const dir = mkdtempSync(join(tmpdir(), 'health-http-'));
    const otherCa = join(dir, 'other-ca.crt');
    writeFileSync(otherCa, selfSignedCertificate('other-ca.example').cert);
    const wrongCa = await start(startHttpSource({ env: { ...env, CURL_CA_BUNDLE: otherCa }, url, intervalMs: HOUR })).refresh();
    rmSync(dir, { recursive: true, force: true });
    assert.equal(wrongCa.state.status === 'unreachable' && wrongCa.state.hint, "Set CURL_CA_BUNDLE to the CA that signed the server's certificate.");

    const nowhere = await start(startHttpSource({ env, url: 'https://nothing-here.invalid/health', intervalMs: HOUR })).refresh();
    assert.equal(nowhere.state.status === 'unreachable' && nowhere.state.error, 'Could not resolve host: nothing-here.invalid');

    const port = await closedPort();
    const refused = await start(startHttpSource({ env, url: `http://127.0.0.1:${port}/health`, intervalMs: HOUR })).refresh();
    assert.equal(refused.state.status === 'unreachable' && refused.state.error, `Failed to connect to 127.0.0.1:${port}: Couldn't connect to server`);
  });

  it('S3: one ListObjectsV2 page, truncated when the bucket holds more; a missing bucket is unreachable with a hint', async () => {
    const archive = await start(startS3Source({ env, bucket: 'archive-bucket', intervalMs: HOUR })).refresh();
    assert.deepEqual(archive.state, { status: 'ok' });
    assert.deepEqual([archive.snapshot!.objects, archive.snapshot!.truncated], [1000, true], 'the sandbox bucket holds 1,047 objects');
    assert.ok(archive.snapshot!.bytes > 0);

    const backups = await start(startS3Source({ env, bucket: 'tiktoktoe-backups', intervalMs: HOUR })).refresh();
    assert.deepEqual([backups.snapshot!.objects, backups.snapshot!.truncated], [3, false]);

    const missing = await start(startS3Source({ env, bucket: 'no-such-bucket-here', intervalMs: HOUR })).refresh();
    assert.equal(missing.state.status, 'unreachable');
    if (missing.state.status === 'unreachable') {
      assert.match(missing.state.error, /^NoSuchBucket \(HTTP 404\): /);
      assert.match(missing.state.hint, /^No bucket no-such-bucket-here at http:\/\/127\.0\.0\.1:\d+: check the bucket/);
    }
  });
});
