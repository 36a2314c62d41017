// PostgreSQL, Redis and HTTP results: connections, replication, cache memory
// and hit rate, response time. The measurements are built here for cells and
// for the health view alike.

import type { HttpData, PostgresConnectionsData, PostgresReplicationData, RedisMemoryData, RedisStatsData } from '../../results/toolData';
import type { Finding, Measurement } from '../types';
import { percent, type MeasureContext } from './sample';

function subjectOf(ctx: MeasureContext, fallback: string): string {
  const d = ctx.command.target?.details ?? {};
  if (ctx.command.target?.kind === 'postgres') return d.database ?? ctx.command.target.label;
  if (d.host && d.port) return `${d.host}:${d.port}`;
  return ctx.command.target?.label ?? fallback;
}

/** `subject`: the database. */
export function postgresMeasurements(data: PostgresConnectionsData | PostgresReplicationData, subject: string): Measurement[] {
  const base = { component: 'postgres' as const, subject };
  const out: Measurement[] = [];
  if (data.kind === 'postgres-connections') {
    const { count, maxConnections: max } = data;
    if (max) out.push({ ...base, metric: 'connections', value: percent(count, max), unit: '%', detail: `${count} of max_connections ${max}` });
    out.push({ ...base, metric: 'connections', value: count, unit: '', detail: `${count} connections${max ? ` (max_connections ${max})` : ''}` });
  } else {
    const { replicas, lagBytes: lag } = data;
    out.push({ ...base, metric: 'replicas', value: replicas, unit: '', detail: `${replicas} streaming replica${replicas === 1 ? '' : 's'} in pg_stat_replication` });
    if (lag !== undefined) out.push({ ...base, metric: 'replication_lag', value: lag, unit: '', detail: `${lag} bytes sent but not yet replayed (largest over the replicas)` });
  }
  return out;
}

/** `subject`: the server, `host:port`. */
export function redisMeasurements(data: RedisMemoryData | RedisStatsData, subject: string): Measurement[] {
  const base = { component: 'redis' as const, subject, unit: '%' as const };
  if (data.kind === 'redis-memory') {
    const { usedMemory: used, maxMemory: max } = data;
    // maxmemory 0 means no limit: there is nothing to be a percentage of.
    return max ? [{ ...base, metric: 'memory', value: percent(used, max), detail: `used_memory ${used} of maxmemory ${max}` }] : [];
  }
  if (data.hitRate === null) return [];
  return [{ ...base, metric: 'hits', value: Math.round(data.hitRate * 1000) / 10, detail: `keyspace_hits ${data.keyspaceHits}, keyspace_misses ${data.keyspaceMisses}` }];
}

/** curl's time_total, when a response came. */
export function httpMeasurement(data: HttpData): Measurement | undefined {
  if (data.exitCode !== undefined) return undefined;
  const { timeTotalSeconds: seconds, status } = data;
  return { component: 'http', metric: 'response_time', value: Math.round(seconds * 1e6) / 1e6, unit: 's', subject: data.url, detail: `time_total ${seconds.toFixed(6)} s${status ? `, HTTP ${status}` : ''}` };
}

/** An HTTP 5xx answer is critical without a threshold. */
export function httpFinding(data: HttpData): Finding | undefined {
  return data.status >= 500 ? { component: 'http', level: 'critical', subject: data.url, message: `${data.url} answered HTTP ${data.status}` } : undefined;
}

export function measurePostgres(data: PostgresConnectionsData | PostgresReplicationData, ctx: MeasureContext): void {
  const select = { target: 'postgres' as const, details: ctx.command.target };
  for (const m of postgresMeasurements(data, subjectOf(ctx, 'postgres'))) ctx.samples.push({ select, measurement: { ...m, command: ctx.commandIndex } });
}

export function measureRedis(data: RedisMemoryData | RedisStatsData, ctx: MeasureContext): void {
  const select = { target: 'redis' as const, details: ctx.command.target };
  for (const m of redisMeasurements(data, subjectOf(ctx, 'redis'))) ctx.samples.push({ select, measurement: { ...m, command: ctx.commandIndex } });
}

export function measureHttp(data: HttpData, ctx: MeasureContext): void {
  const select = { target: 'http' as const, details: ctx.command.target };
  const measurement = httpMeasurement(data);
  if (measurement) ctx.samples.push({ select, measurement: { ...measurement, command: ctx.commandIndex } });
  const finding = httpFinding(data);
  if (finding) ctx.findings.push({ select, finding: { ...finding, command: ctx.commandIndex } });
}
