// Every tool that connects honours RUNBOOK_HOSTS: a made-up production name
// (db.prod.internal:5432, ...) reaches the sandbox server it is mapped to,
// and the same command without the mapping fails to resolve the name.
// kubectl talks TLS to an API simulator whose certificate is for its name
// only, as a real cluster's is: the mapping changes where the socket goes,
// not the name the certificate is checked against.
import assert from 'node:assert/strict';
import { lookup } from 'node:dns/promises';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { goLookupServer, goNoSuchHost } from '../../../src/core/connections/goResolver';
import { startKubeSimulator, type KubeSimulator } from '../../sandbox/kube';
import { TOKENS } from '../../sandbox/kube/auth';
import { SCENARIOS } from '../../sandbox/scenario';
import { acquireSandbox, type SandboxLease } from '../../sandbox/testing';
import { runNative } from '../../support/engine';

type Env = Record<string, string | undefined>;

let sandbox: SandboxLease;
let dir: string;
/** The sandbox's settings, without its own mappings and with a HOME of the test's (no ~/.pgpass, ~/.aws, ~/.kube). */
let base: Env;

const portOf = (url: string) => new URL(url).port;

before(async () => {
  sandbox = await acquireSandbox();
  dir = mkdtempSync(join(tmpdir(), 'mapped-hosts-'));
  base = { ...process.env, ...sandbox.env, RUNBOOK_HOSTS: undefined, HOME: dir, KUBECONFIG: undefined };
});

after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await sandbox.stop();
});

/** The name really does not resolve here, so only the mapping can make the command work. */
async function assertUnresolvable(name: string): Promise<void> {
  await assert.rejects(lookup(name), (error: NodeJS.ErrnoException) => error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN');
}

describe('psql through a host mapping', () => {
  const name = 'db.prod.internal';
  let env: Env;
  let mapping: string;
  before(() => {
    mapping = `${name}:5432=127.0.0.1:${sandbox.env.PGPORT}`;
    env = { ...base, PGHOST: name, PGPORT: '5432' };
  });

  it('PGHOST reaches the mapped server, which psql still calls by its name', async () => {
    const r = await runNative(`psql -At -c 'select current_database()' -c '\\conninfo'`, { env: { ...env, RUNBOOK_HOSTS: mapping } });
    assert.equal(r.stderr, '');
    assert.equal(r.exitCode, 0);
    assert.equal(
      r.stdout,
      `${sandbox.env.PGDATABASE}\nYou are connected to database "${sandbox.env.PGDATABASE}" as user "${sandbox.env.PGUSER}" on host "${name}" (address "127.0.0.1") at port "5432".\n`,
    );
  });

  it('a host in a connection URI is mapped too', async () => {
    const uri = `postgresql://${sandbox.env.PGUSER}@${name}:5432/${sandbox.env.PGDATABASE}`;
    const r = await runNative(`psql '${uri}' -At -c 'select 6 * 7'`, { env: { ...env, PGHOST: undefined, PGPORT: undefined, RUNBOOK_HOSTS: mapping } });
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, '42\n');
  });

  it('without the mapping the name does not resolve', async () => {
    await assertUnresolvable(name);
    const r = await runNative(`psql -At -c 'select 1'`, { env });
    assert.equal(r.exitCode, 2);
    assert.equal(r.stderr, `psql: error: could not translate host name "${name}" to address: Name or service not known\n`);
  });

  it('a malformed mapping is reported, not skipped', async () => {
    const r = await runNative(`psql -At -c 'select 1'`, { env: { ...env, RUNBOOK_HOSTS: `${name}=127.0.0.1:${sandbox.env.PGPORT}` } });
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /^psql: error: RUNBOOK_HOSTS entry "db\.prod\.internal=127\.0\.0\.1:\d+": the name "db\.prod\.internal" is not host:port; expected name:port=address:port/);
  });
});

describe('redis-cli through a host mapping', () => {
  const name = 'cache.prod.internal';
  let mapping: string;
  before(() => {
    mapping = `${name}:6379=127.0.0.1:${portOf(sandbox.env.REDIS_URL)}`;
  });

  it('-h and -p reach the mapped server', async () => {
    const key = `mapped-hosts:${process.pid}`;
    const r = await runNative(`redis-cli -h ${name} -p 6379 SET ${key} reached && redis-cli -u redis://${name}:6379 GET ${key}`, { env: { ...base, RUNBOOK_HOSTS: mapping } });
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, 'OK\nreached\n');
    await runNative(`redis-cli DEL ${key}`, { env: base });
  });

  it('without the mapping the name does not resolve', async () => {
    await assertUnresolvable(name);
    const r = await runNative(`redis-cli -h ${name} -p 6379 PING`, { env: base });
    assert.equal(r.exitCode, 1);
    assert.equal(r.stderr, `Could not connect to Redis at ${name}:6379: Name or service not known\n`);
  });
});

describe('aws through a host mapping', () => {
  const s3Name = 's3.prod.internal';
  const cfName = 'cloudfront.prod.internal';
  let mapping: string;
  let env: Env;
  before(() => {
    mapping = `${s3Name}:9000=127.0.0.1:${portOf(sandbox.env.AWS_ENDPOINT_URL_S3)},${cfName}:8080=127.0.0.1:${portOf(sandbox.env.AWS_ENDPOINT_URL_CLOUDFRONT)}`;
    env = { ...base, AWS_ENDPOINT_URL: undefined, AWS_ENDPOINT_URL_S3: `http://${s3Name}:9000`, AWS_ENDPOINT_URL_CLOUDFRONT: `http://${cfName}:8080`, AWS_MAX_ATTEMPTS: '1' };
  });

  it('the S3 endpoint from AWS_ENDPOINT_URL_S3 or --endpoint-url reaches the mapped server', async () => {
    const bucket = sandbox.env.S3_ARCHIVE_BUCKET;
    const fromEnv = await runNative('aws s3 ls', { env: { ...env, RUNBOOK_HOSTS: mapping } });
    assert.equal(fromEnv.stderr, '');
    assert.match(fromEnv.stdout, new RegExp(`^\\S+ \\S+ ${bucket}$`, 'm'));
    const fromFlag = await runNative(`aws --endpoint-url http://${s3Name}:9000 s3api head-bucket --bucket ${bucket}`, { env: { ...env, AWS_ENDPOINT_URL_S3: undefined, RUNBOOK_HOSTS: mapping } });
    assert.equal(fromFlag.stderr, '');
    assert.equal(fromFlag.exitCode, 0);
  });

  it('the CloudFront endpoint reaches the mapped server', async () => {
    const id = sandbox.env.CLOUDFRONT_DISTRIBUTION_ID;
    const r = await runNative(`aws cloudfront get-distribution --id ${id} --query Distribution.Id --output text`, { env: { ...env, RUNBOOK_HOSTS: mapping } });
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, `${id}\n`);
  });

  it('without the mapping the endpoint name does not resolve', async () => {
    await assertUnresolvable(s3Name);
    const r = await runNative('aws s3 ls', { env });
    assert.equal(r.exitCode, 255);
    assert.equal(r.stderr, `\nCould not connect to the endpoint URL: "http://${s3Name}:9000/"\n`);
  });
});

describe('curl through a host mapping', () => {
  const name = 'cloudfront.prod.internal';
  let mapping: string;
  let url: string;
  before(() => {
    mapping = `${name}:8080=127.0.0.1:${portOf(sandbox.env.AWS_ENDPOINT_URL_CLOUDFRONT)}`;
    url = `http://${name}:8080/2020-05-31/distribution/${sandbox.env.CLOUDFRONT_DISTRIBUTION_ID}`;
  });

  it('reaches the mapped server', async () => {
    const r = await runNative(`curl -sS -o /dev/null -w '%{http_code} %{remote_ip}:%{remote_port}' ${url}`, { env: { ...base, RUNBOOK_HOSTS: mapping } });
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, `200 127.0.0.1:${portOf(sandbox.env.AWS_ENDPOINT_URL_CLOUDFRONT)}`);
  });

  it('over TLS checks the certificate against the name, not the mapped address', async () => {
    // The sandbox's certificate covers 127.0.0.1 and api.tiktok-toe.com, not api.prod.internal.
    const health = new URL(sandbox.env.SANDBOX_HEALTH_URL);
    const r = await runNative('curl -sS https://api.prod.internal/health', { env: { ...base, RUNBOOK_HOSTS: `api.prod.internal:443=127.0.0.1:${health.port}` } });
    assert.equal(r.exitCode, 60);
    assert.match(r.stderr, /^curl: \(60\) SSL: no alternative certificate subject name matches target host name 'api\.prod\.internal'\n/);
  });

  it('without the mapping the name does not resolve', async () => {
    await assertUnresolvable(name);
    const r = await runNative(`curl -sS ${url}`, { env: base });
    assert.equal(r.exitCode, 6);
    assert.equal(r.stderr, `curl: (6) Could not resolve host: ${name}\n`);
  });

  it('a malformed mapping is reported with curl\'s code for a bad connect-to string', async () => {
    const r = await runNative(`curl -sS ${url}`, { env: { ...base, RUNBOOK_HOSTS: `${name}:8080=127.0.0.1` } });
    assert.equal(r.exitCode, 49);
    assert.match(r.stderr, /^curl: \(49\) RUNBOOK_HOSTS entry "cloudfront\.prod\.internal:8080=127\.0\.0\.1": the address "127\.0\.0\.1" is not host:port; expected name:port=address:port/);
  });
});

describe('kubectl through a host mapping', () => {
  const name = 'k8s.prod.internal';
  let sim: KubeSimulator;
  let env: Env;
  let mapping: string;

  /** A kubeconfig as a real cluster's: the API server by its DNS name, its certificate verified, a bearer token. */
  function kubeconfig(file: string, server: string): string {
    const ca = Buffer.from(sim.certificate!).toString('base64');
    writeFileSync(
      join(dir, file),
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        '- name: prod',
        '  cluster:',
        `    server: ${server}`,
        `    certificate-authority-data: ${ca}`,
        'contexts:',
        '- name: prod',
        '  context: {cluster: prod, user: sre, namespace: default}',
        'current-context: prod',
        'users:',
        '- name: sre',
        `  user: {token: ${TOKENS.admin}}`,
        '',
      ].join('\n'),
    );
    return join(dir, file);
  }

  before(async () => {
    sim = await startKubeSimulator({ scenario: SCENARIOS.normal, tls: true, tlsName: name });
    env = { ...base, KUBECONFIG: kubeconfig('prod-kubeconfig', `https://${name}:6443`) };
    mapping = `${name}:6443=127.0.0.1:${sim.port}`;
  });
  after(() => sim.stop());

  it('reaches the API server mapped to the kubeconfig\'s server name, verifying its certificate', async () => {
    const r = await runNative('kubectl get namespace default -o name', { env: { ...env, RUNBOOK_HOSTS: mapping } });
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, 'namespace/default\n');
    assert.equal(r.run.commands[0]?.target?.details?.server, `https://${name}:6443`);
  });

  it('the certificate is really checked: the same server by its address is refused', async () => {
    const byAddress = { ...env, KUBECONFIG: kubeconfig('by-address', `https://127.0.0.1:${sim.port}`) };
    const r = await runNative('kubectl get namespace default -o name', { env: byAddress });
    assert.equal(r.exitCode, 1);
    assert.match(r.stderr, /^Unable to connect to the server: .*127\.0\.0\.1.*cert/);
  });

  it('without the mapping the name does not resolve', async () => {
    await assertUnresolvable(name);
    const r = await runNative('kubectl get namespace default -o name', { env });
    assert.equal(r.exitCode, 1);
    // kubectl names the DNS server that answered where it resolves with Go's own resolver (Linux).
    assert.equal(r.stderr, `Unable to connect to the server: dial tcp: ${goNoSuchHost(name, goLookupServer())}\n`);
  });
});
