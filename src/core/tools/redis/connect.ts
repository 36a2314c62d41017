// Where a redis-cli command goes and the kept-alive connection to it: one per
// server, user and password in a notebook session. Like redis-cli, AUTH and
// SELECT failures are reported and the command is still sent.

import type { Target, ToolContext } from '../../engine/tool';
import { HOSTS_VARIABLE } from '../../connections';
import { open, serverFromEnv, type RedisConnection, type RedisSettings } from '../../connections/redis';
import type { RedisArgs } from './args';
import { isClusterCommand } from './commands';

type Env = Readonly<Record<string, string | undefined>>;

export { ConnectError, connectMessage, dialAddress, open, type RedisConnection, type RedisSettings } from '../../connections/redis';

/** Host flags or -u first; else REDIS_CLUSTER_URL for cluster commands and -c, REDIS_URL, then 127.0.0.1:6379. */
export function resolveSettings(args: RedisArgs, env: Env): RedisSettings {
  let base: RedisSettings | undefined;
  if (args.host === undefined && args.port === undefined) {
    const cluster = (args.cluster || args.mode === 'cluster' || isClusterCommand(args.command)) && env.REDIS_CLUSTER_URL;
    base = cluster ? serverFromEnv(env, 'REDIS_CLUSTER_URL') : serverFromEnv(env, 'REDIS_URL');
  }
  return {
    host: args.host ?? base?.host ?? '127.0.0.1',
    port: args.port ?? base?.port ?? 6379,
    user: args.user ?? base?.user,
    pass: args.pass ?? base?.pass ?? env.REDISCLI_AUTH,
    db: args.db || base?.db || 0,
    from: base?.from,
    hostMap: env[HOSTS_VARIABLE] || undefined,
  };
}

export function redisTarget(s: RedisSettings): Target {
  const details: Record<string, string> = { host: s.host, port: String(s.port), db: String(s.db) };
  if (s.user !== undefined) details.user = s.user;
  if (s.from) details.from = s.from;
  return { kind: 'redis', label: `redis ${s.host}:${s.port} db ${s.db}`, name: `${s.host}:${s.port}`, details };
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
export async function connection(ctx: Pick<ToolContext, 'session' | 'stderr'> & { signal?: AbortSignal }, s: RedisSettings): Promise<RedisConnection> {
  const key = connectionKey(s);
  let conn = await ctx.session.client(key, () => open(s, ctx.signal), (c) => c.redis.disconnect());
  if (conn.redis.status === 'end' || conn.redis.status === 'close') {
    ctx.session.forget(key);
    conn = await ctx.session.client(key, () => open(s, ctx.signal), (c) => c.redis.disconnect());
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
