// redis-cli --stat: one line of INFO figures every interval (-i, default 1 s),
// the two header lines again every 20 lines, until stopped.

import type { ToolContext } from '../../engine/tool';
import type { RedisArgs } from './args';
import { bytesToHuman, pause } from './cformat';
import type { RedisConnection } from './connect';

const HEADER =
  '------- data ------ --------------------- load -------------------- - child -\n' +
  'keys       mem      clients blocked requests            connections          \n';

/** redis-cli's getLongInfoField: the first occurrence of the name anywhere, its value up to `,` or CR, as strtol reads it. */
export function infoNumber(info: string, field: string): number | undefined {
  const at = info.indexOf(field);
  if (at < 0) return undefined;
  const start = at + field.length + 1;
  let end = info.indexOf('\r', start);
  if (end < 0) end = info.length;
  const comma = info.indexOf(',', start);
  if (comma >= 0 && comma < end) end = comma;
  const m = /^\s*[+-]?\d+/.exec(info.slice(start, end));
  return m ? Number(m[0]) : 0;
}

/** One --stat line from an INFO reply, given the previous total_commands_processed (0 for the first). */
export function statLine(info: string, previousRequests: number): { line: string; requests: number } {
  let keys = 0;
  for (let db = 0; db < 20; db++) keys += infoNumber(info, `db${db}:keys`) ?? 0;
  const num = (f: string) => infoNumber(info, f) ?? 0;
  const requests = num('total_commands_processed');
  let line = String(keys).padEnd(11);
  line += bytesToHuman(num('used_memory')).padEnd(8);
  line += ' ' + String(num('connected_clients')).padEnd(8);
  line += String(num('blocked_clients')).padEnd(8);
  line += `${requests} (+${previousRequests === 0 ? 0 : requests - previousRequests})`.padEnd(19);
  line += ' ' + String(num('total_connections_received')).padEnd(12);
  const child = num('bgsave_in_progress') | (num('aof_rewrite_in_progress') << 1) | (num('loading') << 2);
  line += ['', 'SAVE', 'AOF', 'SAVE+AOF', 'LOAD'][child] ?? '';
  return { line: line + '\n', requests };
}

export async function runStat(ctx: ToolContext, conn: RedisConnection, args: RedisArgs): Promise<number> {
  const intervalMs = args.interval ? args.interval * 1000 : 1000;
  let requests = 0;
  for (let i = 0; !ctx.signal.aborted; i++) {
    let info: string;
    try {
      info = String(await conn.redis.callBuffer('INFO'));
    } catch (error) {
      if (ctx.signal.aborted) break;
      const replyError = (error as Error).name === 'ReplyError';
      ctx.stderr.write(replyError ? `ERROR: ${(error as Error).message}\n` : '\nI/O error\n');
      return 1;
    }
    if (ctx.signal.aborted) break;
    const next = statLine(info, requests);
    requests = next.requests;
    ctx.stdout.write((i % 20 === 0 ? HEADER : '') + next.line);
    await pause(intervalMs, ctx.signal);
  }
  return 0;
}
