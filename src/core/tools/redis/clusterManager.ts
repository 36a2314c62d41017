// redis-cli --cluster info|check|rebalance: redis-cli's cluster manager, with
// its messages, colours (when TERM names an xterm, as redis-cli decides) and
// exit codes. The node comes from the arguments, else REDIS_CLUSTER_URL.

import type { ToolContext } from '../../engine/tool';
import type { RedisArgs } from './args';
import { checkCluster, clusterOutput, showClusterInfo } from './clusterCheck';
import { ClusterLoadError, closeCluster, isReplica, loadCluster, type ClusterNode } from './clusterNodes';
import { rebalance } from './clusterRebalance';
import { dialAddress, type RedisSettings } from './connect';

const INVALID_HOST = '[ERR] Invalid arguments: you need to pass either a valid address (ie. 120.0.0.1:7000) or space separated IP and port (ie. 120.0.0.1 7000)\n';
const COMMANDS = new Set(['info', 'check', 'rebalance']);
/** Cluster manager subcommands without a native runner (they need a terminal). */
export const TERMINAL_CLUSTER_COMMANDS = ['create', 'add-node', 'del-node', 'reshard', 'fix', 'set-timeout', 'call', 'import', 'backup', 'help'];

/** host:port or host port, as redis-cli's getClusterHostFromCmdArgs reads them. */
export function clusterHost(args: readonly string[], s: RedisSettings): { host: string; port: number } | undefined {
  if (args.length === 0) return { host: s.host, port: s.port };
  let host: string;
  let port: number;
  if (args.length === 1) {
    const colon = args[0]!.lastIndexOf(':');
    if (colon < 0) return undefined;
    host = args[0]!.slice(0, colon);
    port = parseInt(args[0]!.slice(colon + 1), 10) || 0;
  } else {
    host = args[0]!;
    port = parseInt(args[1]!, 10) || 0;
  }
  return host && port ? { host, port } : undefined;
}

async function keyCounts(nodes: readonly ClusterNode[]): Promise<Map<ClusterNode, number>> {
  const counts = new Map<ClusterNode, number>();
  await Promise.all(nodes.filter((n) => !isReplica(n)).map(async (n) => counts.set(n, Number(await n.conn.redis.callBuffer('DBSIZE')))));
  return counts;
}

export async function runClusterManager(ctx: ToolContext, args: RedisArgs, s: RedisSettings): Promise<number> {
  const command = args.clusterCommand ?? '';
  if (!COMMANDS.has(command)) {
    if (TERMINAL_CLUSTER_COMMANDS.includes(command)) {
      ctx.stderr.write(`redis-cli: not run: --cluster ${command} has no native runner; run it in a terminal\n`);
      return 127;
    }
    ctx.stderr.write('Unknown --cluster subcommand\n');
    return 1;
  }
  const target = clusterHost(args.clusterArgs, s);
  if (!target) {
    ctx.stderr.write(INVALID_HOST);
    return 1;
  }
  const out = clusterOutput(ctx);
  let nodes: ClusterNode[];
  try {
    // A name RUNBOOK_HOSTS maps (redis-cluster:6379 in the sandbox) is reported as the address it stands for.
    const seed = dialAddress({ ...target, hostMap: s.hostMap });
    nodes = await loadCluster(s, seed.host, seed.port);
  } catch (error) {
    if (ctx.signal.aborted) return 130;
    if (!(error instanceof ClusterLoadError)) {
      ctx.stderr.write(`Error: ${(error as Error).message}\n`);
      return 1;
    }
    if (error.stream === 'stderr') ctx.stderr.write(error.message);
    else out.log('err', error.message);
    return 1;
  }
  try {
    if (command === 'info' || command === 'check') {
      showClusterInfo(nodes, await keyCounts(nodes), out);
      ctx.emit({
        kind: 'redis-cluster',
        masters: nodes.filter((n) => !isReplica(n)).map((n) => ({ address: `${n.host}:${n.port}`, id: n.name, slots: n.slots.size })),
      });
      if (command === 'info') return 0;
      return checkCluster(nodes, out, false) ? 0 : 1;
    }
    return (await rebalance(ctx, nodes, args, s, out)) ? 0 : 1;
  } catch (error) {
    if (ctx.signal.aborted) return 130;
    ctx.stderr.write(`Error: ${(error as Error).message}\n`);
    return 1;
  } finally {
    closeCluster(nodes);
  }
}
