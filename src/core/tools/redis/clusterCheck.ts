// The cluster manager's report: `--cluster info` lines, the checks of
// `--cluster check` (agreement, open slots, coverage), and its coloured log
// lines (colours when TERM names an xterm, as redis-cli decides).

import type { ToolContext } from '../../engine/tool';
import { fixed } from './cformat';
import { CLUSTER_SLOTS, configSignature, isReplica, slotRanges, type ClusterNode } from './clusterNodes';

export type LogLevel = 'info' | 'warn' | 'err' | 'ok';
const COLORS: Record<LogLevel, string> = { info: '29;1m', warn: '33;1m', err: '31;1m', ok: '32;1m' };

export interface ClusterOutput {
  print(text: string): void;
  log(level: LogLevel, text: string): void;
  /** Errors found by the check (rebalance refuses to run with any). */
  errors: string[];
}

export function clusterOutput(ctx: Pick<ToolContext, 'stdout' | 'env'>): ClusterOutput {
  const color = /xterm/.test(ctx.env.TERM ?? '');
  return {
    print: (text) => ctx.stdout.write(text),
    log: (level, text) => ctx.stdout.write(color ? `\x1b[${COLORS[level]}${text}\x1b[0m` : text),
    errors: [],
  };
}

export function showClusterInfo(nodes: readonly ClusterNode[], keysBy: Map<ClusterNode, number>, out: ClusterOutput): void {
  let masters = 0;
  let keys = 0;
  for (const n of nodes) {
    if (isReplica(n) || !n.name) continue;
    const replicas = nodes.filter((r) => r !== n && isReplica(r) && r.replicate === n.name).length;
    const dbsize = keysBy.get(n) ?? 0;
    out.print(`${n.host}:${n.port} (${n.name.slice(0, 8)}...) -> ${dbsize} keys | ${n.slots.size} slots | ${replicas} slaves.\n`);
    masters++;
    keys += dbsize;
  }
  out.log('ok', `[OK] ${keys} keys in ${masters} masters.\n`);
  out.print(`${fixed(Math.fround(keys / CLUSTER_SLOTS), 2)} keys per slot on average.\n`);
}

function nodeInfo(n: ClusterNode): string {
  const role = isReplica(n) ? 'S' : 'M';
  let info = `${role}: ${n.name} ${n.host}:${n.port}\n   slots:${slotRanges(n.slots)} (${n.slots.size} slots) ${n.flags.filter((f) => f !== 'myself').join(',')}`;
  if (n.replicate) info += `\n   replicates ${n.replicate}`;
  else if (n.replicasCount) info += `\n   ${n.replicasCount} additional replica(s)`;
  return info;
}

/** clusterManagerCheckCluster: true when no problem was found. */
export function checkCluster(nodes: readonly ClusterNode[], out: ClusterOutput, quiet: boolean): boolean {
  const first = nodes[0]!;
  let ok = true;
  const error = (text: string) => {
    out.errors.push(text);
    out.log('err', `${text}\n`);
  };
  out.log('info', `>>> Performing Cluster Check (using node ${first.host}:${first.port})\n`);
  if (!quiet) for (const n of nodes) out.print(nodeInfo(n) + '\n');
  const signatures = new Set(nodes.map((n) => configSignature(n.nodesText)));
  if (signatures.size !== 1 || signatures.has('')) {
    error("[ERR] Nodes don't agree about configuration!");
    ok = false;
  } else out.log('ok', '[OK] All nodes agree about slots configuration.\n');
  out.log('info', '>>> Check for open slots...\n');
  const open: string[] = [];
  for (const n of nodes) {
    for (const [state, list] of [['migrating', n.migrating], ['importing', n.importing]] as const) {
      if (!list.length) continue;
      error(`[WARNING] Node ${n.host}:${n.port} has slots in ${state} state ${list.map(([slot]) => slot).join(',')}.`);
      for (const [slot] of list) if (!open.includes(slot)) open.push(slot);
    }
  }
  if (open.length) {
    ok = false;
    out.log('err', `[WARNING] The following slots are open: ${open.join(',')}.\n`);
  }
  out.log('info', '>>> Check slots coverage...\n');
  const covered = new Set<number>();
  for (const n of nodes) for (const s of n.slots) covered.add(s);
  if (covered.size === CLUSTER_SLOTS) out.log('ok', `[OK] All ${CLUSTER_SLOTS} slots covered.\n`);
  else {
    error(`[ERR] Not all ${CLUSTER_SLOTS} slots are covered by nodes.\n`);
    ok = false;
  }
  return ok;
}

