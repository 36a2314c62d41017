// Redis for the sandbox: a standalone cache loaded to the scenario's memory use
// and hit rate, and a three-node Redis Cluster (no replicas unless asked for:
// fault tests give each primary one, to fail over). Every node is a
// real `redis-server` child process on a random loopback port, without
// persistence, with its files in the sandbox directory.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Cluster, Redis } from 'ioredis';
import type { Scenario } from './scenario';
import { freePort, ServiceProcess } from './processes';

const CLUSTER_BUS_OFFSET = 10000;

export interface RedisStandalone {
  port: number;
  url: string;
  maxmemoryBytes: number;
  /** GETs recorded at start: hits and misses, for the hit rate. */
  hits: number;
  misses: number;
  processes: ServiceProcess[];
  /** Stops the server and starts it again on the same port: empty (no persistence), with the start's maxmemory. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface RedisClusterNodes {
  /** The primaries, in slot order. */
  ports: number[];
  /** Each primary's replica (same index), when the cluster was started with replicas. */
  replicaPorts: number[];
  url: string;
  processes: ServiceProcess[];
  /** Kills one node (SIGKILL: no goodbye to the others, as a crashed host). */
  killNode(port: number): Promise<void>;
  /** Starts a killed node again on its port, with its cluster configuration (its data is gone). */
  restartNode(port: number): Promise<void>;
  stop(): Promise<void>;
}

export interface RedisClusterOptions {
  dir: string;
  log?: (line: string) => void;
  /** One replica for each primary (default false: three primaries only). */
  replicas?: boolean;
  /** cluster-node-timeout: how long a node may be silent before it is failed over (default 15000). */
  nodeTimeoutMs?: number;
}

function client(port: number): Redis {
  const r = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  r.on('error', () => {});
  return r;
}

async function startNode(dir: string, name: string, logDir: string, extra: string[], portOpts: { alsoFree?: number[]; port?: number } = {}) {
  for (let attempt = 1; ; attempt++) {
    const port = portOpts.port ?? (await freePort(portOpts));
    const nodeDir = join(dir, name);
    mkdirSync(nodeDir, { recursive: true });
    const proc = new ServiceProcess({
      name,
      command: 'redis-server',
      args: [
        '--port', String(port),
        '--bind', '127.0.0.1',
        '--dir', nodeDir,
        '--daemonize', 'no',
        '--logfile', '',
        '--save', '',
        '--appendonly', 'no',
        ...extra,
      ],
      logFile: join(logDir, `${name}.log`),
      stopSignal: 'SIGTERM',
      parentDeathSignal: 'KILL',
    });
    try {
      await proc.waitUntil(`${name} to answer PING`, async () => {
        const r = client(port);
        try {
          await r.connect();
          return (await r.ping()) === 'PONG' ? true : undefined;
        } finally {
          r.disconnect();
        }
      });
      return { proc, port };
    } catch (err) {
      await proc.stop(1000);
      if (!/Address already in use/.test(proc.logTail()) || attempt >= 3 || portOpts.port !== undefined) throw err;
    }
  }
}

function infoField(info: string, field: string): number {
  const m = new RegExp(`^${field}:(\\d+)`, 'm').exec(info);
  if (!m) throw new Error(`INFO has no ${field}`);
  return Number(m[1]);
}

/** Writes the TikTokToe cache's keys: sessions, game states, a leaderboard. */
async function loadCache(r: Redis): Promise<string[]> {
  const sessionKeys: string[] = [];
  const p = r.pipeline();
  for (let i = 1; i <= 4000; i++) {
    const key = `session:${i}`;
    sessionKeys.push(key);
    const body = JSON.stringify({ player: i, device: i % 3 === 0 ? 'ios' : 'web', theme: 'dark', pad: 'x'.repeat(480) });
    p.set(key, body);
  }
  for (let g = 1; g <= 1500; g++) {
    p.hset(`game:${g}`, { board: 'XO-OX-X--', turn: g % 2 ? 'O' : 'X', player_x: String(g % 2000), player_o: String((g * 7) % 2000) });
  }
  for (let i = 1; i <= 2000; i++) p.zadd('leaderboard:global', 1000 + ((i * 37) % 800), `player${i}`);
  for (let i = 0; i < 100; i++) p.set(`feature:${i}`, i % 3 ? 'on' : 'off');
  await p.exec();
  return sessionKeys;
}

export async function startRedis(opts: { dir: string; scenario: Scenario; log?: (line: string) => void }): Promise<RedisStandalone> {
  const logDir = join(opts.dir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const nodeArgs = ['--maxmemory-policy', 'noeviction'];
  const { proc, port } = await startNode(join(opts.dir, 'redis'), 'redis', logDir, nodeArgs);
  const processes = [proc];
  const stop = async () => processes[0]!.stop();
  const r = client(port);
  try {
    await r.connect();
    const sessions = await loadCache(r);

    // Hit rate: a fixed number of reads, hits on (small) feature flags, misses
    // on sessions that are not there.
    const total = 20_000; // large enough that a few stray GETs do not move the rate
    const hits = Math.round((total * opts.scenario.cacheHitRatePercent) / 100);
    const misses = total - hits;
    await r.config('RESETSTAT');
    const p = r.pipeline();
    for (let i = 0; i < hits; i++) p.get(`feature:${i % 100}`);
    for (let i = 0; i < misses; i++) p.get(`session:expired:${i}`);
    await p.exec();

    r.disconnect();

    // Memory: maxmemory chosen so that used_memory is the scenario's share.
    // noeviction keeps the data (and so the ratio) as loaded. Measured from a
    // fresh connection, as a `redis-cli INFO memory` would see it, twice so
    // the second reading includes what the first one allocated.
    let used = 0;
    let maxmemoryBytes = 0;
    for (let round = 0; round < 2; round++) {
      const probe = client(port);
      try {
        await probe.connect();
        used = infoField(await probe.info('memory'), 'used_memory');
        maxmemoryBytes = Math.round(used / (opts.scenario.cacheMemoryPercent / 100));
        await probe.config('SET', 'maxmemory', String(maxmemoryBytes));
      } finally {
        probe.disconnect();
      }
    }
    opts.log?.(`redis: ${sessions.length} sessions, used ${used} of ${maxmemoryBytes} bytes`);
    const restart = async () => {
      await processes[0]!.stop();
      processes[0] = (await startNode(join(opts.dir, 'redis'), 'redis', logDir, [...nodeArgs, '--maxmemory', String(maxmemoryBytes)], { port })).proc;
    };
    return { port, url: `redis://127.0.0.1:${port}`, maxmemoryBytes, hits, misses, processes, restart, stop };
  } catch (err) {
    await stop();
    throw err;
  } finally {
    r.disconnect();
  }
}

export const CLUSTER_SLOT_RANGES: Array<[number, number]> = [
  [0, 5460],
  [5461, 10922],
  [10923, 16383],
];

export async function startRedisCluster(opts: RedisClusterOptions): Promise<RedisClusterNodes> {
  const logDir = join(opts.dir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const clusterDir = join(opts.dir, 'redis-cluster');
  const nodeArgs = ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', String(opts.nodeTimeoutMs ?? 15000)];
  const count = CLUSTER_SLOT_RANGES.length * (opts.replicas ? 2 : 1);
  const names = Array.from({ length: count }, (_, i) => `redis-cluster-${i + 1}`);
  const started = await Promise.allSettled(names.map((name) => startNode(clusterDir, name, logDir, nodeArgs, { alsoFree: [CLUSTER_BUS_OFFSET] })));
  const nodes = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const stop = async () => {
    await Promise.all(nodes.map((n) => n.proc.stop()));
  };
  const clients = nodes.map((n) => client(n.port));
  try {
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    await Promise.all(clients.map((c) => c.connect()));
    const primaries = clients.slice(0, CLUSTER_SLOT_RANGES.length);
    const replicas = clients.slice(CLUSTER_SLOT_RANGES.length);

    // What `redis-cli --cluster create` does: give each master its slots and
    // its own config epoch, then introduce the nodes to each other.
    await Promise.all(
      primaries.map(async (c, i) => {
        const [start, end] = CLUSTER_SLOT_RANGES[i]!;
        await c.call('CLUSTER', 'ADDSLOTSRANGE', start, end);
        await c.call('CLUSTER', 'SET-CONFIG-EPOCH', i + 1);
      }),
    );
    for (const n of nodes.slice(1)) await clients[0]!.call('CLUSTER', 'MEET', '127.0.0.1', n.port);
    const clusterOk = (c: Redis, name: string, proc: ServiceProcess) =>
      proc.waitUntil(
        `${name} to report cluster_state:ok`,
        async () => {
          const info = String(await c.call('CLUSTER', 'INFO'));
          return /cluster_state:ok/.test(info) && new RegExp(`cluster_known_nodes:${count}\\b`).test(info) ? true : undefined;
        },
        { timeoutMs: 30_000 },
      );
    await Promise.all(nodes.map((n, i) => clusterOk(clients[i]!, n.proc.name, n.proc)));
    // Each replica follows the primary at its index, once it knows that primary.
    await Promise.all(
      replicas.map(async (c, i) => {
        const primaryId = String(await primaries[i]!.call('CLUSTER', 'MYID'));
        const proc = nodes[CLUSTER_SLOT_RANGES.length + i]!.proc;
        await proc.waitUntil(`${proc.name} to replicate ${primaryId}`, async () => ((await c.call('CLUSTER', 'REPLICATE', primaryId)) === 'OK' ? true : undefined), { timeoutMs: 30_000 });
        await proc.waitUntil(`${proc.name} to sync`, async () => (/master_link_status:up/.test(await c.info('replication')) ? true : undefined), { timeoutMs: 30_000 });
      }),
    );

    // A few keys on every node, so --cluster info/check/rebalance show data.
    const cluster = new Cluster([{ host: '127.0.0.1', port: nodes[0]!.port }], { lazyConnect: true });
    cluster.on('error', () => {});
    try {
      await cluster.connect();
      await Promise.all(
        Array.from({ length: 300 }, (_, i) => cluster.set(`player:${i + 1}:profile`, JSON.stringify({ id: i + 1, rating: 1000 + i }))),
      );
    } finally {
      cluster.disconnect();
    }
    opts.log?.(`redis cluster: 3 masters, ${replicas.length} replicas, cluster_state:ok`);
    const ports = nodes.slice(0, CLUSTER_SLOT_RANGES.length).map((n) => n.port);
    const replicaPorts = nodes.slice(CLUSTER_SLOT_RANGES.length).map((n) => n.port);
    const processes = nodes.map((n) => n.proc);
    const indexOf = (port: number) => {
      const i = nodes.findIndex((n) => n.port === port);
      if (i < 0) throw new Error(`no cluster node on port ${port}`);
      return i;
    };
    const killNode = async (port: number) => {
      const proc = nodes[indexOf(port)]!.proc;
      proc.killGroup('SIGKILL');
      await proc.exited;
    };
    const restartNode = async (port: number) => {
      const i = indexOf(port);
      await nodes[i]!.proc.stop();
      nodes[i] = await startNode(clusterDir, names[i]!, logDir, nodeArgs, { port });
      processes[i] = nodes[i]!.proc;
    };
    return { ports, replicaPorts, url: `redis://127.0.0.1:${ports[0]}`, processes, killNode, restartNode, stop };
  } catch (err) {
    await stop();
    throw err;
  } finally {
    clients.forEach((c) => c.disconnect());
  }
}
