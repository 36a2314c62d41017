// psql, redis-cli and aws native vs spawned, side by side in one run against
// one sandbox (its servers are separate processes, so they do not share the
// benchmark's event loop).
//   npm run bench:clients   (BENCH_CASES=psql,redis-cli,aws to pick; BENCH_ROUNDS=N for a fixed count;
//   BENCH_BASELINE=DIR to also run the native commands with another checkout's engine, see scripts/bench.mjs)
// For each command: the real CLI spawned (from a helper process, see
// bench/spawner.ts), the same command native in a warm
// notebook session, and a raw round trip (the floor): a pg client query, a
// RESP request on a plain socket, an unsigned HTTP GET of the same S3 listing;
// and, for redis-cli and aws, the client library called directly (ioredis, the
// S3 SDK), which shows how much of the native time is the library's own. The
// S3 SDK there is the package as published, with its own XML parser; native
// runs use the extension's client bundle, which reads responses with ours
// (src/clients/xmlParser.ts).
// Paths run in a balanced order (bench/order.ts), as many rounds as fit in
// the round budget and at least 32: a median of 15 swings by a quarter on a
// shared machine.
// Goals: native >= 20x faster than the spawned CLI for psql and redis-cli,
// >= 50x for the small aws listing, and within 1.3x of the raw GET for the
// 1,000-object listing, where the server's own time dominates.

import http from 'node:http';
import net from 'node:net';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { benchEngines, type Engine } from './engines';
import { startSandboxProcess } from './sandboxProcess';
import { median, timed } from './measure';
import { balancedOrders } from './order';
import { startSpawner } from './spawner';

// Where a round is quick, more rounds cost little: each command gets as many as fit in
// ROUND_BUDGET_MS, and never fewer than MIN_ROUNDS (a median of 16 one-second rounds still
// swung by 0.1 of the 1,000-object ratio between runs here).
const FIXED_ROUNDS = process.env.BENCH_ROUNDS ? Number(process.env.BENCH_ROUNDS) : undefined;
const ROUND_BUDGET_MS = 15_000;
const MIN_ROUNDS = 32;
const MAX_ROUNDS = 100;
const SETTLE_MS = 30;

interface Case {
  name: string;
  command: string;
  /** The same command as argv for the spawned CLI. */
  argv: (env: Record<string, string | undefined>) => string[];
  /** What the output must contain, so a failure is never timed as a fast run. */
  expect: string;
  raw: () => Promise<void>;
  rawLabel: string;
  /** The client library alone, without the engine or the CLI's formatting (where it is not the raw path). */
  library?: () => Promise<void>;
  goal: { spawnedOverNative?: number; nativeOverRaw?: number };
}

/** One RESP request on a kept-open socket; resolves when the whole bulk reply has arrived. */
function respClient(url: string): { request: (args: string[]) => Promise<void>; close: () => void } {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  socket.setNoDelay(true);
  let pending: { resolve: () => void; buffer: Buffer } | undefined;
  socket.on('data', (chunk: Buffer) => {
    if (!pending) return;
    pending.buffer = Buffer.concat([pending.buffer, chunk]);
    const header = pending.buffer.indexOf('\r\n');
    if (header < 0) return;
    const length = Number(pending.buffer.subarray(1, header).toString());
    if (pending.buffer.length >= header + 2 + length + 2) {
      const done = pending.resolve;
      pending = undefined;
      done();
    }
  });
  return {
    request: (args) =>
      new Promise<void>((resolve) => {
        pending = { resolve, buffer: Buffer.alloc(0) };
        socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`);
      }),
    close: () => socket.destroy(),
  };
}

async function main(): Promise<void> {
  // The SDK's notice about Node 20 support would land in the table.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const sandbox = await startSandboxProcess('postgres,redis,s3', 'clients');
  const env: Record<string, string | undefined> = { ...process.env, ...sandbox.env };
  const spawner = startSpawner(env);
  // Each engine with a warm session of its own.
  const engines = benchEngines().map((engine) => ({ engine, session: new engine.Session(process.cwd(), env), registry: engine.createRegistry() }));
  const pg = new Client({ host: env.PGHOST, port: Number(env.PGPORT), user: env.PGUSER, password: env.PGPASSWORD, database: env.PGDATABASE });
  await pg.connect();
  const resp = respClient(env.REDIS_URL!);
  const ioredis = new Redis(env.REDIS_URL!);
  const s3 = new S3Client({
    endpoint: env.AWS_ENDPOINT_URL,
    region: env.AWS_DEFAULT_REGION ?? 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! },
  });
  const s3List = (prefix: string) => async () => {
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: 'archive-bucket', Prefix: prefix, Delimiter: '/', ContinuationToken: token }));
      token = page.NextContinuationToken;
    } while (token);
  };
  const agent = new http.Agent({ keepAlive: true });
  const s3Get = (query: string) => () =>
    new Promise<void>((resolve, reject) => {
      http
        .get(`${env.AWS_ENDPOINT_URL}/archive-bucket?${query}`, { agent }, (res) => {
          if (res.statusCode !== 200) reject(new Error(`S3 GET: HTTP ${res.statusCode}`));
          res.resume();
          res.on('end', resolve);
        })
        .on('error', reject);
    });

  const cases: Case[] = [
    {
      name: 'psql',
      command: "psql -c 'SELECT count(*) FROM pg_stat_activity'",
      argv: () => ['psql', '-c', 'SELECT count(*) FROM pg_stat_activity'],
      expect: '(1 row)',
      raw: async () => void (await pg.query('SELECT count(*) FROM pg_stat_activity')),
      rawLabel: 'pg client query',
      goal: { spawnedOverNative: 20 },
    },
    {
      name: 'redis-cli',
      command: 'redis-cli -u "$REDIS_URL" INFO memory',
      argv: (e) => ['redis-cli', '-u', e.REDIS_URL!, 'INFO', 'memory'],
      expect: 'used_memory:',
      raw: () => resp.request(['INFO', 'memory']),
      rawLabel: 'RESP on a socket',
      library: async () => void (await ioredis.callBuffer('INFO', 'memory')),
      goal: { spawnedOverNative: 20 },
    },
    {
      name: 'aws (10 objects)',
      command: 'aws s3 ls s3://archive-bucket/bench-10/',
      argv: () => ['aws', 's3', 'ls', 's3://archive-bucket/bench-10/'],
      expect: 'object-09',
      raw: s3Get('list-type=2&prefix=bench-10%2F&delimiter=%2F&encoding-type=url'),
      rawLabel: 'unsigned HTTP GET',
      library: s3List('bench-10/'),
      goal: { spawnedOverNative: 50 },
    },
    {
      name: 'aws (1,047-object bucket)',
      command: 'aws s3 ls s3://archive-bucket/',
      argv: () => ['aws', 's3', 'ls', 's3://archive-bucket/'],
      expect: 'PRE bench-1000/',
      raw: s3Get('list-type=2&prefix=&delimiter=%2F&encoding-type=url'),
      rawLabel: 'unsigned HTTP GET',
      library: s3List(''),
      goal: { nativeOverRaw: 1.3 },
    },
    {
      name: 'aws (1,000 objects listed)',
      command: 'aws s3 ls s3://archive-bucket/bench-1000/',
      argv: () => ['aws', 's3', 'ls', 's3://archive-bucket/bench-1000/'],
      expect: 'object-0999.json',
      raw: s3Get('list-type=2&prefix=bench-1000%2F&delimiter=%2F&encoding-type=url'),
      rawLabel: 'unsigned HTTP GET',
      library: s3List('bench-1000/'),
      goal: { nativeOverRaw: 1.3 },
    },
  ];

  // One signal for every run: a signal that is never aborted is the same to the engine whether it is new or
  // not, and making one is setup that a spawning extension would also do, not part of running the command.
  const signal = new AbortController().signal;
  const native = ({ engine, session, registry }: { engine: Engine; session: InstanceType<Engine['Session']>; registry: ReturnType<Engine['createRegistry']> }, c: Case) => async () => {
    let out = '';
    const run = await engine.runCell(c.command, {
      language: 'shellscript', session, registry, signal, isTTY: false,
      events: { stdout: (t) => (out += t), stderr: (t) => (out += t), clear: () => undefined },
      hooks: { resolve: async () => undefined, confirm: async () => true },
    });
    if (run.exitCode !== 0 || !out.includes(c.expect)) throw new Error(`${engine.label} ${c.command} failed: ${out.slice(0, 400)}`);
  };
  // The real CLI as a program, without a shell in front of it (the shell would only add to its time),
  // from the spawner process (bench/spawner.ts: a fork here would slow the next in-process measurement).
  const spawned = (c: Case) => async () => {
    const r = await spawner.run(c.argv(env));
    if (r.status !== 0 || !r.stdout.includes(c.expect)) throw new Error(`spawned ${c.command} failed: ${r.stderr.slice(0, 400)}`);
    return r.ms;
  };

  console.log(`clients: interleaved rounds per command, ${FIXED_ROUNDS ?? `as many as fit in ${ROUND_BUDGET_MS / 1000} s (${MIN_ROUNDS}-${MAX_ROUNDS})`} (node ${process.version}); medians in ms`);
  console.log('command'.padEnd(46) + 'spawned'.padStart(10) + 'native'.padStart(10) + 'library'.padStart(10) + 'raw'.padStart(10) + '  spawned/native  native/raw  spawned/library');
  let failed = false;
  const only = process.env.BENCH_CASES?.split(',');
  for (const c of cases.filter((k) => !only || only.some((o) => k.name.startsWith(o)))) {
    const paths: Record<string, () => Promise<number | void> | void> = { spawned: spawned(c), raw: c.raw, ...(c.library ? { library: c.library } : {}) };
    for (const e of engines) paths[e.engine.label] = native(e, c);
    // Run every path once first (connections, the CLI's own caches); that round's time sets the count.
    const warm = Date.now();
    for (const fn of Object.values(paths)) await fn();
    const names = Object.keys(paths);
    const roundMs = Date.now() - warm + SETTLE_MS * names.length;
    const orders = balancedOrders(names.length);
    // Whole cycles of the balanced orders, so each path follows each other one equally often.
    const fitting = Math.max(MIN_ROUNDS, Math.min(MAX_ROUNDS, Math.floor(ROUND_BUDGET_MS / roundMs)));
    const rounds = FIXED_ROUNDS ?? Math.ceil(fitting / orders.length) * orders.length;
    const times: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, [] as number[]]));
    for (let round = 0; round < rounds; round++) {
      for (const name of orders[round % orders.length]!.map((k) => names[k]!)) {
        // Let the previous measurement's aftermath (a process exiting, its server session closing) settle first.
        await new Promise((r) => setTimeout(r, SETTLE_MS));
        times[name]!.push(await timed(paths[name]!));
      }
    }
    const s = median(times.spawned!);
    const n = median(times.native!);
    const r = median(times.raw!);
    const l = times.library ? median(times.library) : undefined;
    const speedup = s / n;
    const overRaw = n / r;
    const goals: string[] = [];
    if (c.goal.spawnedOverNative) {
      const met = speedup >= c.goal.spawnedOverNative;
      failed ||= !met;
      goals.push(`goal >= ${c.goal.spawnedOverNative}x ${met ? 'met' : 'MISSED'}`);
    }
    if (c.goal.nativeOverRaw) {
      const met = overRaw <= c.goal.nativeOverRaw;
      failed ||= !met;
      goals.push(`goal <= ${c.goal.nativeOverRaw}x of the ${c.rawLabel} ${met ? 'met' : 'MISSED'}`);
    }
    console.log(
      c.command.padEnd(46) + s.toFixed(2).padStart(10) + n.toFixed(2).padStart(10) + (l?.toFixed(2) ?? '-').padStart(10) + r.toFixed(2).padStart(10) +
        `${speedup.toFixed(1).padStart(14)}x${overRaw.toFixed(2).padStart(11)}x${(l ? `${(s / l).toFixed(1)}x` : '-').padStart(16)}   (${c.name}; ${rounds} rounds; raw: ${c.rawLabel}; ${goals.join(', ')})`,
    );
    if (times.base) {
      const b = median(times.base);
      console.log(
        '  the same, baseline engine'.padEnd(46) + s.toFixed(2).padStart(10) + b.toFixed(2).padStart(10) + (l?.toFixed(2) ?? '-').padStart(10) + r.toFixed(2).padStart(10) +
          `${(s / b).toFixed(1).padStart(14)}x${(b / r).toFixed(2).padStart(11)}x${'-'.padStart(16)}   (native/base ${(n / b).toFixed(3)}x)`,
      );
    }
  }

  spawner.stop();
  resp.close();
  ioredis.disconnect();
  s3.destroy();
  agent.destroy();
  await pg.end();
  for (const { session } of engines) await session.dispose();
  await sandbox.stop();
  if (failed) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
