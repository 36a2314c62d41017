// No secret reaches a record, a sidecar, an HTML export or the terminal:
// distinct random secrets are seeded through every source (variables with
// secret names, URLs, redis-cli -a/--pass/REDISCLI_AUTH, PGPASSWORD, .pgpass,
// AWS session tokens, kubeconfig tokens and client keys, Kubernetes Secrets
// read in every output form, Authorization and Cookie headers, JWTs, private
// keys), run with `runbook run --record` against the sandbox, exported, and
// every artifact is searched for each secret, plain and base64.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse as parseYaml, stringify } from 'yaml';
import { readRecord } from '../../src/core/records';
import { ensureBuilt } from '../support/build';
import { runProgram } from '../support/engine';
import { PROJECT_ROOT } from '../support/shared';
import { acquireSandbox, type SandboxLease } from '../sandbox/testing';

const CLI = join(PROJECT_ROOT, 'bin', 'runbook.js');

/** A fresh secret per source: letters and digits, long enough to be found only where it leaked. */
const secret = (label: string) => `${label}${randomBytes(12).toString('hex')}`;

const SECRETS = {
  dbPassword: secret('dbpw'),
  urlPassword: secret('urlpw'),
  redisA: secret('redisa'),
  redisPass: secret('redispass'),
  redisAuthEnv: secret('rcliauth'),
  pgpass: secret('pgpass'),
  awsSessionToken: secret('awstok'),
  kubeToken: secret('kubetok'),
  kubeClientKey: `-----BEGIN PRIVATE KEY-----\n${secret('clientkey')}\n-----END PRIVATE KEY-----\n`,
  k8sPassword: secret('k8spw'),
  k8sApiKey: secret('k8sapikey'),
  tlsKey: `-----BEGIN RSA PRIVATE KEY-----\n${secret('tlskey')}\n${secret('tlskey2')}\n-----END RSA PRIVATE KEY-----\n`,
  bearer: secret('bearer'),
  cookie: secret('cookie'),
  jwt: `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI${randomBytes(9).toString('base64url')}In0.${randomBytes(16).toString('base64url')}`,
  placeholder: secret('placeholder'),
};

const b64 = (s: string) => Buffer.from(s).toString('base64');

let sandbox: SandboxLease;
before(async () => {
  // A sandbox of its own: this test creates Secrets and a kubeconfig user.
  sandbox = await acquireSandbox({ services: ['kube', 'postgres', 'redis', 's3', 'https'] });
});
after(async () => {
  await sandbox?.stop();
});

function runbook(redisPort: string, pgPort: string): string {
  // One cell per command: a failing command (a wrong password, on purpose) does not keep the next from running.
  const step = (title: string, lines: string[]) => `1. ${title}\n\n${lines.map((l) => `   \`\`\`bash\n   ${l}\n   \`\`\`\n`).join('\n')}`;
  return [
    '# Secrets everywhere',
    '',
    step('A Kubernetes Secret, read every way', [
      'kubectl apply -f secret.yaml',
      'kubectl get secret app-creds -o yaml',
      'kubectl get secret app-creds -o json',
      "kubectl get secret app-creds -o jsonpath='{.data.password}'",
      "kubectl get secret app-creds -o go-template='{{.data.password | base64decode}} {{index .data \"api-key\" | base64decode}}'",
      "kubectl get secret app-creds -o template='{{range $k, $v := .data}}{{$k}}={{$v}} {{end}}'",
      'kubectl get secret app-creds -o custom-columns=PW:.data.password',
      "kubectl get secret tls-cert -o go-template='{{index .data \"tls.key\" | base64decode}}'",
      'kubectl describe secret app-creds',
    ]),
    step('The kubeconfig, raw', ['kubectl config view --raw']),
    step('Passwords in variables and URLs', [
      'psql "$DB_URL" -c "SELECT 1"',
      `psql "postgresql://postgres:$DB_PASSWORD@127.0.0.1:${pgPort}/tiktoktoe" -c "SELECT current_user"`,
      'psql -U pgpassuser -c "SELECT 1"',
      'redis-cli -u "$CACHE_URL" PING',
      `redis-cli -p ${redisPort} -a "$CACHE_A" PING`,
      `redis-cli -p ${redisPort} --pass "$CACHE_B" PING`,
      `redis-cli -p ${redisPort} PING`,
    ]),
    step('Headers', [
      'curl -sv -H "Authorization: Bearer $HDR" -H "Cookie: sid=$CK" -H "X-Id: $ID_JWT" https://api.tiktok-toe.com/health',
      'curl -si https://api.tiktok-toe.com/health',
    ]),
    step('AWS with a session token', ['aws s3 ls']),
    step('A placeholder, and a secret echoed back', [`redis-cli -p ${redisPort} ECHO <db-password>`, `redis-cli -p ${redisPort} ECHO "$DB_PASSWORD"`]),
    '',
  ].join('\n');
}

test('no secret reaches the record, its sidecars, the HTML export or the terminal', async () => {
  ensureBuilt();
  const env = sandbox.env;
  const dir = mkdtempSync(join(tmpdir(), 'runbook-redaction-'));
  try {
    // The Secrets the runbook applies and reads (the manifests are not part of the runbook).
    writeFileSync(join(dir, 'secret.yaml'), stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'app-creds', namespace: 'default' }, type: 'Opaque', data: { password: b64(SECRETS.k8sPassword), 'api-key': b64(SECRETS.k8sApiKey) } }) + '---\n' + stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tls-cert', namespace: 'default' }, type: 'kubernetes.io/tls', data: { 'tls.crt': b64('-----BEGIN CERTIFICATE-----\nnot secret\n-----END CERTIFICATE-----\n'), 'tls.key': b64(SECRETS.tlsKey) } }));
    // A kubeconfig with a token user and a client key (unused by the current context).
    const kubeconfig = parseYaml(readFileSync(env.KUBECONFIG, 'utf8'));
    kubeconfig.users.push({ name: 'ops-token', user: { token: SECRETS.kubeToken } }, { name: 'ops-cert', user: { 'client-certificate-data': b64('cert'), 'client-key-data': b64(SECRETS.kubeClientKey) } });
    writeFileSync(join(dir, 'kubeconfig'), stringify(kubeconfig));
    // A .pgpass entry for a user that does not exist: psql reads it and sends it.
    writeFileSync(join(dir, '.pgpass'), `127.0.0.1:${env.PGPORT}:*:pgpassuser:${SECRETS.pgpass}\n`, { mode: 0o600 });
    const redisPort = new URL(env.REDIS_URL).port;
    writeFileSync(join(dir, 'secrets.runbook.md'), runbook(redisPort, env.PGPORT));

    const childEnv = {
      ...env,
      KUBECONFIG: join(dir, 'kubeconfig'),
      PGPASSFILE: join(dir, '.pgpass'),
      REDISCLI_AUTH: SECRETS.redisAuthEnv,
      AWS_SESSION_TOKEN: SECRETS.awsSessionToken,
    };
    const vars = {
      DB_URL: `postgresql://postgres:${SECRETS.urlPassword}@127.0.0.1:${env.PGPORT}/tiktoktoe`,
      DB_PASSWORD: SECRETS.dbPassword,
      CACHE_URL: `redis://:${SECRETS.urlPassword}@127.0.0.1:${redisPort}`,
      CACHE_A: SECRETS.redisA,
      CACHE_B: SECRETS.redisPass,
      HDR: SECRETS.bearer,
      CK: SECRETS.cookie,
      ID_JWT: SECRETS.jwt,
      'db-password': SECRETS.placeholder,
    };
    const record = join(dir, 'incidents', 'secrets.incident.md');
    const run = await runProgram(process.execPath, [CLI, 'run', join(dir, 'secrets.runbook.md'), '--yes', '--continue-on-failure', '--record', record, '--max-output-bytes', '400', ...Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}=${v}`])], childEnv, 120_000);
    const html = join(dir, 'secrets.html');
    const exported = await runProgram(process.execPath, [CLI, 'export', record, '--html', html], childEnv, 60_000);
    assert.equal(exported.exitCode, 0, exported.stderr);
    const shown = await runProgram(process.execPath, [CLI, 'show', '--json', record], childEnv, 60_000);

    // The secrets did reach the commands: the outputs are there, masked.
    const text = readFileSync(record, 'utf8');
    const read = readRecord(text);
    const outputs = read.cells.flatMap((c) => c.runs.map((r) => r.text + r.stderr)).join('\n');
    assert.match(outputs, /‹secret:[^›]+›/, 'placeholders stand where the secrets were');
    assert.match(outputs, /password: ‹secret:/, 'the Secret in yaml');
    assert.match(outputs, /^HTTP\/1\.1 200 /m, 'curl -i printed the response headers');
    assert.match(outputs, /‹secret:k8s-secret#[0-9a-f]+› ‹secret:k8s-secret#[0-9a-f]+›/, 'go-template base64decode: both values, masked');

    const artifacts: Record<string, string> = {
      record: text,
      html: readFileSync(html, 'utf8'),
      'run stdout': run.stdout,
      'run stderr': run.stderr,
      'show --json': shown.stdout,
      'decoded structured results': read.cells.flatMap((c) => c.runs.map((r) => JSON.stringify(r.run))).join('\n'),
      'decoded timeline': JSON.stringify(read.events),
    };
    const sidecars = readdirSync(join(dir, 'incidents')).filter((f) => f.endsWith('.txt'));
    assert.ok(sidecars.length > 0, 'at least one output went to a sidecar (max 400 bytes)');
    for (const f of sidecars) artifacts[`sidecar ${f}`] = readFileSync(join(dir, 'incidents', f), 'utf8');

    if (process.env.RUNBOOK_REDACTION_DUMP) writeFileSync(process.env.RUNBOOK_REDACTION_DUMP, outputs);
    const leaks: string[] = [];
    for (const [source, value] of [...Object.entries(SECRETS), ['PGPASSWORD (the sandbox\'s, from the environment)', env.PGPASSWORD]]) {
      const forms = new Set([value, b64(value), b64(value).replace(/=+$/, ''), ...value.split('\n').filter((l) => l.length >= 12 && !l.startsWith('-----'))]);
      for (const [artifact, content] of Object.entries(artifacts)) {
        for (const form of forms) if (content.includes(form)) leaks.push(`${source} in ${artifact}${form === value ? '' : ` (as ${form === b64(value) ? 'base64' : 'a part'})`}`);
      }
    }
    assert.deepEqual(leaks, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
