// The health sources and `runbook check` on the same sandbox measure the same
// values for the sample runbook's Database and Cache thresholds: connections
// (every row of pg_stat_activity), storage (the database's size over its
// PVC), cache memory and hit rate. Also what the sources add beside them:
// replication, clients, the cluster's state and slots.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkRunbook, type CheckReport } from '../../../../src/cli/check';
import { startPostgresSource, startRedisClusterSource, startRedisSource, type HealthSource, type SourceReading } from '../../../../src/core/health/sources';
import type { Measurement } from '../../../../src/core/thresholds';
import { quantityBytes } from '../../../../src/core/thresholds/measure/sample';
import { runNative } from '../../../support/engine';
import { PROJECT_ROOT } from '../../../support/shared';
import { SCENARIOS } from '../../../sandbox/index';
import { acquireSandbox, type SandboxLease } from '../../../sandbox/testing';

const FILE = join(PROJECT_ROOT, 'notebooks', 'scaling-playbook.runbook.md');
// The sample runbook, with the step that reads the database size (the storage threshold needs it).
const TEXT = `${readFileSync(FILE, 'utf8')}\n\`\`\`sql\nSELECT pg_database_size(current_database());\n\`\`\`\n`;
const HOUR = 3_600_000;

const checked = (report: CheckReport, group: string, metric: string): Measurement => {
  const verdict = report.verdicts.find((v) => v.group === group && v.metric === metric);
  assert.ok(verdict?.measurement, `check measured ${group}/${metric}`);
  return verdict.measurement;
};

const ours = (reading: SourceReading<{ measurements: Measurement[] }>, metric: string, unit = '%'): Measurement => {
  const found = reading.snapshot?.measurements.find((m) => m.metric === metric && m.unit === unit);
  assert.ok(found, `the source measured ${metric} (${unit}): ${JSON.stringify(reading)}`);
  return found;
};

// The run's sandbox (normal, unless SANDBOX_SCENARIO says otherwise), and one of our own in the critical scenario.
for (const scenario of [undefined, SCENARIOS.critical]) describe(`health sources agree with runbook check (${scenario?.name ?? 'the run\'s sandbox'})`, () => {
  let lease: SandboxLease;
  let env: Record<string, string | undefined>;
  let report: CheckReport;
  const sources: HealthSource<unknown>[] = [];
  before(async () => {
    lease = await acquireSandbox(scenario ? { scenario } : {});
    env = { ...process.env, ...lease.env };
    report = await checkRunbook(FILE, TEXT, { env, streamWindowMs: 300 });
    assert.deepEqual(report.failures, [], 'check ran every reading command');
  });
  after(async () => {
    await Promise.all(sources.map((s) => s.stop()));
    await lease?.stop();
  });

  it('PostgreSQL: connections as a % of max_connections, storage over the PVC, replicas and lag', async () => {
    const pvc = await runNative('kubectl get pvc data-postgresql-0 -o jsonpath={.status.capacity.storage}', { env });
    const capacityBytes = quantityBytes(pvc.stdout.trim());
    assert.ok(capacityBytes, pvc.stdout + pvc.stderr);
    const source = startPostgresSource({ env, intervalMs: HOUR, volumes: () => [{ pvc: 'data-postgresql-0', capacityBytes }] });
    sources.push(source);
    const expected = checked(report, 'Database', 'connections');
    // check's own session may still be listed for a moment after it closed; the count settles on the same rows.
    let reading = await source.refresh();
    for (let i = 0; i < 50 && reading.state.status === 'ok' && ours(reading, 'connections').value !== expected.value; i++) reading = await source.refresh();
    assert.deepEqual(reading.state, { status: 'ok' });
    const connections = ours(reading, 'connections');
    assert.deepEqual([connections.value, connections.subject, connections.component], [expected.value, expected.subject, 'postgres']);
    assert.equal(connections.detail, expected.detail);

    const storage = ours(reading, 'storage');
    const checkedStorage = checked(report, 'Database', 'storage');
    assert.deepEqual([storage.value, storage.subject], [checkedStorage.value, checkedStorage.subject]);

    const snapshot = reading.snapshot!;
    assert.equal(snapshot.replication.replicas, 1, 'the sandbox streams to one replica');
    assert.equal(ours(reading, 'replicas', '').value, 1);
    assert.ok(snapshot.replication.lagBytes !== undefined && snapshot.replication.lagBytes >= 0);
    assert.match(snapshot.database, new RegExp(`^database ${env.PGDATABASE} on ${env.PGHOST}:${env.PGPORT} as ${env.PGUSER}$`));
    assert.ok(reading.lastUpdate && reading.lastUpdate === reading.checkedAt);
  });

  it('Redis: memory as a % of maxmemory and the hit rate of the REDIS_URL server, and its clients', async () => {
    const source = startRedisSource({ env, intervalMs: HOUR });
    sources.push(source);
    const reading = await source.refresh();
    assert.deepEqual(reading.state, { status: 'ok' });
    const hits = ours(reading, 'hits');
    const checkedHits = checked(report, 'Cache', 'hits');
    assert.deepEqual([hits.value, hits.subject, hits.detail], [checkedHits.value, checkedHits.subject, checkedHits.detail]);
    const memory = ours(reading, 'memory');
    const checkedMemory = checked(report, 'Cache', 'memory');
    assert.equal(memory.subject, checkedMemory.subject);
    // used_memory counts each client's buffers, so a connection of its own moves it by a few kilobytes.
    assert.ok(Math.abs(memory.value - checkedMemory.value) < 0.5, `ours ${memory.value}%, check's ${checkedMemory.value}%`);
    assert.ok((reading.snapshot!.connectedClients ?? 0) >= 1);
  });

  it('Redis Cluster: state and slots from REDIS_CLUSTER_URL, apart from the cache', async () => {
    const source = startRedisClusterSource({ env, intervalMs: HOUR });
    assert.ok(source, 'REDIS_CLUSTER_URL is set');
    sources.push(source);
    const reading = await source.refresh();
    assert.deepEqual(reading.state, { status: 'ok' });
    assert.equal(reading.snapshot!.state, 'ok');
    assert.deepEqual([reading.snapshot!.slotsAssigned, reading.snapshot!.slotsOk, reading.snapshot!.size], [16384, 16384, 3]);
    assert.equal(startRedisClusterSource({ env: { ...env, REDIS_CLUSTER_URL: undefined }, intervalMs: HOUR }), undefined);
  });
});
