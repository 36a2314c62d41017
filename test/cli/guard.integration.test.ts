// The production guard and read-only mode, as a user meets them: the built
// CLI in its own process, against a Kubernetes API simulator of this file's
// own and the sandbox's PostgreSQL and Redis. A change on a production
// target is refused even with --yes, naming the --confirm-target that lets
// it run, and nothing reaches the server; --confirm-target runs it; a
// runbook's front matter adds its own targets; --read-only refuses every
// change and runs the reads.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireSandbox, type SandboxLease } from '../sandbox/testing';
import { ensureBuilt } from '../support/build';
import { runProgram, runReal } from '../support/engine';
import { kubeFixture, type KubeFixture } from '../support/kubeSim';
import { PROJECT_ROOT } from '../support/shared';

const CLI = join(PROJECT_ROOT, 'bin', 'runbook.js');
const SCALE = 'kubectl scale deployment tiktok-toe --replicas=5';

let sandbox: SandboxLease;
let dir: string;

before(async () => {
  ensureBuilt();
  sandbox = await acquireSandbox();
  dir = mkdtempSync(join(tmpdir(), 'runbook-guard-'));
});
after(async () => {
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function runbook(args: string[], env: Record<string, string | undefined>) {
  return runProgram(process.execPath, [CLI, ...args], env, 60_000);
}

/** The deployment's replicas, as the real kubectl reads them. */
async function replicas(kube: KubeFixture): Promise<string> {
  return (await runReal('kubectl get deployment tiktok-toe -o jsonpath={.spec.replicas}', kube.env)).stdout;
}

test('a change on a production context is refused with --yes, naming --confirm-target; the cluster is unchanged', async () => {
  const kube = await kubeFixture();
  const before = await replicas(kube);
  const r = await runbook(['exec', '--yes', '--', SCALE], { ...kube.env, RUNBOOK_PRODUCTION_TARGETS: 'sand*' });
  assert.equal(r.exitCode, 1);
  assert.match(r.stderr, /^runbook: refused: 'kubectl scale deployment tiktok-toe --replicas=5' changes the production target sandbox \(kubectl scale deployment\/tiktok-toe on context sandbox, namespace default\); pass --confirm-target sandbox to run it \(--yes is not enough on a production target\), or --dry-run to see what it would change$/m);
  assert.equal(await replicas(kube), before);
  // Another target's name does not confirm this one.
  const other = await runbook(['exec', '--confirm-target', 'prod-eu', '--', SCALE], { ...kube.env, RUNBOOK_PRODUCTION_TARGETS: 'sand*' });
  assert.equal(other.exitCode, 1);
  assert.equal(await replicas(kube), before);
});

test('--confirm-target with the name the refusal printed runs the change', async () => {
  const kube = await kubeFixture();
  const r = await runbook(['exec', '--confirm-target', 'sandbox', '--', SCALE], { ...kube.env, RUNBOOK_PRODUCTION_TARGETS: 'sandbox' });
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.stdout, 'deployment.apps/tiktok-toe scaled\n');
  assert.equal(await replicas(kube), '5');
});

test('with no production pattern matching, --yes is enough, as before', async () => {
  const kube = await kubeFixture();
  const r = await runbook(['exec', '--yes', '--', 'kubectl scale deployment tiktok-toe --replicas=3'], { ...kube.env, RUNBOOK_PRODUCTION_TARGETS: '' });
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(await replicas(kube), '3');
});

test('a runbook\'s front matter adds its own production targets: run --yes is refused (exit 3), --confirm-target runs it', async () => {
  const kube = await kubeFixture();
  const file = join(dir, 'scale.runbook.md');
  writeFileSync(file, '---\nproduction: [sandbox]\n---\n# Scale\n\n```sh\nkubectl scale deployment tiktok-toe --replicas=2\n```\n');
  const env = { ...kube.env, RUNBOOK_PRODUCTION_TARGETS: '' };
  const before = await replicas(kube);
  const refused = await runbook(['run', '--yes', file], env);
  assert.equal(refused.exitCode, 3, refused.stderr);
  assert.match(refused.stderr, /runbook: refused: .* changes the production target sandbox .*pass --confirm-target sandbox/);
  assert.equal(await replicas(kube), before);
  const confirmed = await runbook(['run', '--confirm-target', 'sandbox', file], env);
  assert.equal(confirmed.exitCode, 0, confirmed.stderr);
  assert.equal(await replicas(kube), '2');
});

test('a production database is named host:port/db and a production Redis host:port; neither change is sent', async () => {
  const { PGHOST, PGPORT, PGDATABASE, REDIS_URL } = sandbox.env;
  const env = { ...process.env, ...sandbox.env, HOME: dir, RUNBOOK_PRODUCTION_TARGETS: '127.0.0.1' };
  const sql = await runbook(['exec', '--yes', '--', "psql -c 'CREATE TABLE guard_never(a int)'"], env);
  assert.equal(sql.exitCode, 1);
  assert.ok(sql.stderr.includes(`pass --confirm-target ${PGHOST}:${PGPORT}/${PGDATABASE} to run it`), sql.stderr);
  const exists = await runbook(['exec', '--', "psql -tAc \"SELECT count(*) FROM pg_class WHERE relname = 'guard_never'\""], env);
  assert.equal(exists.stdout, '0\n');
  const redisUrl = new URL(REDIS_URL!);
  const set = await runbook(['exec', '--yes', '--', 'redis-cli SET guard:never 1'], env);
  assert.equal(set.exitCode, 1);
  assert.ok(set.stderr.includes(`pass --confirm-target ${redisUrl.hostname}:${redisUrl.port} to run it`), set.stderr);
  const get = await runbook(['exec', '--', 'redis-cli EXISTS guard:never'], env);
  assert.equal(get.stdout, '0\n');
});

test('--read-only refuses a change with its reason and runs a read', async () => {
  const kube = await kubeFixture();
  const before = await replicas(kube);
  const change = await runbook(['exec', '--read-only', '--yes', '--', SCALE], kube.env);
  assert.equal(change.exitCode, 1);
  assert.match(change.stderr, /^runbook: refused: 'kubectl scale deployment tiktok-toe --replicas=5' changes state \(--read-only\)$/m);
  assert.equal(await replicas(kube), before);
  const read = await runbook(['exec', '--read-only', '--', 'kubectl get deployment tiktok-toe -o name'], kube.env);
  assert.equal(read.exitCode, 0, read.stderr);
  assert.equal(read.stdout, 'deployment.apps/tiktok-toe\n');
});

test('a change in a later stage of a pipeline is confirmed too: get | apply asks for the apply', async () => {
  const kube = await kubeFixture();
  const command = 'kubectl get deployment tiktok-toe -o yaml | kubectl apply -f -';
  const refused = await runbook(['exec', '--', command], kube.env);
  assert.equal(refused.exitCode, 1);
  assert.match(refused.stderr, /^runbook: refused: 'kubectl get deployment tiktok-toe -o yaml \| kubectl apply -f -' changes state \(kubectl apply[^)]*on context sandbox/m);
  const production = await runbook(['exec', '--yes', '--', command], { ...kube.env, RUNBOOK_PRODUCTION_TARGETS: 'sandbox' });
  assert.equal(production.exitCode, 1);
  assert.match(production.stderr, /changes the production target sandbox \(kubectl apply/);
  const confirmed = await runbook(['exec', '--yes', '--', command], kube.env);
  assert.equal(confirmed.exitCode, 0, confirmed.stderr);
  assert.match(confirmed.stdout, /^deployment\.apps\/tiktok-toe (configured|unchanged)\n$/);
});
