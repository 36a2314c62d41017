// redis-cli --cluster rebalance: redis-cli's plan (weights, threshold, empty
// masters; single-precision arithmetic as in its C code) and, without
// --cluster-simulate, the moves themselves: CLUSTER SETSLOT IMPORTING /
// MIGRATING, MIGRATE of the slot's keys, then SETSLOT NODE on every master.

import type { ToolContext } from '../../engine/tool';
import type { RedisArgs } from './args';
import { fixed } from './cformat';
import { CLUSTER_SLOTS, isReplica, type ClusterNode } from './clusterNodes';
import { checkCluster, type ClusterOutput } from './clusterCheck';
import type { RedisSettings } from './connect';

const f32 = Math.fround;

export interface SlotMove {
  from: ClusterNode;
  to: ClusterNode;
  slots: number[];
}

/** Balances (slots to give, or to take when negative) and the moves, or undefined when all nodes are within the threshold. */
export function planRebalance(nodes: readonly ClusterNode[], threshold: number, useEmptyMasters: boolean): { involved: ClusterNode[]; totalWeight: number; moves: SlotMove[]; balances: [ClusterNode, number][] } | undefined {
  let totalWeight = 0;
  const involved: ClusterNode[] = [];
  for (const n of nodes) {
    if (isReplica(n)) continue;
    if (!useEmptyMasters && n.slots.size === 0) {
      n.weight = 0;
      continue;
    }
    totalWeight = f32(totalWeight + n.weight);
    involved.push(n);
  }
  let thresholdReached = false;
  let totalBalance = 0;
  for (const n of involved) {
    const expected = Math.trunc(f32(f32(CLUSTER_SLOTS / totalWeight) * n.weight));
    n.balance = n.slots.size - expected;
    totalBalance += n.balance;
    let over = false;
    if (threshold > 0) {
      if (n.slots.size > 0) over = f32(Math.abs(100 - (100 * expected) / n.slots.size)) > threshold;
      else over = expected > 1;
    }
    if (over) thresholdReached = true;
  }
  if (!thresholdReached) return undefined;
  while (totalBalance > 0) {
    for (const n of involved) {
      if (n.balance <= 0 && totalBalance > 0) {
        n.balance--;
        totalBalance--;
      }
    }
  }
  const sorted = [...involved].sort((a, b) => a.balance - b.balance);
  const balances = sorted.map((n) => [n, n.balance] as [ClusterNode, number]);
  const moves: SlotMove[] = [];
  const owned = new Map(sorted.map((n) => [n, [...n.slots].sort((a, b) => a - b)]));
  let dst = 0;
  let src = sorted.length - 1;
  while (dst < src) {
    const to = sorted[dst]!;
    const from = sorted[src]!;
    const count = Math.min(Math.abs(to.balance), Math.abs(from.balance));
    if (count > 0) {
      // The source's lowest slots, as redis-cli's reshard table takes them.
      const slots = owned.get(from)!.splice(0, count);
      moves.push({ from, to, slots });
    }
    to.balance += count;
    from.balance -= count;
    if (to.balance === 0) dst++;
    if (from.balance === 0) src--;
  }
  return { involved, totalWeight, moves, balances };
}

function applyWeights(nodes: readonly ClusterNode[], weights: readonly string[], out: ClusterOutput): boolean {
  for (const w of weights) {
    const eq = w.indexOf('=');
    if (eq < 0) {
      out.log('err', `*** invalid input ${w}\n`);
      return false;
    }
    const name = w.slice(0, eq).toLowerCase();
    const node = nodes.find((n) => n.name && n.name.startsWith(name));
    if (!node) {
      out.log('err', `*** No such master node ${w.slice(0, eq)}\n`);
      return false;
    }
    node.weight = f32(parseFloat(w.slice(eq + 1)) || 0);
  }
  return true;
}

function authArgs(s: RedisSettings): string[] {
  if (s.pass === undefined) return [];
  return s.user !== undefined ? ['AUTH2', s.user, s.pass] : ['AUTH', s.pass];
}

/** Moves one slot and its keys; every master learns the new owner, the target first. */
async function moveSlot(move: SlotMove, slot: number, nodes: readonly ClusterNode[], args: RedisArgs, s: RedisSettings): Promise<void> {
  const { from, to } = move;
  const { timeout, pipeline } = args.clusterOptions;
  await to.conn.redis.callBuffer('CLUSTER', 'SETSLOT', String(slot), 'IMPORTING', from.name);
  await from.conn.redis.callBuffer('CLUSTER', 'SETSLOT', String(slot), 'MIGRATING', to.name);
  for (;;) {
    const keys = (await from.conn.redis.callBuffer('CLUSTER', 'GETKEYSINSLOT', String(slot), String(pipeline || 10))) as Buffer[];
    if (!keys.length) break;
    await from.conn.redis.callBuffer('MIGRATE', to.announcedHost, String(to.announcedPort), '', '0', String(timeout), ...authArgs(s), 'KEYS', ...keys);
  }
  // The new owner first (it bumps its epoch and stops answering ASK), then everyone else.
  await to.conn.redis.callBuffer('CLUSTER', 'SETSLOT', String(slot), 'NODE', to.name);
  const others = nodes.filter((n) => n !== to && !isReplica(n));
  await Promise.all(others.map((n) => n.conn.redis.callBuffer('CLUSTER', 'SETSLOT', String(slot), 'NODE', to.name)));
  from.slots.delete(slot);
  to.slots.add(slot);
}

export async function rebalance(ctx: ToolContext, nodes: ClusterNode[], args: RedisArgs, s: RedisSettings, out: ClusterOutput): Promise<boolean> {
  const opts = args.clusterOptions;
  if (!applyWeights(nodes, opts.weights, out)) return false;
  checkCluster(nodes, out, true);
  if (out.errors.length) {
    out.log('err', '*** Please fix your cluster problems before rebalancing\n');
    return false;
  }
  const plan = planRebalance(nodes, opts.threshold, opts.useEmptyMasters);
  if (!plan) {
    out.log('warn', `*** No rebalancing needed! All nodes are within the ${fixed(opts.threshold, 2)}% threshold.\n`);
    ctx.emit({ kind: 'redis-cluster-rebalance', moves: [], simulated: opts.simulate });
    return true;
  }
  out.log('info', `>>> Rebalancing across ${plan.involved.length} nodes. Total weight = ${fixed(plan.totalWeight, 2)}\n`);
  if (args.verbose) for (const [n, b] of plan.balances) out.print(`${n.host}:${n.port} balance is ${b} slots\n`);
  ctx.emit({
    kind: 'redis-cluster-rebalance',
    simulated: opts.simulate,
    moves: plan.moves.map((m) => ({ from: `${m.from.host}:${m.from.port}`, to: `${m.to.host}:${m.to.port}`, slots: m.slots.length })),
  });
  for (const move of plan.moves) {
    out.print(`Moving ${move.slots.length} slots from ${move.from.host}:${move.from.port} to ${move.to.host}:${move.to.port}\n`);
    if (opts.simulate) {
      out.print('#'.repeat(move.slots.length) + '\n');
      continue;
    }
    for (const slot of move.slots) {
      // Stops between slots only: a slot is never left half moved.
      if (ctx.signal.aborted) {
        out.print('\n');
        return false;
      }
      try {
        await moveSlot(move, slot, nodes, args, s);
      } catch (error) {
        out.log('err', `*** clusterManagerMoveSlot: ${(error as Error).message}\n`);
        return false;
      }
      out.print('#');
    }
    out.print('\n');
  }
  return true;
}
