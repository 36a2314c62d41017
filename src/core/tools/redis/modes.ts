// redis-cli's special modes (--scan, --bigkeys, --memkeys, --latency,
// --latency-history, --stat, --cluster): what they plan and how they run, each
// on a connection of its own that closes when it ends or the cell is stopped.

import { toolPlan, type ToolContext, type ToolPlan } from '../../engine/tool';
import type { RedisArgs } from './args';
import { runBigKeys } from './bigkeys';
import { runClusterManager, TERMINAL_CLUSTER_COMMANDS } from './clusterManager';
import { isStreaming } from './commands';
import { aborted } from './cformat';
import { openForMode, type RedisSettings } from './connect';
import { runLatency } from './latency';
import { runScan } from './scan';
import { runStat } from './stat';

/** Modes that run until stopped (sampled for a window inside Run All). */
export function streams(args: RedisArgs): boolean {
  if (args.mode) return args.mode === 'stat' || args.mode === 'latency' || args.mode === 'latency-history';
  return isStreaming(args.command);
}

export function modePlan(args: RedisArgs): ToolPlan {
  if (args.mode === 'cluster') {
    const command = args.clusterCommand ?? '';
    if (TERMINAL_CLUSTER_COMMANDS.includes(command)) {
      return toolPlan({ native: false, terminal: true, effect: command === 'help' ? 'read' : 'change', reason: `redis-cli --cluster ${command} has no native runner; run it in a terminal` });
    }
    const moves = command === 'rebalance' && !args.clusterOptions.simulate;
    return toolPlan({ native: true, terminal: false, effect: moves ? 'change' : 'read', action: `cluster ${command}`, reason: moves ? 'moves hash slots and their keys between masters' : undefined });
  }
  // --scan, --bigkeys, --memkeys, --stat and the latency modes only read.
  return toolPlan({ native: true, terminal: false, effect: 'read', streams: streams(args), action: `--${args.mode}` });
}

/** A special mode on a connection of its own, closed when it ends or the cell is stopped. */
export async function runMode(ctx: ToolContext, args: RedisArgs, settings: RedisSettings, raw: boolean): Promise<number> {
  if (args.mode === 'cluster') return runClusterManager(ctx, args, settings);
  // A stop while still connecting (an unanswered SYN can take seconds) ends the run at once.
  const stderr = { write: (text: string) => void (ctx.signal.aborted || ctx.stderr.write(text)) };
  const opening = openForMode({ stderr }, settings);
  const conn = await Promise.race([opening, aborted(ctx.signal).then(() => undefined)]);
  if (ctx.signal.aborted) {
    void opening.then((c) => c?.redis.disconnect());
    return 130;
  }
  if (!conn) return 1;
  const stop = () => conn.redis.disconnect();
  ctx.signal.addEventListener('abort', stop, { once: true });
  try {
    switch (args.mode) {
      case 'scan': return await runScan(ctx, conn, args, raw);
      case 'bigkeys': return await runBigKeys(ctx, conn, args, false);
      case 'memkeys': return await runBigKeys(ctx, conn, args, true);
      case 'stat': return await runStat(ctx, conn, args);
      default: return await runLatency(ctx, conn, args, raw);
    }
  } finally {
    ctx.signal.removeEventListener('abort', stop);
    conn.redis.disconnect();
  }
}

