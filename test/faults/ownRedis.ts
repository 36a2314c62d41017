// Redis servers of a fault test's own (never the shared sandbox's): the
// sandbox's standalone cache or its cluster, in a temporary directory that
// stop() removes with the servers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedis, startRedisCluster, type RedisClusterNodes, type RedisClusterOptions, type RedisStandalone } from '../sandbox/redis';
import { SCENARIOS } from '../sandbox/scenario';

export interface Own<T> {
  server: T;
  stop(): Promise<void>;
}

async function inTempDir<T extends { stop(): Promise<void> }>(start: (dir: string) => Promise<T>): Promise<Own<T>> {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-faults-redis-'));
  let server: T;
  try {
    server = await start(dir);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    server,
    async stop() {
      try {
        await server.stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The sandbox's cache (sessions, games, a leaderboard; maxmemory at half its use, noeviction). */
export const startOwnRedis = (): Promise<Own<RedisStandalone>> => inTempDir((dir) => startRedis({ dir, scenario: SCENARIOS.normal }));

export const startOwnCluster = (opts: Omit<RedisClusterOptions, 'dir'>): Promise<Own<RedisClusterNodes>> =>
  inTempDir((dir) => startRedisCluster({ dir, ...opts }));
