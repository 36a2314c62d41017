// The load levels the sandbox can simulate. One table, read by every simulated
// service, so that a scenario means the same thing for the cluster, the
// database and the cache. The sample runbook's thresholds are:
//   app cpu 70/85 %, app memory 75/90 %, db connections 80/90 %, db cpu 70/85 %,
//   db storage 75/90 %, cache memory 75/90 %, cache hit rate <85/<70 %,
//   app requests 1000/2000 per second.
// `normal` meets every threshold, `warning` crosses every warning level and
// no critical one, `critical` crosses every critical level.

export type ScenarioName = 'normal' | 'warning' | 'critical';

export interface Scenario {
  name: ScenarioName;
  /** App pod CPU use, percent of the container's CPU request. */
  appCpuPercent: number;
  /** App pod memory use, percent of the container's memory request. */
  appMemoryPercent: number;
  /** postgresql pod CPU use, percent of its request. */
  dbCpuPercent: number;
  /** Client connections as percent of max_connections. */
  dbConnectionsPercent: number;
  /** Database size as percent of the PVC's capacity. */
  dbStoragePercent: number;
  /** Redis used_memory as percent of maxmemory. */
  cacheMemoryPercent: number;
  /** keyspace_hits / (hits + misses), percent. */
  cacheHitRatePercent: number;
  /** Requests the app serves a second: the rate of its http_requests_total counter. */
  requestsPerSecond: number;
}

export const SCENARIOS: Record<ScenarioName, Scenario> = {
  normal: {
    name: 'normal',
    appCpuPercent: 50,
    appMemoryPercent: 55,
    dbCpuPercent: 40,
    dbConnectionsPercent: 30,
    dbStoragePercent: 50,
    cacheMemoryPercent: 50,
    cacheHitRatePercent: 95,
    requestsPerSecond: 640,
  },
  warning: {
    name: 'warning',
    appCpuPercent: 78,
    appMemoryPercent: 80,
    dbCpuPercent: 78,
    dbConnectionsPercent: 85,
    dbStoragePercent: 80,
    cacheMemoryPercent: 80,
    cacheHitRatePercent: 80,
    requestsPerSecond: 1450,
  },
  critical: {
    name: 'critical',
    appCpuPercent: 91,
    appMemoryPercent: 93,
    dbCpuPercent: 91,
    dbConnectionsPercent: 95,
    dbStoragePercent: 93,
    cacheMemoryPercent: 93,
    cacheHitRatePercent: 60,
    requestsPerSecond: 2380,
  },
};

/** Reads SANDBOX_SCENARIO; an unknown name is an error that lists the valid ones. */
export function scenarioFromEnv(env: NodeJS.ProcessEnv = process.env): Scenario {
  const name = (env.SANDBOX_SCENARIO ?? 'normal').trim() || 'normal';
  if (!(name in SCENARIOS)) {
    throw new Error(
      `SANDBOX_SCENARIO=${name} is not a scenario; use one of: ${Object.keys(SCENARIOS).join(', ')}`,
    );
  }
  return SCENARIOS[name as ScenarioName];
}
