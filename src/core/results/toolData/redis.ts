// What redis-cli emits: INFO's memory and hit figures, and the reports of
// --bigkeys, --cluster and --latency.

/** INFO memory: used_memory against maxmemory (0: no limit). */
export interface RedisMemoryData {
  kind: 'redis-memory';
  usedMemory: number;
  maxMemory: number;
}

/** INFO stats: keyspace hits and misses, and their hit rate (0-1; null before any read). */
export interface RedisStatsData {
  kind: 'redis-stats';
  keyspaceHits: number;
  keyspaceMisses: number;
  hitRate: number | null;
}

export interface RedisBigKeysData {
  kind: 'redis-bigkeys';
  /** --memkeys measures bytes; --bigkeys the length in each type's unit. */
  measure: 'memory' | 'length';
  sampled: number;
  types: { type: string; count: number; total: number; biggestKey?: string; biggest: number; unit: string }[];
}

/** --cluster info|check: the masters and how many slots each serves. */
export interface RedisClusterData {
  kind: 'redis-cluster';
  masters: { address: string; id: string; slots: number }[];
}

/** --cluster rebalance: the slot moves (planned only with --cluster-simulate). */
export interface RedisClusterRebalanceData {
  kind: 'redis-cluster-rebalance';
  simulated: boolean;
  moves: { from: string; to: string; slots: number }[];
}

/** --latency and --latency-history, in milliseconds. */
export interface RedisLatencyData {
  kind: 'redis-latency';
  min: number;
  max: number;
  avg: number;
  samples: number;
}
