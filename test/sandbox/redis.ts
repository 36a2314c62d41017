// Redis for the sandbox: a standalone cache loaded to the scenario's memory use
// and hit rate, and a three-node Redis Cluster (no replicas). Every node is a
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
  stop(): Promise<void>;
}

export interface RedisClusterNodes {
  ports: number[];
  url: string;
  processes: ServiceProcess[];
  stop(): Promise<void>;
}

function client(port: number): Redis {
  const r = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  r.on('error', () => {});
  return r;
}

async function startNode(dir: string, name: string, logDir: string, extra: string[], portOpts: { alsoFree?: number[] } = {}) {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort(portOpts);
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
      if (!/Address already in use/.test(proc.logTail()) || attempt >= 3) throw err;
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
  const { proc, port } = await startNode(join(opts.dir, 'redis'), 'redis', logDir, ['--maxmemory-policy', 'noeviction']);
  const stop = async () => proc.stop();
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
    return { port, url: `redis://127.0.0.1:${port}`, maxmemoryBytes, hits, misses, processes: [proc], stop };
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

export async function startRedisCluster(opts: { dir: string; log?: (line: string) => void }): Promise<RedisClusterNodes> {
  const logDir = join(opts.dir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const started = await Promise.allSettled(
    CLUSTER_SLOT_RANGES.map((_, i) =>
      startNode(
        join(opts.dir, 'redis-cluster'),
        `redis-cluster-${i + 1}`,
        logDir,
        ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '15000'],
        { alsoFree: [CLUSTER_BUS_OFFSET] },
      ),
    ),
  );
  const nodes = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const stop = async () => {
    await Promise.all(nodes.map((n) => n.proc.stop()));
  };
  const clients = nodes.map((n) => client(n.port));
  try {
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    await Promise.all(clients.map((c) => c.connect()));

    // What `redis-cli --cluster create` does: give each master its slots and
    // its own config epoch, then introduce the nodes to each other.
    await Promise.all(
      clients.map(async (c, i) => {
        const [start, end] = CLUSTER_SLOT_RANGES[i]!;
        await c.call('CLUSTER', 'ADDSLOTSRANGE', start, end);
        await c.call('CLUSTER', 'SET-CONFIG-EPOCH', i + 1);
      }),
    );
    for (const n of nodes.slice(1)) await clients[0]!.call('CLUSTER', 'MEET', '127.0.0.1', n.port);
    await Promise.all(
      nodes.map((n, i) =>
        n.proc.waitUntil(
          `${n.proc.name} to report cluster_state:ok`,
          async () => {
            const info = String(await clients[i]!.call('CLUSTER', 'INFO'));
            return /cluster_state:ok/.test(info) && /cluster_known_nodes:3\b/.test(info) ? true : undefined;
          },
          { timeoutMs: 30_000 },
        ),
      ),
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
    opts.log?.('redis cluster: 3 masters, cluster_state:ok');
    const ports = nodes.map((n) => n.port);
    return { ports, url: `redis://127.0.0.1:${ports[0]}`, processes: nodes.map((n) => n.proc), stop };
  } catch (err) {
    await stop();
    throw err;
  } finally {
    clients.forEach((c) => c.disconnect());
  }
}
