// The Redis cache for the health view: the REDIS_URL server (the Cache
// thresholds are about that server, never about cluster nodes), reached as
// redis-cli cells reach it, polled with INFO for memory against maxmemory,
// the hit rate and connected clients, read as cells read INFO memory/stats.

import { connectMessage, ConnectError, infoField, infoMemory, infoStats, open, serverFromEnv, type RedisConnection, type RedisSettings } from '../../connections/redis';
import type { RedisMemoryData, RedisStatsData } from '../../results/toolData';
import { redisMeasurements, type Measurement } from '../../thresholds';
import { startPoller, type HealthSource, type Unreachable } from './poller';

type Env = Readonly<Record<string, string | undefined>>;

export interface RedisSourceOptions {
  /** The env cells use (a Session's env): REDIS_URL, REDISCLI_AUTH, RUNBOOK_HOSTS. */
  env: Env;
  intervalMs: number;
}

export interface RedisSnapshot {
  /** `127.0.0.1:6379`, as the URL names it. */
  server: string;
  memory?: RedisMemoryData;
  stats?: RedisStatsData;
  connectedClients?: number;
  /** As cells measure them: memory (% of maxmemory; none without a limit) and hits (%). */
  measurements: Measurement[];
}

export function startRedisSource(options: RedisSourceOptions): HealthSource<RedisSnapshot> {
  const server = serverFromEnv(options.env, 'REDIS_URL');
  let conn: RedisConnection | undefined;

  const read = async (signal: AbortSignal): Promise<RedisSnapshot> => {
    if (!server) throw new NotConfigured();
    const c = await connected(server);
    const abort = () => c.redis.disconnect();
    signal.addEventListener('abort', abort, { once: true });
    try {
      const info = String(await c.redis.call('INFO'));
      const subject = `${server.host}:${server.port}`;
      const memory = infoMemory(info);
      const stats = infoStats(info);
      const measurements = [memory, stats].flatMap((data) => (data ? redisMeasurements(data, subject) : []));
      return { server: subject, memory, stats, connectedClients: infoField(info, 'connected_clients'), measurements };
    } catch (error) {
      await close();
      throw error;
    } finally {
      signal.removeEventListener('abort', abort);
    }
  };

  const connected = async (s: RedisSettings): Promise<RedisConnection> => {
    if (conn && conn.redis.status === 'ready') return conn;
    await close();
    const opened = await open(s);
    if (opened.authError) {
      opened.redis.disconnect();
      throw new ConnectError(opened.authError);
    }
    if (s.db) await opened.redis.call('SELECT', String(s.db));
    conn = opened;
    return opened;
  };

  const close = async () => {
    conn?.redis.disconnect();
    conn = undefined;
  };

  return startPoller({ read, explain: (error) => explainRedis(error, server), close, intervalMs: options.intervalMs });
}

class NotConfigured extends Error {}

/** redis-cli's words for the failure, and what to check. */
export function explainRedis(error: unknown, server: Pick<RedisSettings, 'host' | 'port'> | undefined, variable: 'REDIS_URL' | 'REDIS_CLUSTER_URL' = 'REDIS_URL'): Unreachable {
  if (error instanceof NotConfigured || !server) return { error: `${variable} is not set`, hint: `Set ${variable} (for example in the runbook env file) to the server the runbook is about.` };
  const message = error instanceof ConnectError ? error.message : connectMessage(server, error);
  if (/AUTH failed|NOAUTH|WRONGPASS/.test(message)) return { error: message, hint: `Check the password in ${variable} (or REDISCLI_AUTH).` };
  return { error: message, hint: `Check that Redis is running at ${server.host}:${server.port} and that ${variable} and RUNBOOK_HOSTS point at it.` };
}
