// The sandbox's services answer the sample runbook's commands through the
// real CLIs (psql, redis-cli, aws, curl, kubectl), and the numbers they show
// sit in the scenario's band of the runbook's thresholds.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { acquireSandbox, levelAbove, levelBelow, runCli, which, type SandboxLease } from './testing';

// The sample runbook's "Monitoring Thresholds".
const DB_CONNECTIONS = { warning: 80, critical: 90 };
const DB_STORAGE = { warning: 75, critical: 90 };
const CACHE_MEMORY = { warning: 75, critical: 90 };
const CACHE_HITS = { warning: 85, critical: 70 }; // below these is bad

function infoNumber(text: string, field: string): number {
  const m = new RegExp(`^${field}:(\\d+)`, 'm').exec(text);
  assert.ok(m, `INFO output has ${field}:\n${text}`);
  return Number(m[1]);
}

/** Bytes of a Kubernetes quantity such as 40641Ki, 10Gi or 41616384. */
function quantityBytes(q: string): number {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(q.trim());
  assert.ok(m, `a storage quantity: ${q}`);
  const mult: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };
  return Number(m[1]) * (m[2] ? mult[m[2]]! : 1);
}

/** RUNBOOK_HOSTS "name:port=address:port,..." -> map. */
function hostMap(value: string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of (value ?? '').split(',').filter(Boolean)) {
    const [from, to] = entry.split('=');
    map.set(from!, to!);
  }
  return map;
}

describe('sandbox services through the real CLIs', { timeout: 300_000 }, () => {
  let lease: SandboxLease | undefined;
  let env: Record<string, string> = {};
  let scenario = 'normal';
  let aws: string | undefined;
  let kubectl: string | undefined;

  before(async () => {
    lease = await acquireSandbox();
    env = lease.env;
    scenario = env.SANDBOX_SCENARIO ?? 'normal';
    aws = await which('aws');
    kubectl = await which('kubectl');
  });
  after(async () => {
    await lease?.stop();
  });

  const psql = (args: string[], extra: Record<string, string> = {}) => runCli('psql', ['-X', ...args], { ...env, ...extra });

  describe('postgres', () => {
    it('SELECT * FROM pg_stat_replication returns one streaming replica', async () => {
      const r = await psql(['-c', 'SELECT * FROM pg_stat_replication;']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /\(1 row\)/);
      assert.match(r.stdout, /streaming/);
      const rep = await psql(['-At', '-p', env.PGREPLICA_PORT!, '-c', 'SELECT pg_is_in_recovery()', '-c', 'SELECT count(*) FROM games']);
      assert.equal(rep.code, 0, rep.stderr);
      assert.deepEqual(rep.stdout.trim().split('\n'), ['t', '6000']);
    });

    it('has rows older than 90 days to archive', async () => {
      for (const table of ['game_events', 'games']) {
        const r = await psql(['-At', '-c', `SELECT COUNT(*) FROM ${table} WHERE created_at < NOW() - INTERVAL '90 days';`]);
        assert.equal(r.code, 0, r.stderr);
        assert.ok(Number(r.stdout.trim()) > 0, `${table}: ${r.stdout}`);
      }
    });

    it('refuses a wrong password', async () => {
      const r = await psql(['-c', 'SELECT 1'], { PGPASSWORD: 'not-the-password' });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /password authentication failed for user "postgres"/);
    });

    it('pg_stat_activity / max_connections is in the scenario band', async () => {
      const r = await psql(['-At', '-c', 'SELECT count(*) FROM pg_stat_activity;', '-c', 'SHOW max_connections']);
      assert.equal(r.code, 0, r.stderr);
      const [count, max] = r.stdout.trim().split('\n').map(Number);
      const percent = (100 * count!) / max!;
      assert.equal(levelAbove(percent, DB_CONNECTIONS.warning, DB_CONNECTIONS.critical), scenario, `${count}/${max} = ${percent}%`);
    });
  });

  describe('redis', () => {
    it('INFO memory: used_memory / maxmemory is in the scenario band', async () => {
      const r = await runCli('redis-cli', ['-u', env.REDIS_URL!, 'INFO', 'memory'], env);
      assert.equal(r.code, 0, r.stderr);
      const percent = (100 * infoNumber(r.stdout, 'used_memory')) / infoNumber(r.stdout, 'maxmemory');
      assert.equal(levelAbove(percent, CACHE_MEMORY.warning, CACHE_MEMORY.critical), scenario, `${percent}%`);
    });

    it('INFO stats: the keyspace hit rate is in the scenario band', async () => {
      const r = await runCli('redis-cli', ['-u', env.REDIS_URL!, 'INFO', 'stats'], env);
      assert.equal(r.code, 0, r.stderr);
      const hits = infoNumber(r.stdout, 'keyspace_hits');
      const misses = infoNumber(r.stdout, 'keyspace_misses');
      const percent = (100 * hits) / (hits + misses);
      assert.equal(levelBelow(percent, CACHE_HITS.warning, CACHE_HITS.critical), scenario, `${hits}/${hits + misses}`);
    });

    it('redis-cluster:6379 (through RUNBOOK_HOSTS) is a healthy three-node cluster', async () => {
      const target = hostMap(env.RUNBOOK_HOSTS).get('redis-cluster:6379');
      assert.ok(target, `RUNBOOK_HOSTS maps redis-cluster:6379: ${env.RUNBOOK_HOSTS}`);
      const [host, port] = target.split(':');
      const info = await runCli('redis-cli', ['-c', '-h', host!, '-p', port!, 'CLUSTER', 'INFO'], env);
      assert.equal(info.code, 0, info.stderr);
      assert.match(info.stdout, /cluster_state:ok/);
      assert.match(info.stdout, /cluster_known_nodes:3\b/);
      const check = await runCli('redis-cli', ['--cluster', 'check', target], env);
      assert.equal(check.code, 0, check.stdout + check.stderr);
      assert.match(check.stdout, /All 16384 slots covered/);
    });
  });

  describe('aws', () => {
    it('aws s3 ls lists the archive bucket, its benchmark prefixes and more than one page', async (t) => {
      if (!aws) return t.skip('no aws CLI on PATH (pip install awscli, or apt-get install awscli)');
      const top = await runCli('aws', ['s3', 'ls', 's3://archive-bucket/'], env);
      assert.equal(top.code, 0, top.stderr);
      assert.match(top.stdout, /PRE 2024\//);
      assert.match(top.stdout, /manifest\.json/);
      const small = await runCli('aws', ['s3', 'ls', 's3://archive-bucket/bench-10/'], env);
      assert.equal(small.stdout.trim().split('\n').length, 10, small.stdout + small.stderr);
      const all = await runCli('aws', ['s3', 'ls', '--recursive', 's3://archive-bucket/'], env);
      assert.equal(all.code, 0, all.stderr);
      assert.ok(all.stdout.trim().split('\n').length > 1000, 'a listing past one 1,000-key page');
    });

    it('aws cloudfront: get-distribution-config, and If-Match rules on update', async (t) => {
      if (!aws) return t.skip('no aws CLI on PATH (pip install awscli, or apt-get install awscli)');
      const id = env.CLOUDFRONT_DISTRIBUTION_ID!;
      const viaFlag = await runCli('aws', ['cloudfront', 'get-distribution-config', '--id', id, '--endpoint-url', env.AWS_ENDPOINT_URL_CLOUDFRONT!], env);
      assert.equal(viaFlag.code, 0, viaFlag.stderr);
      // aws-cli 1.45 also honours the service-specific AWS_ENDPOINT_URL_CLOUDFRONT.
      const got = await runCli('aws', ['cloudfront', 'get-distribution-config', '--id', id], env);
      assert.equal(got.code, 0, got.stderr);
      const { ETag, DistributionConfig } = JSON.parse(got.stdout) as { ETag: string; DistributionConfig: Record<string, unknown> };
      assert.match(ETag, /^E[A-Z0-9]+$/);
      assert.equal(DistributionConfig.Enabled, true);
      const config = JSON.stringify(DistributionConfig);

      const noIfMatch = await runCli('aws', ['cloudfront', 'update-distribution', '--id', id, '--distribution-config', config], env);
      assert.notEqual(noIfMatch.code, 0);
      assert.match(noIfMatch.stderr, /InvalidIfMatchVersion.*The If-Match version is missing or not valid for the resource/);
      const stale = await runCli('aws', ['cloudfront', 'update-distribution', '--id', id, '--distribution-config', config, '--if-match', 'E0000000000000'], env);
      assert.notEqual(stale.code, 0);
      assert.match(stale.stderr, /PreconditionFailed/);
      const ok = await runCli('aws', ['cloudfront', 'update-distribution', '--id', id, '--distribution-config', config, '--if-match', ETag], env);
      assert.equal(ok.code, 0, ok.stderr);
      const updated = JSON.parse(ok.stdout) as { ETag: string; Distribution: { Id: string } };
      assert.equal(updated.Distribution.Id, id);
      assert.notEqual(updated.ETag, ETag);

      const inv = await runCli('aws', ['cloudfront', 'create-invalidation', '--distribution-id', id, '--paths', '/*'], env);
      assert.equal(inv.code, 0, inv.stderr);
      assert.match(inv.stdout, /"Status": "InProgress"/);
    });
  });

  describe('https', () => {
    it('curl https://api.tiktok-toe.com/health with the sandbox CA and --connect-to gets 200', async () => {
      const r = await runCli('curl', ['-sS', '--connect-to', env.SANDBOX_CURL_CONNECT_TO!, 'https://api.tiktok-toe.com/health', '-w', '\n%{http_code}'], env);
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.trim().split('\n');
      assert.equal(lines.at(-1), '200');
      assert.equal((JSON.parse(lines[0]!) as { status: string }).status, 'ok');
      const timing = await runCli('curl', ['-w', '%{time_total}\n', '-o', '/dev/null', '-s', '--connect-to', env.SANDBOX_CURL_CONNECT_TO!, 'https://api.tiktok-toe.com/health'], env);
      assert.match(timing.stdout.trim(), /^\d+\.\d+$/);
    });

    it('the certificate is trusted only through the sandbox CA', async () => {
      const r = await runCli('curl', ['-sS', '--cacert', '/etc/ssl/certs/ca-certificates.crt', '--connect-to', env.SANDBOX_CURL_CONNECT_TO!, 'https://api.tiktok-toe.com/health'], env);
      assert.equal(r.code, 60, `curl exit 60 (certificate problem): ${r.stderr}`);
    });
  });

  describe('kubernetes', () => {
    it('the postgres PVC is filled to the scenario band', async (t) => {
      if (!env.KUBECONFIG) return t.skip('the sandbox runs no Kubernetes API simulator (no KUBECONFIG)');
      if (!kubectl) return t.skip('no kubectl on PATH');
      const pvc = await runCli('kubectl', ['get', 'pvc', 'data-postgresql-0', '-o', 'jsonpath={.status.capacity.storage}'], env);
      assert.equal(pvc.code, 0, pvc.stderr);
      const size = await psql(['-At', '-c', "SELECT pg_database_size('tiktoktoe')"]);
      const percent = (100 * Number(size.stdout.trim())) / quantityBytes(pvc.stdout);
      assert.equal(levelAbove(percent, DB_STORAGE.warning, DB_STORAGE.critical), scenario, `${size.stdout.trim()} of ${pvc.stdout} = ${percent}%`);
    });
  });
});
