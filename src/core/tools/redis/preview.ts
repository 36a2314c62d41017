// What a Redis delete would remove, read without changing anything: for DEL
// and UNLINK each key's type and TTL; for FLUSHDB the database's key count
// and its first keys; for FLUSHALL the count in every database.

import type { Preview, PreviewContext } from '../../engine/tool';
import { connection, type RedisConnection, type RedisSettings } from './connect';

/** Keys listed by name for FLUSHDB; the rest are counted. */
const SHOWN_KEYS = 20;

/** Whether the command deletes keys and has a preview. */
export function deletesKeys(command: readonly string[]): boolean {
  return ['DEL', 'UNLINK', 'FLUSHDB', 'FLUSHALL'].includes(command[0]?.toUpperCase() ?? '');
}

export async function redisDeletePreview(command: readonly string[], settings: RedisSettings, ctx: PreviewContext): Promise<Preview> {
  const conn = await connection({ session: ctx.session, stderr: { write: () => undefined } }, settings);
  const call = async (...words: string[]): Promise<unknown> => conn.redis.call(words[0], ...words.slice(1));
  const name = command[0].toUpperCase();
  if (name === 'FLUSHALL') {
    const keyspace = String(await call('INFO', 'keyspace'));
    const dbs = [...keyspace.matchAll(/^db(\d+):keys=(\d+)/gm)].map((m) => ({ db: m[1], keys: Number(m[2]) }));
    const total = dbs.reduce((n, d) => n + d.keys, 0);
    return { text: `FLUSHALL would delete ${total} key${total === 1 ? '' : 's'} in ${dbs.length} database${dbs.length === 1 ? '' : 's'}\n${dbs.map((d) => `  db${d.db}: ${d.keys} keys\n`).join('')}` };
  }
  if (name === 'FLUSHDB') {
    const size = Number(await call('DBSIZE'));
    const keys = await firstKeys(conn, SHOWN_KEYS);
    const more = size > keys.length ? `  … ${size - keys.length} more\n` : '';
    return { text: `FLUSHDB would delete ${size} key${size === 1 ? '' : 's'} in db${settings.db}\n${(await describeKeys(call, keys)).join('')}${more}` };
  }
  const keys = command.slice(1);
  const lines = await describeKeys(call, keys);
  const existing = lines.filter((l) => !l.endsWith('(does not exist)\n')).length;
  return { text: `${name} of ${keys.length} key${keys.length === 1 ? '' : 's'}: ${existing} exist${existing === 1 ? 's' : ''} and would be deleted\n${lines.join('')}` };
}

/** One line per key: its name, type and TTL (seconds), or that it does not exist. */
async function describeKeys(call: (...words: string[]) => Promise<unknown>, keys: readonly string[]): Promise<string[]> {
  const lines: string[] = [];
  for (const key of keys) {
    const type = String(await call('TYPE', key));
    if (type === 'none') {
      lines.push(`  ${key} (does not exist)\n`);
      continue;
    }
    const ttl = Number(await call('TTL', key));
    lines.push(`  ${key}  ${type}  ${ttl < 0 ? 'no expiry' : `ttl ${ttl} s`}\n`);
  }
  return lines;
}

/** Up to `limit` keys of the current database, in SCAN order. */
async function firstKeys(conn: RedisConnection, limit: number): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = (await conn.redis.call('SCAN', cursor, 'COUNT', '100')) as [string, string[]];
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0' && keys.length < limit);
  return keys.slice(0, limit);
}
