// The Redis Cluster for the health view: the REDIS_CLUSTER_URL node, asked
// with CLUSTER INFO for the cluster's state, its slots and its nodes.

import { ConnectError, infoField, open, serverFromEnv, type RedisConnection } from '../../connections/redis';
import { explainRedis } from './redis';
import { startPoller, type HealthSource } from './poller';

type Env = Readonly<Record<string, string | undefined>>;

export interface RedisClusterSourceOptions {
  /** The env cells use: REDIS_CLUSTER_URL, REDISCLI_AUTH, RUNBOOK_HOSTS. */
  env: Env;
  intervalMs: number;
}

export interface RedisClusterSnapshot {
  /** The node asked, as the URL names it. */
  node: string;
  /** `ok` or `fail`, as CLUSTER INFO says. */
  state: string;
  /** Of 16384. */
  slotsAssigned?: number;
  slotsOk?: number;
  slotsPfail?: number;
  slotsFail?: number;
  knownNodes?: number;
  /** Masters serving slots. */
  size?: number;
}

/** undefined when REDIS_CLUSTER_URL is not set: there is no cluster to show. */
export function startRedisClusterSource(options: RedisClusterSourceOptions): HealthSource<RedisClusterSnapshot> | undefined {
  const node = serverFromEnv(options.env, 'REDIS_CLUSTER_URL');
  if (!node) return undefined;
  let conn: RedisConnection | undefined;

  const close = async () => {
    conn?.redis.disconnect();
    conn = undefined;
  };

  const read = async (signal: AbortSignal): Promise<RedisClusterSnapshot> => {
    if (!conn || conn.redis.status !== 'ready') {
      await close();
      const opened = await open(node);
      conn = opened;
      if (opened.authError) throw new ConnectError(opened.authError);
    }
    const c = conn;
    const abort = () => c.redis.disconnect();
    signal.addEventListener('abort', abort, { once: true });
    try {
      const info = String(await c.redis.call('CLUSTER', 'INFO'));
      const state = /^cluster_state:(\w+)/m.exec(info)?.[1] ?? 'unknown';
      const field = (name: string) => infoField(info, name);
      return {
        node: `${node.host}:${node.port}`,
        state,
        slotsAssigned: field('cluster_slots_assigned'),
        slotsOk: field('cluster_slots_ok'),
        slotsPfail: field('cluster_slots_pfail'),
        slotsFail: field('cluster_slots_fail'),
        knownNodes: field('cluster_known_nodes'),
        size: field('cluster_size'),
      };
    } catch (error) {
      await close();
      throw error;
    } finally {
      signal.removeEventListener('abort', abort);
    }
  };

  return startPoller({ read, explain: (error) => explainRedis(error, node, 'REDIS_CLUSTER_URL'), close, intervalMs: options.intervalMs });
}
