// redis-cli --latency and --latency-history: PING every 10 ms and keep the
// minimum, maximum and average round trip in whole milliseconds.
//
// In a pipe (or --raw) redis-cli's own behaviour: --latency prints
// `min max avg samples` once after -i (default 1 s) and exits;
// --latency-history prints that line after every sample. On a terminal
// redis-cli rewrites one line in place forever; a notebook cannot rewrite, so
// the line is written once a second (--latency) or once per history range,
// and a last time when the cell is stopped.

import type { ToolContext } from '../../engine/tool';
import type { RedisArgs } from './args';
import { fixed, pause } from './cformat';
import type { RedisConnection } from './connect';

const SAMPLE_EVERY_MS = 10;
const HISTORY_DEFAULT_MS = 15_000;
const TERMINAL_REFRESH_MS = 1000;

export interface LatencyStats {
  min: number;
  max: number;
  total: number;
  count: number;
}

export function addSample(s: LatencyStats, ms: number): void {
  if (s.count === 0) {
    s.min = s.max = s.total = ms;
  } else {
    s.min = Math.min(s.min, ms);
    s.max = Math.max(s.max, ms);
    s.total += ms;
  }
  s.count++;
}

const avg = (s: LatencyStats) => (s.count ? s.total / s.count : 0);
export const standardLine = (s: LatencyStats) => `min: ${s.min}, max: ${s.max}, avg: ${fixed(avg(s), 2)} (${s.count} samples)`;
export const rawLine = (s: LatencyStats) => `${s.min} ${s.max} ${fixed(avg(s), 2)} ${s.count}\n`;

export async function runLatency(ctx: ToolContext, conn: RedisConnection, args: RedisArgs, raw: boolean): Promise<number> {
  const history = args.mode === 'latency-history';
  const historyMs = args.interval ? args.interval * 1000 : HISTORY_DEFAULT_MS;
  const rawWindowMs = args.interval ? args.interval * 1000 : 1000;
  const stats: LatencyStats = { min: 0, max: 0, total: 0, count: 0 };
  let rangeStart = Date.now();
  let lastShown = Date.now();
  let shownCount = 0;
  if (!raw) {
    ctx.note(
      history
        ? `redis-cli rewrites its latency line in place on a terminal; here each ${fixed(historyMs / 1000, 0)} s range gets its own line, in milliseconds.`
        : 'redis-cli rewrites its latency line in place on a terminal; here the line is written once a second (milliseconds, all samples since the start).',
    );
  }
  const report = () => ctx.emit({ kind: 'redis-latency', min: stats.min, max: stats.max, avg: Number(fixed(avg(stats), 2)), samples: stats.count });
  while (!ctx.signal.aborted) {
    const start = Date.now();
    try {
      await conn.redis.callBuffer('PING');
    } catch (error) {
      if (ctx.signal.aborted) break;
      if ((error as Error).name !== 'ReplyError') {
        ctx.stderr.write('\nI/O error\n');
        return 1;
      }
    }
    addSample(stats, Date.now() - start);
    const now = Date.now();
    if (raw) {
      if (history) ctx.stdout.write(rawLine(stats));
      else if (now - rangeStart > rawWindowMs) {
        ctx.stdout.write(rawLine(stats));
        report();
        return 0;
      }
    } else if (!history && now - lastShown >= TERMINAL_REFRESH_MS) {
      ctx.stdout.write(standardLine(stats) + '\n');
      lastShown = now;
      shownCount = stats.count;
    }
    if (history && now - rangeStart > historyMs) {
      const range = ` -- ${fixed(Math.fround((now - rangeStart) / 1000), 2)} seconds range\n`;
      ctx.stdout.write(raw ? range : standardLine(stats) + range);
      report();
      rangeStart = Date.now();
      stats.min = stats.max = stats.total = stats.count = 0;
      shownCount = 0;
    }
    await pause(SAMPLE_EVERY_MS, ctx.signal);
  }
  // Stopped: the line the terminal would be showing now.
  if (!raw && stats.count > 0 && stats.count !== shownCount) ctx.stdout.write(standardLine(stats) + '\n');
  if (stats.count > 0) report();
  return 0;
}
