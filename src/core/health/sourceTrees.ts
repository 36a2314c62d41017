// PostgreSQL, Redis, S3 and HTTP as roots of the health tree: the runbook's
// thresholds for the component judged by what the source measured (through
// the same judge as cells), then what it read, plainly. A source that could
// not be read is `unreachable`, with what to do; its last reading stays,
// marked stale.

import type { Target } from '../results';
import { judgeSamples, type BreachTracker, type CellVerdict, type Component, type Finding, type FoundFinding, type Level, type Measurement, type Sample, type ThresholdGroup } from '../thresholds';
import { judgedLevel, type HealthLevel, type HealthNode, type RootKind } from './healthNode';
import type { HttpSnapshot, PostgresSnapshot, RedisClusterSnapshot, RedisSnapshot, S3BucketSnapshot, SourceReading } from './sources';
import { thresholdNodes } from './thresholdNodes';

export interface Judging {
  groups: readonly ThresholdGroup[];
  tracker: BreachTracker;
  now: Date;
  /** Every source's values judged together: a threshold is shown once, under its component, whoever measured it (the database's cpu comes from its pods). */
  all: CellVerdict | undefined;
}

/** A source's values as the judge takes them, about the target they were read from. */
export function sourceSamples(component: 'postgres' | 'redis' | 'http', target: Target, measurements: readonly Measurement[], findings: readonly Finding[] = []): { samples: Sample[]; findings: FoundFinding[] } {
  const select = { target: component, details: target };
  return { samples: measurements.map((measurement) => ({ measurement, select })), findings: findings.map((finding) => ({ finding, select })) };
}

export function postgresRoot(reading: SourceReading<PostgresSnapshot> | undefined, judging: Judging): HealthNode {
  const snapshot = reading?.snapshot;
  const facts: HealthNode[] = snapshot
    ? [
        { kind: 'connections', name: 'connections', label: `${snapshot.connections.count} of max_connections ${snapshot.connections.maxConnections ?? "?"}` },
        { kind: 'replication', name: 'replication', label: `${snapshot.replication.replicas ?? 0} replicas${snapshot.replication.lagBytes !== undefined && snapshot.replication.lagBytes !== null ? `, lag ${snapshot.replication.lagBytes} bytes` : ''}` },
        { kind: 'size', name: 'database size', label: `${Math.round(snapshot.sizeBytes / 2 ** 20)} MiB` },
      ]
    : [];
  return sourceRoot('postgres', 'postgres', 'postgres', reading, snapshot?.measurements ?? [], [], judging, facts, { kind: 'postgres', label: snapshot?.database ?? '' }, snapshot?.database ?? 'the PG* settings');
}

/** `server`: where REDIS_URL points (host:port), for a root that could not be read yet. */
export function redisRoot(reading: SourceReading<RedisSnapshot> | undefined, cluster: SourceReading<RedisClusterSnapshot> | undefined, judging: Judging, server: string): HealthNode {
  const snapshot = reading?.snapshot;
  const facts: HealthNode[] = [];
  if (snapshot?.connectedClients !== undefined) facts.push({ kind: 'clients', name: 'clients', label: String(snapshot.connectedClients) });
  if (cluster) {
    const c = cluster.snapshot;
    facts.push({
      kind: 'redis-cluster',
      name: 'cluster',
      label: c ? `${c.state}, ${c.slotsAssigned ?? '?'} of 16384 slots assigned, ${c.knownNodes ?? '?'} nodes` : '',
      level: cluster.state.status === 'unreachable' ? 'unreachable' : c?.state === 'ok' ? 'ok' : 'critical',
      ...(cluster.state.status === 'unreachable' ? { detail: `${cluster.state.error}\n${cluster.state.hint}` } : {}),
    });
  }
  return sourceRoot('redis', 'redis', 'redis', reading, snapshot?.measurements ?? [], [], judging, facts, { kind: 'redis', label: snapshot?.server ?? server }, snapshot?.server ?? server);
}

export function httpRoot(readings: readonly { url: string; reading: SourceReading<HttpSnapshot> | undefined }[], judging: Judging): HealthNode {
  const children = readings.map(({ url, reading }) => {
    const s = reading?.snapshot;
    return sourceRoot('http', 'url', url, reading, s?.measurements ?? [], s?.findings ?? [], judging, [], { kind: 'http', label: url }, s ? `HTTP ${s.data.status ?? '?'}` : undefined);
  });
  const all = [...thresholdNodes(judging.groups, 'http', judging.all), ...children];
  return { kind: 'http', name: 'http', label: `${readings.length} endpoint${readings.length === 1 ? '' : 's'}`, level: groupLevel(all), children: all };
}

export function s3Root(readings: readonly { bucket: string; reading: SourceReading<S3BucketSnapshot> | undefined }[]): HealthNode {
  const children = readings.map(({ bucket, reading }): HealthNode => {
    const s = reading?.snapshot;
    const unreachable = reading?.state.status === 'unreachable' ? reading.state : undefined;
    return {
      kind: 'bucket',
      name: `s3://${bucket}`,
      label: s ? `${s.objects}${s.truncated ? '+' : ''} objects, ${Math.round(s.bytes / 1024)} KiB` : '',
      level: unreachable ? 'unreachable' : reading ? 'ok' : 'not-measured',
      ...(unreachable ? { detail: `${unreachable.error}\n${unreachable.hint}` } : {}),
      ...(unreachable && reading?.lastUpdate ? { stale: { since: reading.lastUpdate, reason: unreachable.error } } : {}),
    };
  });
  return { kind: 's3', name: 's3', label: `${readings.length} bucket${readings.length === 1 ? '' : 's'}`, level: groupLevel(children), children };
}

function sourceRoot(component: Component, kind: RootKind | 'url', name: string, reading: SourceReading<unknown> | undefined, measurements: readonly Measurement[], findings: readonly Finding[], judging: Judging, facts: HealthNode[], target: Target, label?: string): HealthNode {
  const verdict = judgeSamples(judging.groups, sourceSamples(component as 'postgres' | 'redis' | 'http', target, measurements, findings), judging.tracker, judging.now);
  const thresholds = kind === 'url' ? [] : thresholdNodes(judging.groups, component, judging.all);
  const unreachable = reading?.state.status === 'unreachable' ? reading.state : undefined;
  const children = [...thresholds, ...facts];
  const judged = verdict?.level;
  return {
    kind,
    name,
    label: label ?? '',
    level: unreachable ? 'unreachable' : !reading ? 'not-measured' : judgedLevel([judged, worst(children)]),
    ...(unreachable ? { detail: `${unreachable.error}\n${unreachable.hint}` } : verdict?.findings.length ? { detail: verdict.findings.map((f) => f.message).join('\n') } : {}),
    ...(unreachable && reading?.lastUpdate ? { stale: { since: reading.lastUpdate, reason: unreachable.error } } : {}),
    children,
  };
}

/**
 * A root over several sources (the buckets, the URLs): a warning or critical
 * below it shows; otherwise one source that could not be read makes the root
 * unreachable, so a folded root never reads ok while part of it is unknown.
 */
function groupLevel(nodes: readonly HealthNode[]): HealthLevel {
  const judged = worst(nodes);
  return judged === 'ok' && nodes.some((n) => n.level === 'unreachable') ? 'unreachable' : judged;
}

function worst(nodes: readonly HealthNode[]): Level {
  return judgedLevel(nodes.map((n) => n.level));
}
