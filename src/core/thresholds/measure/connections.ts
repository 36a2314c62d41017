// PostgreSQL, Redis and HTTP results: connections, replication, cache memory
// and hit rate, response time.

import { num, percent, str, type Data, type MeasureContext } from './sample';

function subjectOf(ctx: MeasureContext, fallback: string): string {
  const d = ctx.command.target?.details ?? {};
  if (ctx.command.target?.kind === 'postgres') return d.database ?? ctx.command.target.label;
  if (d.host && d.port) return `${d.host}:${d.port}`;
  return ctx.command.target?.label ?? fallback;
}

export function measurePostgres(data: Data, ctx: MeasureContext): void {
  const select = { target: 'postgres' as const, details: ctx.command.target };
  const base = { component: 'postgres' as const, subject: subjectOf(ctx, 'postgres'), command: ctx.commandIndex };
  if (data.kind === 'postgres-connections') {
    const count = num(data.count);
    const max = num(data.maxConnections);
    if (count === undefined) return;
    if (max) ctx.samples.push({ select, measurement: { ...base, metric: 'connections', value: percent(count, max), unit: '%', detail: `${count} of max_connections ${max}` } });
    ctx.samples.push({ select, measurement: { ...base, metric: 'connections', value: count, unit: '', detail: `${count} connections${max ? ` (max_connections ${max})` : ''}` } });
  } else if (data.kind === 'postgres-replication') {
    const replicas = num(data.replicas);
    if (replicas !== undefined) ctx.samples.push({ select, measurement: { ...base, metric: 'replicas', value: replicas, unit: '', detail: `${replicas} streaming replica${replicas === 1 ? '' : 's'} in pg_stat_replication` } });
    const lag = num(data.lagBytes);
    if (lag !== undefined) ctx.samples.push({ select, measurement: { ...base, metric: 'replication_lag', value: lag, unit: '', detail: `${lag} bytes sent but not yet replayed (largest over the replicas)` } });
  }
}

export function measureRedis(data: Data, ctx: MeasureContext): void {
  const select = { target: 'redis' as const, details: ctx.command.target };
  const base = { component: 'redis' as const, subject: subjectOf(ctx, 'redis'), command: ctx.commandIndex, unit: '%' as const };
  if (data.kind === 'redis-memory') {
    const used = num(data.usedMemory);
    const max = num(data.maxMemory);
    // maxmemory 0 means no limit: there is nothing to be a percentage of.
    if (used !== undefined && max) ctx.samples.push({ select, measurement: { ...base, metric: 'memory', value: percent(used, max), detail: `used_memory ${used} of maxmemory ${max}` } });
  } else if (data.kind === 'redis-stats') {
    const rate = num(data.hitRate);
    if (rate !== undefined) ctx.samples.push({ select, measurement: { ...base, metric: 'hits', value: Math.round(rate * 1000) / 10, detail: `keyspace_hits ${str(data.keyspaceHits) ?? '?'}, keyspace_misses ${str(data.keyspaceMisses) ?? '?'}` } });
  }
}

export function measureHttp(data: Data, ctx: MeasureContext): void {
  const url = str(data.url) ?? ctx.command.target?.label ?? 'http';
  const select = { target: 'http' as const, details: ctx.command.target };
  const seconds = num(data.timeTotalSeconds);
  const status = num(data.status);
  if (seconds !== undefined && data.exitCode === undefined) {
    ctx.samples.push({ select, measurement: { component: 'http', metric: 'response_time', value: Math.round(seconds * 1e6) / 1e6, unit: 's', subject: url, command: ctx.commandIndex, detail: `time_total ${seconds.toFixed(6)} s${status ? `, HTTP ${status}` : ''}` } });
  }
  if (status !== undefined && status >= 500) {
    ctx.findings.push({ select, finding: { component: 'http', level: 'critical', subject: url, message: `${url} answered HTTP ${status}` } });
  }
}
