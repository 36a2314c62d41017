// Where a redis-cli command goes and the kept-alive connection to it: one per
// server, user and password in a notebook session. Like redis-cli, AUTH and
// SELECT failures are reported and the command is still sent.

import type { Redis } from 'ioredis';
import { loadClient } from '../../clients/load';
import type { Target, ToolContext } from '../../engine/tool';
import { HOSTS_VARIABLE, parseHostMappings, routeTo, type Endpoint } from '../../connections';
import { parseRedisArgs, type RedisArgs } from './args';
import { isClusterCommand } from './commands';

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

/** Host flags or -u first; else REDIS_CLUSTER_URL for cluster commands and -c, REDIS_URL, then 127.0.0.1:6379. */
export function resolveSettings(args: RedisArgs, env: Env): RedisSettings {
  let base: RedisArgs | undefined;
  let from: RedisSettings['from'];
  if (args.host === undefined && args.port === undefined) {
    const cluster = (args.cluster || args.mode === 'cluster' || isClusterCommand(args.command)) && env.REDIS_CLUSTER_URL ? 'REDIS_CLUSTER_URL' : undefined;
    from = cluster ?? (env.REDIS_URL ? 'REDIS_URL' : undefined);
    if (from) {
      try {
        base = parseRedisArgs(['redis-cli', '-u', env[from]!]);
      } catch {
        from = undefined;
      }
    }
  }
  return {
    host: args.host ?? base?.host ?? '127.0.0.1',
    port: args.port ?? base?.port ?? 6379,
    user: args.user ?? base?.user,
    pass: args.pass ?? base?.pass ?? env.REDISCLI_AUTH,
    db: args.db || base?.db || 0,
    from,
    hostMap: env[HOSTS_VARIABLE] || undefined,
  };
}

export function redisTarget(s: RedisSettings): Target {
  const details: Record<string, string> = { host: s.host, port: String(s.port), db: String(s.db) };
  if (s.user !== undefined) details.user = s.user;
  if (s.from) details.from = s.from;
  return { kind: 'redis', label: `redis ${s.host}:${s.port} db ${s.db}`, details, production: /prod/i.test(s.host) };
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

/** A new connection (with AUTH when a password is set; an AUTH error is kept in `authError`). */
export async function open(s: RedisSettings): Promise<RedisConnection> {
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
  });
  let lastError: unknown;
  redis.on('error', (e) => (lastError = e));
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
}

/** The session's name for the connection to a server as a user (through the host mappings in force). */
export const connectionKey = (s: RedisSettings) => `redis-cli\0${s.host}\0${s.port}\0${s.user ?? ''}\0${s.pass ?? ''}\0${s.hostMap ?? ''}`;

/**
 * The session's open connection under `key` when it needs nothing first
 * (connected, authenticated, on database `db`): the command can then be
 * written in the same tick. Otherwise undefined: use connection().
 */
export function readyConnection(ctx: Pick<ToolContext, 'session'>, key: string, db: number): RedisConnection | undefined {
  const conn = ctx.session.openClient<RedisConnection>(key);
  return conn && conn.redis.status === 'ready' && !conn.authError && conn.db === db ? conn : undefined;
}

/** The session's connection to this server (a new one after it was lost), on the wanted database. */
export async function connection(ctx: Pick<ToolContext, 'session' | 'stderr'>, s: RedisSettings): Promise<RedisConnection> {
  const key = connectionKey(s);
  let conn = await ctx.session.client(key, () => open(s), (c) => c.redis.disconnect());
  if (conn.redis.status === 'end' || conn.redis.status === 'close') {
    ctx.session.forget(key);
    conn = await ctx.session.client(key, () => open(s), (c) => c.redis.disconnect());
  }
  if (conn.authError) ctx.stderr.write(conn.authError + '\n');
  if (conn.db !== s.db) {
    try {
      await conn.redis.callBuffer('SELECT', String(s.db));
      conn.db = s.db;
    } catch (error) {
      if ((error as Error).name !== 'ReplyError') throw error;
      ctx.stderr.write(`SELECT ${s.db} failed: ${(error as Error).message}\n`);
    }
  }
  return conn;
}

/**
 * A connection of its own for a special mode (--stat, --latency, --scan, ...),
 * which like redis-cli's modes stops at a failed AUTH or SELECT: undefined
 * after writing redis-cli's message.
 */
export async function openForMode(ctx: Pick<ToolContext, 'stderr'>, s: RedisSettings): Promise<RedisConnection | undefined> {
  let conn: RedisConnection;
  try {
    conn = await open(s);
  } catch (error) {
    ctx.stderr.write((error as Error).message + '\n');
    return undefined;
  }
  if (conn.authError) {
    ctx.stderr.write(conn.authError + '\n');
    conn.redis.disconnect();
    return undefined;
  }
  if (s.db !== 0) {
    try {
      await conn.redis.callBuffer('SELECT', String(s.db));
      conn.db = s.db;
    } catch (error) {
      ctx.stderr.write(`SELECT ${s.db} failed: ${(error as Error).message}\n`);
      conn.redis.disconnect();
      return undefined;
    }
  }
  return conn;
}
