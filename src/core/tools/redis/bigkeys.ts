// redis-cli --bigkeys and --memkeys: SCAN the whole keyspace, size every key
// (STRLEN, LLEN, ... or MEMORY USAGE) and report the biggest key per type and
// totals, in redis-cli 7.0's words and type order.

import type { ToolContext } from '../../engine/tool';
import type { RedisArgs } from './args';
import { fixed, pause, zeroPadded } from './cformat';
import type { RedisConnection } from './connect';
import { quote } from './format';
import { scanBatch } from './scan';

interface TypeStats {
  name: string;
  sizeCommand?: string;
  unit: string;
  count: number;
  total: number;
  biggest: number;
  biggestKey?: string;
}

const KNOWN: Record<string, [string, string]> = {
  string: ['STRLEN', 'bytes'],
  list: ['LLEN', 'items'],
  set: ['SCARD', 'members'],
  hash: ['HLEN', 'fields'],
  zset: ['ZCARD', 'members'],
  stream: ['XLEN', 'entries'],
};

/**
 * The order redis-cli 7.0 lists the types in is its hash table's order, and
 * that table is still being rehashed after the six types go in: every type
 * lookup (one per sampled key) moves it a step. Measured on redis-cli 7.0.15:
 * no lookup, one lookup, then two or more (the table settled).
 */
export function typeOrder(lookups: number): string[] {
  if (lookups === 0) return ['hash', 'list', 'string', 'stream', 'set', 'zset'];
  if (lookups === 1) return ['string', 'list', 'hash', 'stream', 'set', 'zset'];
  return ['list', 'hash', 'string', 'stream', 'set', 'zset'];
}

async function sizeOf(conn: RedisConnection, type: TypeStats, key: Buffer, memkeys: boolean, samples: number): Promise<number> {
  try {
    const value = memkeys
      ? await conn.redis.callBuffer('MEMORY', 'USAGE', key, ...(samples ? ['SAMPLES', String(samples)] : []))
      : type.sizeCommand
        ? await conn.redis.callBuffer(type.sizeCommand, key)
        : 0;
    return Number(value ?? 0) || 0;
  } catch {
    return 0;
  }
}

export async function runBigKeys(ctx: ToolContext, conn: RedisConnection, args: RedisArgs, memkeys: boolean): Promise<number> {
  const types = new Map<string, TypeStats>(Object.entries(KNOWN).map(([name, [sizeCommand, unit]]) => [name, { name, sizeCommand, unit, count: 0, total: 0, biggest: 0 }]));
  let lookups = 0;
  let totalKeys: number;
  try {
    totalKeys = Number(await conn.redis.callBuffer('DBSIZE'));
  } catch (error) {
    if (ctx.signal.aborted) return 130;
    ctx.stderr.write(`Couldn't determine DBSIZE: ${(error as Error).message}\n`);
    return 1;
  }
  const out = (text: string) => ctx.stdout.write(text);
  out('\n# Scanning the entire keyspace to find biggest keys as well as\n');
  out('# average sizes per key type.  You can use -i 0.1 to sleep 0.1 sec\n');
  out('# per 100 SCAN commands (not usually needed).\n\n');

  let sampled = 0;
  let keyBytes = 0;
  let pct = 0;
  let cursor = '0';
  do {
    pct = (100 * sampled) / totalKeys;
    let batch: { cursor: string; keys: Buffer[] };
    try {
      batch = await scanBatch(conn, cursor, args);
    } catch (error) {
      if (ctx.signal.aborted) break;
      ctx.stderr.write(`SCAN error: ${(error as Error).message}\n`);
      return 1;
    }
    cursor = batch.cursor;
    const typeNames = await Promise.all(batch.keys.map((k) => conn.redis.callBuffer('TYPE', k).then(String, () => 'none')));
    const found = typeNames.map((name) => {
      if (name === 'none') return undefined;
      lookups++;
      let t = types.get(name);
      if (!t) types.set(name, (t = { name, unit: '?', count: 0, total: 0, biggest: 0 }));
      return t;
    });
    const sizes = await Promise.all(batch.keys.map((k, i) => (found[i] ? sizeOf(conn, found[i]!, k, memkeys, args.memkeysSamples ?? 0) : 0)));
    let lines = '';
    batch.keys.forEach((key, i) => {
      const t = found[i];
      if (!t) return;
      const size = sizes[i]!;
      t.total += size;
      t.count++;
      keyBytes += key.length;
      sampled++;
      if (t.biggest < size) {
        t.biggestKey = quote(key);
        t.biggest = size;
        lines += `[${zeroPadded(pct, 5, 2)}%] Biggest ${t.name.padEnd(6)} found so far '${t.biggestKey}' with ${size} ${memkeys ? 'bytes' : t.unit}\n`;
      }
      if (sampled % 1_000_000 === 0) lines += `[${zeroPadded(pct, 5, 2)}%] Sampled ${sampled} keys so far\n`;
    });
    if (lines) out(lines);
    if (sampled && sampled % 100 === 0 && args.interval) await pause(args.interval * 1000, ctx.signal);
  } while (cursor !== '0' && !ctx.signal.aborted);

  let summary = '\n-------- summary -------\n\n';
  if (ctx.signal.aborted) summary += `[${zeroPadded(pct, 5, 2)}%] `;
  summary += `Sampled ${sampled} keys in the keyspace!\n`;
  summary += `Total key length in bytes is ${keyBytes} (avg len ${fixed(keyBytes ? keyBytes / sampled : 0, 2)})\n\n`;
  const order = typeOrder(lookups);
  const listed = [...order.map((name) => types.get(name)!), ...[...types.values()].filter((t) => !order.includes(t.name))];
  for (const t of listed) {
    if (t.biggestKey !== undefined) summary += `Biggest ${t.name.padStart(6)} found '${t.biggestKey}' has ${t.biggest} ${memkeys ? 'bytes' : t.unit}\n`;
  }
  summary += '\n';
  for (const t of listed) {
    const share = sampled ? (100 * t.count) / sampled : 0;
    summary += `${t.count} ${t.name}s with ${t.total} ${memkeys ? 'bytes' : t.unit} (${zeroPadded(share, 5, 2)}% of keys, avg size ${fixed(t.count ? t.total / t.count : 0, 2)})\n`;
  }
  out(summary);
  ctx.emit({
    kind: 'redis-bigkeys',
    measure: memkeys ? 'memory' : 'length',
    sampled,
    types: listed.map((t) => ({ type: t.name, count: t.count, total: t.total, biggestKey: t.biggestKey, biggest: t.biggest, unit: memkeys ? 'bytes' : t.unit })),
  });
  return 0;
}
