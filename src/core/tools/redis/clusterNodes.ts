// The cluster as redis-cli's cluster manager loads it: the node given first,
// then every node its CLUSTER NODES names, each described by its own
// CLUSTER NODES "myself" line (slots, open slots, role).

import type { RedisSettings } from './connect';
import { open, type RedisConnection } from './connect';

export const CLUSTER_SLOTS = 16384;

export interface ClusterNode {
  /** Host and port as redis-cli prints them (the seed as the user wrote it). */
  host: string;
  port: number;
  /** Address the cluster itself knows the node by (for MIGRATE). */
  announcedHost: string;
  announcedPort: number;
  name: string;
  flags: string[];
  /** Master id when a replica. */
  replicate?: string;
  slots: Set<number>;
  migrating: [string, string][];
  importing: [string, string][];
  replicasCount: number;
  weight: number;
  balance: number;
  conn: RedisConnection;
  /** Raw CLUSTER NODES as this node sees it (for the configuration signature). */
  nodesText: string;
}

export const isReplica = (n: ClusterNode) => n.flags.includes('slave') || n.replicate !== undefined;

interface NodeLine {
  name: string;
  host: string;
  port: number;
  flags: string[];
  master: string;
  slotDefs: string[];
}

export function parseNodeLine(line: string): NodeLine | undefined {
  const parts = line.trim().split(' ');
  if (parts.length < 8) return undefined;
  const addr = parts[1]!.split('@')[0]!.split(',')[0]!;
  const colon = addr.lastIndexOf(':');
  return {
    name: parts[0]!,
    host: addr.slice(0, colon),
    port: Number(addr.slice(colon + 1)),
    flags: parts[2]!.split(','),
    master: parts[3]!,
    slotDefs: parts.slice(8),
  };
}

/** Fills slots and open slots from a node's "myself" line. */
function applyMyself(node: ClusterNode, line: NodeLine): void {
  node.name = line.name;
  node.flags = line.flags;
  if (line.master !== '-') node.replicate = line.master;
  for (const def of line.slotDefs) {
    if (def.startsWith('[')) {
      const m = /^\[(\d+)-([<>])-([0-9a-f]+)\]$/.exec(def);
      if (m) (m[2] === '>' ? node.migrating : node.importing).push([m[1]!, m[3]!]);
      continue;
    }
    const [a, b] = def.split('-');
    for (let s = Number(a); s <= Number(b ?? a); s++) node.slots.add(s);
  }
}

export class ClusterLoadError extends Error {
  constructor(message: string, readonly stream: 'stdout' | 'stderr', readonly log: 'err' | 'plain') {
    super(message);
  }
}

async function connectNode(s: RedisSettings, host: string, port: number): Promise<RedisConnection> {
  const conn = await open({ ...s, host, port });
  if (conn.authError) {
    conn.redis.disconnect();
    throw new ClusterLoadError(`Node ${host}:${port} replied with error:\n${conn.authError.replace(/^AUTH failed: /, '')}\n`, 'stdout', 'err');
  }
  return conn;
}

function newNode(host: string, port: number, conn: RedisConnection): ClusterNode {
  return { host, port, announcedHost: host, announcedPort: port, name: '', flags: [], slots: new Set(), migrating: [], importing: [], replicasCount: 0, weight: 1, balance: 0, conn, nodesText: '' };
}

async function loadNode(node: ClusterNode): Promise<NodeLine[]> {
  node.nodesText = String(await node.conn.redis.callBuffer('CLUSTER', 'NODES'));
  const lines = node.nodesText.split('\n').map(parseNodeLine).filter((l): l is NodeLine => l !== undefined);
  const myself = lines.find((l) => l.flags.includes('myself'));
  if (myself) {
    applyMyself(node, myself);
    node.announcedHost = myself.host || node.host;
    node.announcedPort = myself.port || node.port;
  }
  return lines.filter((l) => l !== myself);
}

/** Loads the cluster from one node; throws ClusterLoadError with redis-cli's message. */
export async function loadCluster(s: RedisSettings, host: string, port: number): Promise<ClusterNode[]> {
  let seedConn: RedisConnection;
  try {
    seedConn = await connectNode(s, host, port);
  } catch (error) {
    if (error instanceof ClusterLoadError) throw error;
    throw new ClusterLoadError(`${(error as Error).message}\n`, 'stderr', 'plain');
  }
  const nodes: ClusterNode[] = [newNode(host, port, seedConn)];
  try {
    const info = String(await seedConn.redis.callBuffer('INFO', 'cluster'));
    if (!/^cluster_enabled:1/m.test(info)) throw new ClusterLoadError(`[ERR] Node ${host}:${port} is not configured as a cluster node.\n`, 'stdout', 'err');
    const friends = await loadNode(nodes[0]!);
    for (const f of friends) {
      if (!f.host || !f.port || f.flags.some((x) => x === 'noaddr' || x === 'disconnected' || x === 'fail' || x === 'handshake')) continue;
      let conn: RedisConnection;
      try {
        conn = await connectNode(s, f.host, f.port);
      } catch {
        continue;
      }
      const node = newNode(f.host, f.port, conn);
      nodes.push(node);
      await loadNode(node);
    }
  } catch (error) {
    closeCluster(nodes);
    throw error;
  }
  for (const n of nodes) {
    if (!n.replicate) continue;
    const master = nodes.find((m) => m.name === n.replicate);
    if (master) master.replicasCount++;
  }
  return nodes;
}

export function closeCluster(nodes: readonly ClusterNode[]): void {
  for (const n of nodes) n.conn.redis.disconnect();
}

/** redis-cli's configuration signature: `id:slots,...` of every node with slots, sorted, joined by `|`. */
export function configSignature(nodesText: string): string {
  const configs: string[] = [];
  for (const raw of nodesText.split('\n')) {
    const parts = raw.split(' ');
    if (parts.length < 9) continue;
    const slots = parts.slice(8).filter((d) => d && !d.startsWith('['));
    if (!slots.length) continue;
    configs.push(`${parts[0]}:${[...slots].sort(cmp).join(',')}`);
  }
  return configs.sort(cmp).join('|');
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `[0-5460],[5462]` as redis-cli writes a node's slots. */
export function slotRanges(slots: ReadonlySet<number>): string {
  const out: string[] = [];
  let start = -1;
  for (let s = 0; s <= CLUSTER_SLOTS; s++) {
    const has = s < CLUSTER_SLOTS && slots.has(s);
    if (has && start < 0) start = s;
    if (!has && start >= 0) {
      out.push(start === s - 1 ? `[${start}]` : `[${start}-${s - 1}]`);
      start = -1;
    }
  }
  return out.join(',');
}
