// PostgreSQL for the sandbox: a primary and a streaming replica, each a real
// `postgres` server run as a child process on loopback (TCP only, password
// auth), a seeded `tiktoktoe` database, and idle application connections that
// put pg_stat_activity at the scenario's share of max_connections.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Scenario } from './scenario';
import { freePort, isRoot, ServiceProcess, waitFor } from './processes';
import { SEED_SQL } from './postgres-seed';

export const MAX_CONNECTIONS = 50;
export const DATABASE = 'tiktoktoe';
const SUPERUSER = 'postgres';
const APP_USER = 'tiktoktoe_app';
const SLOT = 'sandbox_replica';

export interface PostgresCluster {
  host: string;
  port: number;
  replicaPort: number;
  user: string;
  password: string;
  database: string;
  maxConnections: number;
  /** pg_database_size of the seeded database after seeding. */
  dbSizeBytes: number;
  /** pg_stat_activity rows (including the asking session) the load aims at. */
  connectionTarget: number;
  processes: ServiceProcess[];
  /** Fast shutdown of the primary (its sessions end), then the same server again on the same port. */
  restartPrimary(): Promise<void>;
  /** Stops the replica for good (the primary's walsender for it goes). */
  stopReplica(): Promise<void>;
  stop(): Promise<void>;
}

/** The pg_stat_activity row count closest to `percent` of `max` (ties go down). */
export function connectionTarget(percent: number, max = MAX_CONNECTIONS): number {
  return Math.min(max, Math.ceil((percent * max) / 100 - 0.5));
}

/** The newest PostgreSQL server binaries on this machine (SANDBOX_PG_BIN overrides). */
export function postgresBinDir(): string {
  const fromEnv = process.env.SANDBOX_PG_BIN;
  if (fromEnv) return fromEnv;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(join(base, v, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error('no PostgreSQL server found under /usr/lib/postgresql; run scripts/ensure-system-deps.sh');
  }
  return join(base, versions[0]!, 'bin');
}

const OS_USER = isRoot ? 'postgres' : undefined;
const execFileAsync = promisify(execFile);

function ownForServer(path: string): void {
  if (!OS_USER) return;
  const id = (flag: string) => Number(spawnSync('id', [flag, OS_USER]).stdout.toString().trim());
  chownSync(path, id('-u'), id('-g'));
}

/** Runs a PostgreSQL tool to completion as the server's user. */
async function runTool(bin: string, tool: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  const full = join(bin, tool);
  const [cmd, argv] = OS_USER
    ? ['setpriv', [`--reuid=${OS_USER}`, `--regid=${OS_USER}`, '--init-groups', full, ...args]]
    : [full, args];
  try {
    await execFileAsync(cmd, argv as string[], { env: { ...process.env, ...env }, encoding: 'utf8' });
  } catch (err) {
    const e = err as { code?: number; stderr?: string; stdout?: string; message: string };
    throw new Error(`${tool} failed (${e.code ?? '?'}): ${(e.stderr || e.stdout || e.message).trim()}`);
  }
}

function serverConf(): string {
  return [
    '',
    '# runbook sandbox (the port is given on the command line)',
    "listen_addresses = '127.0.0.1'",
    "unix_socket_directories = ''",
    `max_connections = ${MAX_CONNECTIONS}`,
    'superuser_reserved_connections = 3',
    // A disposable fixture: durability off for speed.
    'fsync = off',
    'synchronous_commit = off',
    'full_page_writes = off',
    // Stable pg_stat_activity counts: no autovacuum or parallel workers coming and going.
    'autovacuum = off',
    'max_parallel_workers_per_gather = 0',
    'shared_buffers = 32MB',
    'wal_level = replica',
    'max_wal_senders = 5',
    'max_replication_slots = 5',
    'hot_standby = on',
    "log_line_prefix = '%m [%p] '",
    '',
  ].join('\n');
}

interface Conn {
  port: number;
  user: string;
  password: string;
  database: string;
  applicationName?: string;
}

async function connect(c: Conn): Promise<pg.Client> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port: c.port,
    user: c.user,
    password: c.password,
    database: c.database,
    application_name: c.applicationName ?? 'runbook-sandbox',
    connectionTimeoutMillis: 5000,
  });
  client.on('error', () => {
    // A server shutting down ends idle sessions; that is expected here.
  });
  await client.connect();
  return client;
}

async function startServer(
  bin: string,
  name: string,
  dataDir: string,
  logDir: string,
  password: string,
  fixedPort?: number,
): Promise<{ proc: ServiceProcess; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = fixedPort ?? (await freePort());
    const proc = new ServiceProcess({
      name,
      command: join(bin, 'postgres'),
      args: ['-D', dataDir, '-p', String(port)],
      logFile: join(logDir, `${name}.log`),
      user: OS_USER,
      stopSignal: 'SIGINT', // fast shutdown: ends sessions, no waiting for clients
      parentDeathSignal: 'QUIT', // immediate shutdown if the sandbox dies
    });
    try {
      await proc.waitUntil(`${name} to accept connections`, async () => {
        const c = await connect({ port, user: SUPERUSER, password, database: 'postgres' });
        await c.end();
        return true;
      });
      return { proc, port };
    } catch (err) {
      await proc.stop(1000);
      const portClash = /could not bind|Address already in use/.test(proc.logTail());
      if (!portClash || attempt >= 3 || fixedPort !== undefined) throw err;
    }
  }
}

export async function startPostgres(opts: {
  dir: string;
  scenario: Scenario;
  log?: (line: string) => void;
}): Promise<PostgresCluster> {
  const log = opts.log ?? (() => {});
  const bin = postgresBinDir();
  const root = join(opts.dir, 'postgres');
  const logDir = join(opts.dir, 'logs');
  mkdirSync(root, { recursive: true });
  mkdirSync(logDir, { recursive: true });
  ownForServer(root);
  if (OS_USER && spawnSync('setpriv', [`--reuid=${OS_USER}`, `--regid=${OS_USER}`, '--init-groups', 'test', '-w', root]).status !== 0) {
    throw new Error(`the ${OS_USER} user cannot write ${root}; give the sandbox a directory every user can traverse`);
  }
  const password = randomBytes(12).toString('hex');
  const appPassword = randomBytes(12).toString('hex');
  const pwFile = join(root, 'superuser-password');
  writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  ownForServer(pwFile);

  const primaryDir = join(root, 'primary');
  const replicaDir = join(root, 'replica');
  await runTool(bin, 'initdb', [
    '-D', primaryDir, '-U', SUPERUSER, `--pwfile=${pwFile}`,
    '--auth-local=trust', '--auth-host=scram-sha-256',
    '--no-sync', '--no-instructions', '-E', 'UTF8', '--locale=C',
  ]);
  writeFileSync(join(primaryDir, 'postgresql.conf'), serverConf(), { flag: 'a' });
  log('postgres: initdb done');

  const processes: ServiceProcess[] = [];
  const idle: pg.Client[] = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.all(idle.map((c) => c.end().catch(() => {})));
    // Replica first, so the primary's walsender is not left waiting on it.
    for (const p of [...processes].reverse()) await p.stop();
  };

  try {
    const primary = await startServer(bin, 'postgres-primary', primaryDir, logDir, password);
    processes.push(primary.proc);
    const admin: Conn = { port: primary.port, user: SUPERUSER, password, database: 'postgres' };
    const c = await connect(admin);
    await c.query(`CREATE ROLE ${APP_USER} LOGIN PASSWORD '${appPassword}'`);
    await c.query(`CREATE DATABASE ${DATABASE} OWNER ${APP_USER}`);
    await c.end();
    const db = await connect({ ...admin, database: DATABASE });
    await db.query(SEED_SQL);
    await db.query(`GRANT ALL ON ALL TABLES IN SCHEMA public TO ${APP_USER}`);
    await db.query(`GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO ${APP_USER}`);
    log('postgres: primary seeded');

    // The replica: a base backup streamed from the primary, with a slot so the
    // primary keeps the WAL the replica has not yet received.
    await runTool(
      bin,
      'pg_basebackup',
      ['-h', '127.0.0.1', '-p', String(primary.port), '-U', SUPERUSER, '-D', replicaDir,
        '-X', 'stream', '-C', '-S', SLOT, '-R', '--no-sync', '-c', 'fast'],
      { PGPASSWORD: password },
    );
    // Name the standby in pg_stat_replication.application_name.
    const autoConf = join(replicaDir, 'postgresql.auto.conf');
    writeFileSync(
      autoConf,
      readFileSync(autoConf, 'utf8').replace("primary_conninfo = '", "primary_conninfo = 'application_name=postgresql-replica-1 "),
    );
    const replica = await startServer(bin, 'postgres-replica', replicaDir, logDir, password);
    processes.push(replica.proc);
    await waitFor('the replica to stream from the primary', async () => {
      const r = await db.query("SELECT 1 FROM pg_stat_replication WHERE state = 'streaming'");
      return r.rowCount === 1 ? true : undefined;
    });
    log('postgres: replica streaming');

    const size = await db.query<{ size: string }>(`SELECT pg_database_size('${DATABASE}')::text AS size`);
    const dbSizeBytes = Number(size.rows[0]!.size);

    // Connection load. `db` stands in for the session that will ask: the
    // target counts the asking session, so open (target - rows now) more.
    const target = connectionTarget(opts.scenario.dbConnectionsPercent);
    const count = async (client: pg.Client) =>
      Number((await client.query<{ n: string }>('SELECT count(*)::text AS n FROM pg_stat_activity')).rows[0]!.n);
    const toOpen = Math.max(0, target - (await count(db)));
    const app: Conn = { port: primary.port, user: APP_USER, password: appPassword, database: DATABASE, applicationName: 'tiktoktoe-api' };
    for (let i = 0; i < toOpen; i += 8) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(8, toOpen - i) }, async () => {
          const client = await connect(app);
          await client.query('SELECT 1');
          return client;
        }),
      );
      idle.push(...batch);
    }
    await db.end();
    const check = await connect(admin);
    try {
      await waitFor(`pg_stat_activity to settle at ${target} rows`, async () => ((await count(check)) === target ? true : undefined), {
        timeoutMs: 5000,
      });
    } finally {
      await check.end();
    }
    log(`postgres: ${idle.length} idle app connections`);

    const restartPrimary = async () => {
      const old = processes[0]!;
      await old.stop();
      processes[0] = (await startServer(bin, 'postgres-primary', primaryDir, logDir, password, primary.port)).proc;
    };
    const stopReplica = async () => {
      await processes[1]?.stop();
    };

    return {
      host: '127.0.0.1',
      port: primary.port,
      replicaPort: replica.port,
      user: SUPERUSER,
      password,
      database: DATABASE,
      maxConnections: MAX_CONNECTIONS,
      dbSizeBytes,
      connectionTarget: target,
      processes,
      restartPrimary,
      stopReplica,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
