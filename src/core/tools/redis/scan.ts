// redis-cli --scan: every key matching --pattern (and --count, --type), one a
// line, quoted on a terminal, as they are in pipes.

import type { ToolContext } from '../../engine/tool';
import type { RedisArgs } from './args';
import { pause } from './cformat';
import type { RedisConnection } from './connect';
import { quote } from './format';

/** One SCAN call: the next cursor and the keys. */
export async function scanBatch(conn: RedisConnection, cursor: string, args: Pick<RedisArgs, 'pattern' | 'count' | 'scanType'>): Promise<{ cursor: string; keys: Buffer[] }> {
  const command = [cursor];
  if (args.pattern !== undefined) command.push('MATCH', args.pattern);
  if (args.count !== undefined) command.push('COUNT', String(args.count));
  if (args.scanType !== undefined) command.push('TYPE', args.scanType);
  const reply = (await conn.redis.callBuffer('SCAN', ...command)) as [Buffer, Buffer[]];
  return { cursor: reply[0].toString(), keys: reply[1] };
}

export async function runScan(ctx: ToolContext, conn: RedisConnection, args: RedisArgs, raw: boolean): Promise<number> {
  let cursor = '0';
  do {
    let batch: { cursor: string; keys: Buffer[] };
    try {
      batch = await scanBatch(conn, cursor, args);
    } catch (error) {
      if (ctx.signal.aborted) return 130;
      ctx.stderr.write(`SCAN error: ${(error as Error).message}\n`);
      return 1;
    }
    cursor = batch.cursor;
    let out = '';
    for (const key of batch.keys) out += (raw ? key.toString('utf8') : quote(key)) + '\n';
    if (out) ctx.stdout.write(out);
    if (args.interval) await pause(args.interval * 1000, ctx.signal);
  } while (cursor !== '0' && !ctx.signal.aborted);
  return 0;
}
