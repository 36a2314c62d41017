// A Redis connection as redis-cli opens it: the server's address through the
// host mappings (RUNBOOK_HOSTS), RESP2, AUTH when a password is set, and
// redis-cli's words when the server cannot be reached.

import type { Redis } from 'ioredis';
import { loadClient } from '../../clients/load';
import { HOSTS_VARIABLE, parseHostMappings, routeTo, type Endpoint } from '../hosts';
import { parseRedisUrl } from './url';

type Env = Readonly<Record<string, string | undefined>>;

export interface RedisSettings {
  host: string;
  port: number;
  user?: string;
  pass?: string;
  db: number;
  /** The env variable the server came from (our addition: redis-cli itself ignores them). */
  from?: 'REDIS_URL' | 'REDIS_CLUSTER_URL';
  /** The host mappings (RUNBOOK_HOSTS): `redis-cluster:6379` may really be 127.0.0.1:21234. */
  hostMap?: string;
}

/**
 * Where a host:port really connects (RUNBOOK_HOSTS); messages keep the name
 * the user gave. Throws HostMappingError when the mappings are malformed.
 */
export function dialAddress(s: Pick<RedisSettings, 'host' | 'port' | 'hostMap'>): Endpoint {
  return routeTo(parseHostMappings(s.hostMap), s.host, s.port);
}

/** The server a URL variable (REDIS_URL, REDIS_CLUSTER_URL) names, as redis-cli -u would read it; undefined when unset or not a Redis URL. */
export function serverFromEnv(env: Env, from: 'REDIS_URL' | 'REDIS_CLUSTER_URL'): RedisSettings | undefined {
  const value = env[from];
  if (!value) return undefined;
  let url;
  try {
    url = parseRedisUrl(value);
  } catch {
    return undefined;
  }
  return { host: url.host ?? '127.0.0.1', port: url.port ?? 6379, user: url.user, pass: url.pass ?? env.REDISCLI_AUTH, db: url.db ?? 0, from, hostMap: env[HOSTS_VARIABLE] || undefined };
}

export class ConnectError extends Error {}

export interface RedisConnection {
  redis: Redis;
  authError?: string;
  db: number;
}

const SOCKET_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'Connection refused',
  ENOTFOUND: 'Name or service not known',
  EAI_AGAIN: 'Temporary failure in name resolution',
  ETIMEDOUT: 'Connection timed out',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
  ECONNRESET: 'Connection reset by peer',
};

export function connectMessage(s: Pick<RedisSettings, 'host' | 'port'>, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = (code && SOCKET_ERRORS[code]) || (error as Error | undefined)?.message || 'Connection refused';
  return `Could not connect to Redis at ${s.host}:${s.port}: ${reason}`;
}

/**
 * A new connection (with AUTH when a password is set; an AUTH error is kept
 * in `authError`). A server that accepts the connection but never answers
 * (stopped, overloaded) would hold it forever: `signal` ends the wait.
 */
export async function open(s: RedisSettings, signal?: AbortSignal): Promise<RedisConnection> {
  const { Redis } = loadClient<typeof import('ioredis')>('redis', 'ioredis');
  let address: Endpoint;
  try {
    address = dialAddress(s);
  } catch (error) {
    throw new ConnectError(connectMessage(s, error));
  }
  const redis = new Redis({
    host: address.host,
    port: address.port,
    // redis-cli speaks RESP2 unless -3 is given; ioredis 6 would say HELLO 3.
    protocol: 2,
    lazyConnect: true,
    enableReadyCheck: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    autoResendUnfulfilledCommands: false,
    stringNumbers: true,
    connectTimeout: 10_000,
    // A closed connection's socket waits this long for the server's goodbye; one that stopped answering never sends it.
    disconnectTimeout: 200,
  });
  let lastError: unknown;
  redis.on('error', (e) => (lastError = e));
  const stop = () => redis.disconnect();
  if (signal?.aborted) throw new ConnectError(connectMessage(s, signal.reason));
  signal?.addEventListener('abort', stop, { once: true });
  try {
    try {
      await redis.connect();
    } catch (error) {
      redis.disconnect();
      throw new ConnectError(connectMessage(s, lastError ?? error));
    }
    const conn: RedisConnection = { redis, db: 0 };
    if (s.pass !== undefined) {
      const auth = s.user !== undefined ? [s.user, s.pass] : [s.pass];
      try {
        await redis.callBuffer('AUTH', ...auth);
      } catch (error) {
        if ((error as Error).name !== 'ReplyError') throw new ConnectError(connectMessage(s, error));
        conn.authError = `AUTH failed: ${(error as Error).message}`;
      }
    }
    return conn;
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}
