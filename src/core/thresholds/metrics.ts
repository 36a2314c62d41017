// The metric names a threshold block may use, per component: what each one
// measures, in which units, and which runbook command measures it.

import type { Bound, Component } from './types';
import { editDistance } from '../text/editDistance';

export interface MetricInfo {
  /** The canonical name, as Measurement.metric uses it. */
  name: string;
  aliases: string[];
  units: Bound['unit'][];
  /** Which command measures it; shown for thresholds no cell measured. */
  source: string;
  /** No runbook command can measure it (request rates need a metrics system). */
  unmeasurable?: boolean;
}

const CPU: MetricInfo = { name: 'cpu', aliases: [], units: ['%'], source: 'kubectl top pods (CPU as % of the request), kubectl get/describe hpa' };
const POD_MEMORY: MetricInfo = { name: 'memory', aliases: ['mem'], units: ['%'], source: 'kubectl top pods (memory as % of the request), kubectl get/describe hpa' };
const RESPONSE_TIME: MetricInfo = { name: 'response_time', aliases: ['latency', 'response-time', 'responsetime', 'time_total'], units: ['s', ''], source: 'curl (time_total)' };
const RESTARTS: MetricInfo = { name: 'restarts', aliases: [], units: [''], source: 'kubectl get pods (RESTARTS)' };

const METRICS: Record<Component, MetricInfo[]> = {
  kubernetes: [
    CPU,
    POD_MEMORY,
    { name: 'requests', aliases: ['rps', 'requests_per_second', 'request_rate', 'throughput', 'qps'], units: ['/sec', ''], source: 'a metrics system (Prometheus, a load balancer); no runbook command reports request rates', unmeasurable: true },
    { name: 'errors', aliases: ['error_rate', 'errors_per_second'], units: ['/sec', '%', ''], source: 'a metrics system; counting ERROR lines in logs is not a rate', unmeasurable: true },
    RESPONSE_TIME,
    RESTARTS,
  ],
  postgres: [
    { name: 'connections', aliases: ['conns', 'connection', 'clients'], units: ['%', ''], source: 'SELECT count(*) FROM pg_stat_activity (as % of max_connections)' },
    { ...CPU, source: 'kubectl top pods on the database pods' },
    { ...POD_MEMORY, source: 'kubectl top pods on the database pods' },
    { name: 'storage', aliases: ['disk', 'disk_usage', 'volume'], units: ['%'], source: 'pg_database_size(...) together with the PVC capacity from kubectl get pvc' },
    { name: 'replicas', aliases: ['replica_count', 'standbys'], units: [''], source: 'SELECT * FROM pg_stat_replication' },
    { name: 'replication_lag', aliases: ['lag', 'replica_lag', 'lag_bytes'], units: [''], source: 'SELECT * FROM pg_stat_replication (sent_lsn - replay_lsn, bytes)' },
    RESTARTS,
  ],
  redis: [
    { name: 'memory', aliases: ['mem', 'used_memory'], units: ['%'], source: 'redis-cli INFO memory (used_memory as % of maxmemory)' },
    { name: 'hits', aliases: ['hit_rate', 'hitrate', 'hit-rate', 'hit_ratio', 'cache_hits'], units: ['%'], source: 'redis-cli INFO stats (keyspace_hits / (hits + misses))' },
    { ...CPU, source: 'kubectl top pods on the Redis pods (bind the group to them with kubernetes: ...)' },
    RESTARTS,
  ],
  http: [RESPONSE_TIME],
};

export function metricsOf(component: Component): readonly MetricInfo[] {
  return METRICS[component];
}

export function findMetric(component: Component, written: string): MetricInfo | undefined {
  const key = written.trim().toLowerCase().replace(/\s+/g, '_');
  return METRICS[component].find((m) => m.name === key || m.aliases.includes(key));
}

/** The closest known name, for "did you mean" (edit distance at most 2). */
export function suggestMetric(component: Component, written: string): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const m of METRICS[component]) {
    for (const name of [m.name, ...m.aliases]) {
      const distance = editDistance(written.toLowerCase(), name);
      if (distance <= 2 && (!best || distance < best.distance)) best = { name: m.name, distance };
    }
  }
  return best?.name;
}

export function unitName(unit: Bound['unit']): string {
  return { '%': 'a percentage (85%)', '/sec': 'a rate (1000/sec)', s: 'a time (500ms, 2s)', '': 'a plain number' }[unit];
}
