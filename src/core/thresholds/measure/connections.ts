// PostgreSQL, Redis and HTTP results: connections, replication, cache memory
// and hit rate, response time.

import type { HttpData, PostgresConnectionsData, PostgresReplicationData, RedisMemoryData, RedisStatsData } from '../../results/toolData';
import { percent, type MeasureContext } from './sample';

function subjectOf(ctx: MeasureContext, fallback: string): string {
  const d = ctx.command.target?.details ?? {};
  if (ctx.command.target?.kind === 'postgres') return d.database ?? ctx.command.target.label;
  if (d.host && d.port) return `${d.host}:${d.port}`;
  return ctx.command.target?.label ?? fallback;
}

export function measurePostgres(data: PostgresConnectionsData | PostgresReplicationData, ctx: MeasureContext): void {
  const select = { target: 'postgres' as const, details: ctx.command.target };
  const base = { component: 'postgres' as const, subject: subjectOf(ctx, 'postgres'), command: ctx.commandIndex };
  if (data.kind === 'postgres-connections') {
    const { count, maxConnections: max } = data;
    if (max) ctx.samples.push({ select, measurement: { ...base, metric: 'connections', value: percent(count, max), unit: '%', detail: `${count} of max_connections ${max}` } });
    ctx.samples.push({ select, measurement: { ...base, metric: 'connections', value: count, unit: '', detail: `${count} connections${max ? ` (max_connections ${max})` : ''}` } });
  } else {
    const { replicas, lagBytes: lag } = data;
    ctx.samples.push({ select, measurement: { ...base, metric: 'replicas', value: replicas, unit: '', detail: `${replicas} streaming replica${replicas === 1 ? '' : 's'} in pg_stat_replication` } });
    if (lag !== undefined) ctx.samples.push({ select, measurement: { ...base, metric: 'replication_lag', value: lag, unit: '', detail: `${lag} bytes sent but not yet replayed (largest over the replicas)` } });
  }
}

export function measureRedis(data: RedisMemoryData | RedisStatsData, ctx: MeasureContext): void {
  const select = { target: 'redis' as const, details: ctx.command.target };
  const base = { component: 'redis' as const, subject: subjectOf(ctx, 'redis'), command: ctx.commandIndex, unit: '%' as const };
  if (data.kind === 'redis-memory') {
    const { usedMemory: used, maxMemory: max } = data;
    // maxmemory 0 means no limit: there is nothing to be a percentage of.
    if (max) ctx.samples.push({ select, measurement: { ...base, metric: 'memory', value: percent(used, max), detail: `used_memory ${used} of maxmemory ${max}` } });
  } else if (data.hitRate !== null) {
    ctx.samples.push({ select, measurement: { ...base, metric: 'hits', value: Math.round(data.hitRate * 1000) / 10, detail: `keyspace_hits ${data.keyspaceHits}, keyspace_misses ${data.keyspaceMisses}` } });
  }
}

export function measureHttp(data: HttpData, ctx: MeasureContext): void {
  const url = data.url;
  const select = { target: 'http' as const, details: ctx.command.target };
  const { timeTotalSeconds: seconds, status } = data;
  if (data.exitCode === undefined) {
    ctx.samples.push({ select, measurement: { component: 'http', metric: 'response_time', value: Math.round(seconds * 1e6) / 1e6, unit: 's', subject: url, command: ctx.commandIndex, detail: `time_total ${seconds.toFixed(6)} s${status ? `, HTTP ${status}` : ''}` } });
  }
  if (status >= 500) {
    ctx.findings.push({ select, finding: { component: 'http', level: 'critical', subject: url, command: ctx.commandIndex, message: `${url} answered HTTP ${status}` } });
  }
}
