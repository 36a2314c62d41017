// The sandbox: every service a runbook talks to, started together on random
// loopback ports with their data in a temporary directory, and one env file
// with the connection settings. A test/demo fixture, not product code.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCENARIOS, scenarioFromEnv, type Scenario } from './scenario';
import { writeEnvFile } from './envfile';
import { startPostgres, type PostgresCluster } from './postgres';
import { startRedis, startRedisCluster, type RedisClusterNodes, type RedisStandalone } from './redis';
import { ARCHIVE_BUCKET, S3_ACCESS_KEY, S3_REGION, S3_SECRET_KEY, startS3, type S3Server } from './s3';
import type { Clock } from './clock';
import { scaleFromEnv, type Scale } from './scale';
import { startCloudFront, type CloudFrontEndpoint } from './cloudfront';
import { API_HOST, makeCertificates, startHealthServer, type HealthServer } from './health';
import { loadKubeModule, startKube, type KubeHandle } from './kube-link';
import type { ServiceProcess } from './processes';

export { SCENARIOS, scenarioFromEnv, type Scenario };

export type ServiceName = 'postgres' | 'redis' | 'redis-cluster' | 's3' | 'cloudfront' | 'https' | 'kube';
export const ALL_SERVICES: readonly ServiceName[] = ['postgres', 'redis', 'redis-cluster', 's3', 'cloudfront', 'https', 'kube'];

export interface SandboxOptions {
  scenario?: Scenario;
  /** Parent of the sandbox's temporary directory (default: the system temp dir). */
  dir?: string;
  /** No progress lines on stderr. */
  quiet?: boolean;
  /** Start only these (default: all). `kube` sizes its PVC from `postgres` when both run. */
  services?: readonly ServiceName[];
  /** Where to write the env file (default: `env` inside the sandbox directory). */
  envFilePath?: string;
  /** The time the in-process CloudFront and TikTokToe API servers go by (default: the wall clock). */
  clock?: Clock;
  /** The simulated clusters' size, churn and number (default: SANDBOX_PODS, SANDBOX_CHURN_PER_SECOND, SANDBOX_CLUSTERS). */
  scale?: Partial<Scale>;
}

export interface RunningService {
  name: string;
  address: string;
  detail: string;
}

export interface Sandbox {
  scenario: Scenario;
  /** The sandbox's temporary directory (data, logs, certificates, kubeconfig). */
  dir: string;
  env: Record<string, string>;
  envFilePath: string;
  /** What runs where, for people. */
  services: RunningService[];
  /** PIDs of the server processes (postgres, redis, s3rver). */
  pids: number[];
  startupMs: number;
  /** Orderly stop of every service, then the data directory goes. Idempotent. */
  stop(): Promise<void>;
  /** Immediate and synchronous: SIGKILL every server's process group, remove the data directory. */
  kill(): void;
}

const DIR_PREFIX = 'runbook-sandbox-';

/**
 * The PVC capacity at which the database fills the scenario's share of it:
 * dbSizeBytes / (dbStoragePercent / 100), rounded to whole KiB so that it
 * reads as a Kubernetes quantity (e.g. 40641Ki).
 */
export function pvcCapacityFor(dbSizeBytes: number, scenario: Scenario): number {
  return Math.round(dbSizeBytes / (scenario.dbStoragePercent / 100) / 1024) * 1024;
}
const OWNER_FILE = 'owner.pid';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes sandbox directories left by a process that no longer exists (killed with SIGKILL). */
export function sweepStaleSandboxes(parent = tmpdir()): string[] {
  const removed: string[] = [];
  for (const name of existsSync(parent) ? readdirSync(parent) : []) {
    if (!name.startsWith(DIR_PREFIX)) continue;
    const dir = join(parent, name);
    try {
      const pid = Number(readFileSync(join(dir, OWNER_FILE), 'utf8'));
      if (pid > 0 && !alive(pid)) {
        rmSync(dir, { recursive: true, force: true });
        removed.push(dir);
      }
    } catch {
      // not ours, or still being created
    }
  }
  return removed;
}

/** Sandboxes of this process that have not been stopped: their synchronous kill. */
const live = new Set<() => void>();
let cleanupInstalled = false;

/**
 * When this process ends without stopping its sandboxes (process.exit, an
 * uncaught error, or a signal nobody else handles, as when a test runner
 * kills a test file), kill their servers and remove their data on the way out.
 */
function installLastResortCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', () => [...live].forEach((k) => k()));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      if (process.listenerCount(signal) > 1) return; // someone else handles it (npm run sandbox does)
      [...live].forEach((k) => k());
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal); // and die of it, as without us
    };
    process.on(signal, onSignal);
  }
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const t0 = Date.now();
  const scenario = opts.scenario ?? scenarioFromEnv();
  const scale: Scale = { ...scaleFromEnv(), ...opts.scale };
  const wanted = new Set<ServiceName>(opts.services ?? ALL_SERVICES);
  const log = (line: string) => {
    if (!opts.quiet) process.stderr.write(`[sandbox +${((Date.now() - t0) / 1000).toFixed(1)}s] ${line}\n`);
  };
  const parent = opts.dir ?? tmpdir();
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, DIR_PREFIX));
  chmodSync(dir, 0o755); // the postgres user must reach its data directory
  writeFileSync(join(dir, OWNER_FILE), String(process.pid));
  const envFilePath = opts.envFilePath ?? join(dir, 'env');

  const stoppers: Array<{ name: string; stop: () => Promise<void> }> = [];
  const processes: ServiceProcess[] = [];
  let stopping: Promise<void> | undefined;
  const kill = () => {
    live.delete(kill);
    for (const p of processes) p.killGroup('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    if (envFilePath !== join(dir, 'env')) rmSync(envFilePath, { force: true });
  };
  live.add(kill);
  installLastResortCleanup();
  const stop = () =>
    (stopping ??= (async () => {
      live.delete(kill);
      const t = Date.now();
      await Promise.allSettled(
        stoppers.map(async (s) => {
          await s.stop();
          log(`stopped ${s.name} (${Date.now() - t} ms)`);
        }),
      );
      rmSync(dir, { recursive: true, force: true });
      try {
        if (envFilePath !== join(dir, 'env') && readFileSync(envFilePath, 'utf8').includes(`SANDBOX_DIR='${dir}'`)) rmSync(envFilePath);
      } catch {
        // already gone
      }
    })());

  const track = <T extends { stop(): Promise<void>; processes?: ServiceProcess[] }>(name: string, p: Promise<T>): Promise<T> =>
    p.then((v) => {
      stoppers.push({ name, stop: () => v.stop() });
      processes.push(...(v.processes ?? []));
      return v;
    });
  const maybe = <T>(name: ServiceName, start: () => Promise<T>): Promise<T | undefined> =>
    wanted.has(name) ? start() : Promise.resolve(undefined);

  // The simulator's modules load while the servers start.
  const kubeModule = wanted.has('kube') ? loadKubeModule() : undefined;
  kubeModule?.catch(() => {});
  try {
    const results = await Promise.allSettled([
      maybe('postgres', () => track('postgres', startPostgres({ dir, scenario, log }))),
      maybe('redis', () => track('redis', startRedis({ dir, scenario, log }))),
      maybe('redis-cluster', () => track('redis cluster', startRedisCluster({ dir, log }))),
      maybe('s3', () => track('s3', startS3({ dir, log }))),
      maybe('cloudfront', () => track('cloudfront', startCloudFront({ clock: opts.clock }))),
      maybe('https', async () => {
        const certs = await makeCertificates(dir);
        const server = await track('https', startHealthServer({ certs, scenario, clock: opts.clock }));
        return { server, certs };
      }),
    ] as const);
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    if (failures.length) {
      throw new Error(`sandbox failed to start:\n${failures.map((f) => `- ${f instanceof Error ? f.message : String(f)}`).join('\n')}`);
    }
    const value = <T>(r: PromiseSettledResult<T>): T => (r as PromiseFulfilledResult<T>).value;
    const pg = value(results[0]) as PostgresCluster | undefined;
    const redis = value(results[1]) as RedisStandalone | undefined;
    const cluster = value(results[2]) as RedisClusterNodes | undefined;
    const s3 = value(results[3]) as S3Server | undefined;
    const cf = value(results[4]) as CloudFrontEndpoint | undefined;
    const https = value(results[5]) as { server: HealthServer; certs: { caFile: string } } | undefined;

    // The cluster's PVC holds the database at the scenario's fill level.
    let kube: KubeHandle | undefined;
    if (kubeModule) {
      const pvcCapacityBytes = pg ? pvcCapacityFor(pg.dbSizeBytes, scenario) : undefined;
      kube = await track('kube', startKube({ module: kubeModule, scenario, scale, pvcCapacityBytes, kubeconfigPath: join(dir, 'kubeconfig'), log }));
    }

    const env: Record<string, string> = { SANDBOX_SCENARIO: scenario.name, SANDBOX_DIR: dir, SANDBOX_PID: String(process.pid) };
    const services: RunningService[] = [];
    const hosts: string[] = [];
    if (kube?.available) {
      env.KUBECONFIG = kube.kubeconfigPath;
      const size = scale.pods ? `, ${scale.pods} pods` : '';
      const churn = scale.churnPerSecond ? `, ${scale.churnPerSecond} restarts/s` : '';
      services.push({ name: 'kubernetes', address: kube.url, detail: `API simulator${size}${churn}, kubeconfig ${kube.kubeconfigPath}` });
      kube.others.forEach((url, i) => services.push({ name: `kubernetes ${i + 2}`, address: url, detail: `API simulator, context sandbox-${i + 2}` }));
    }
    if (pg) {
      Object.assign(env, {
        PGHOST: pg.host,
        PGPORT: String(pg.port),
        PGUSER: pg.user,
        PGPASSWORD: pg.password,
        PGDATABASE: pg.database,
        PGREPLICA_PORT: String(pg.replicaPort),
      });
      services.push({ name: 'postgres primary', address: `${pg.host}:${pg.port}`, detail: `database ${pg.database}, user ${pg.user}, max_connections ${pg.maxConnections}, ${pg.connectionTarget} sessions in pg_stat_activity` });
      services.push({ name: 'postgres replica', address: `${pg.host}:${pg.replicaPort}`, detail: 'hot standby, streaming from the primary' });
    }
    if (redis) {
      env.REDIS_URL = redis.url;
      services.push({ name: 'redis', address: redis.url, detail: `maxmemory ${redis.maxmemoryBytes} B, ${scenario.cacheMemoryPercent}% used, hit rate ${scenario.cacheHitRatePercent}%` });
    }
    if (cluster) {
      env.REDIS_CLUSTER_URL = cluster.url;
      env.REDIS_CLUSTER_NODES = cluster.ports.map((p) => `127.0.0.1:${p}`).join(',');
      hosts.push(`redis-cluster:6379=127.0.0.1:${cluster.ports[0]}`);
      services.push({ name: 'redis cluster', address: env.REDIS_CLUSTER_NODES, detail: '3 masters, 0 replicas; redis-cluster:6379 maps to the first' });
    }
    if (s3 || cf) {
      Object.assign(env, {
        AWS_ACCESS_KEY_ID: S3_ACCESS_KEY,
        AWS_SECRET_ACCESS_KEY: S3_SECRET_KEY,
        AWS_DEFAULT_REGION: S3_REGION,
        AWS_REGION: S3_REGION,
        AWS_PAGER: '',
      });
    }
    if (s3) {
      env.AWS_ENDPOINT_URL = s3.endpoint;
      env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
      env.S3_ARCHIVE_BUCKET = ARCHIVE_BUCKET;
      const counts = Object.entries(s3.objectCounts).map(([b, n]) => `${b} (${n})`).join(', ');
      services.push({ name: 's3 (s3rver)', address: s3.endpoint, detail: `buckets ${counts}` });
    }
    if (cf) {
      env.AWS_ENDPOINT_URL_CLOUDFRONT = cf.url;
      env.CLOUDFRONT_DISTRIBUTION_ID = cf.distributionId;
      services.push({ name: 'cloudfront', address: cf.url, detail: `distribution ${cf.distributionId} (${cf.domainName})` });
    }
    if (https) {
      env.CURL_CA_BUNDLE = https.certs.caFile;
      env.NODE_EXTRA_CA_CERTS = https.certs.caFile;
      env.SANDBOX_CURL_CONNECT_TO = `${API_HOST}:443:127.0.0.1:${https.server.port}`;
      env.SANDBOX_HEALTH_URL = `${https.server.url}/health`;
      env.SANDBOX_METRICS_URL = `${https.server.url}/metrics`;
      hosts.unshift(`${API_HOST}:443=127.0.0.1:${https.server.port}`);
      services.push({ name: 'tiktok-toe api', address: https.server.url, detail: `https://${API_HOST}/health and /metrics (${scenario.requestsPerSecond} requests/s), CA ${https.certs.caFile}` });
    }
    if (hosts.length) env.RUNBOOK_HOSTS = hosts.join(',');

    writeEnvFile(envFilePath, env);
    const startupMs = Date.now() - t0;
    log(`ready in ${(startupMs / 1000).toFixed(1)}s`);
    return { scenario, dir, env, envFilePath, services, pids: processes.map((p) => p.pid), startupMs, stop, kill };
  } catch (err) {
    await stop();
    throw err;
  }
}
