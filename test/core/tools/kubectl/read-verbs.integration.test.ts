// The read-only kubectl verbs (logs, top, events, wait, cluster-info,
// api-resources, api-versions, config, version) through our engine against
// the Kubernetes API simulator, compared byte for byte with the real kubectl
// on the same cluster: stdout, stderr and exit code. The real kubectl runs
// before and after ours, so ages are compared as printed (bracketed.ts), and
// containers write a log line every 2 s: the simulator's log clock is held
// while a logs command runs both ways, so every run reads the same lines.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { HoldableClock } from '../../../sandbox/clock';
import { startKubeSimulator, type KubeSimulator } from '../../../sandbox/kube/index';
import { SCENARIOS } from '../../../sandbox/scenario';
import { bracketed } from '../../../support/bracketed';
import { normalizeTimes, runNative, runReal, type Captured } from '../../../support/engine';

let sim: KubeSimulator;
let dir: string;
let env: Record<string, string | undefined>;
const results: { command: string; same: boolean }[] = [];
const logClock = new HoldableClock();

const MULTI_POD = `apiVersion: v1
kind: Pod
metadata:
  name: multi
  labels: {app: multi}
spec:
  containers:
  - {name: web, image: nginx, resources: {requests: {cpu: 100m, memory: 64Mi}}}
  - {name: sidecar, image: busybox}
`;

before(async () => {
  sim = await startKubeSimulator({ scenario: SCENARIOS.normal, logClock: logClock.now });
  dir = mkdtempSync(join(tmpdir(), 'read-verbs-'));
  await sim.writeKubeconfig(join(dir, 'kubeconfig'));
  env = { ...process.env, KUBECONFIG: join(dir, 'kubeconfig'), KUBECACHEDIR: join(dir, 'cache') };
  await runReal('kubectl api-resources >/dev/null', env);
  const created = await runReal(`kubectl apply -f - <<'EOF'\n${MULTI_POD}EOF\nkubectl wait --for=condition=Ready pod/multi --timeout=20s`, env);
  assert.equal(created.exitCode, 0, created.stderr);
});

after(async () => {
  const same = results.filter((r) => r.same).length;
  console.log(`kubectl read verbs parity: ${same} identical of ${results.length}`);
  for (const r of results.filter((x) => !x.same)) console.log(`  differs: ${r.command}`);
  await sim?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface CompareOptions {
  /** Reads logs, which grow every 2 s: the runs read while the log clock is held. */
  readsLogs?: boolean;
  /** kubectl reads several pods' logs in Go map order (random): compare the lines as a set. */
  unordered?: boolean;
}

async function compare(command: string, options: CompareOptions = {}): Promise<void> {
  const view = (c: Captured): Captured => (options.unordered ? { ...c, stdout: c.stdout.split('\n').sort().join('\n') } : c);
  const both = () => bracketed(() => runNative(command, { env }), () => runReal(command, env), view);
  const { ours, theirs, same } = options.readsLogs ? await logClock.holding(both) : await both();
  results.push({ command, same });
  assert.deepEqual({ stdout: ours.stdout, stderr: ours.stderr, exitCode: ours.exitCode }, { stdout: theirs.stdout, stderr: theirs.stderr, exitCode: theirs.exitCode }, command);
}

async function podNames(selector: string, jsonpath = '{.items[*].metadata.name}'): Promise<string[]> {
  return (await runReal(`kubectl get pods -l ${selector} -o jsonpath='${jsonpath}'`, env)).stdout.split(/\s+/).filter(Boolean);
}

describe('kubectl logs', () => {
  it('a pod, a workload, a selector, with --tail, --timestamps, --prefix, --since', async () => {
    await compare('kubectl logs redis-0 --tail=5', { readsLogs: true });
    await compare('kubectl logs deploy/tiktok-toe --tail=3', { readsLogs: true });
    await compare('kubectl logs statefulset/postgresql --tail=2 --timestamps', { readsLogs: true });
    await compare('kubectl logs -l app=tiktok-toe --tail=2 --prefix', { readsLogs: true, unordered: true });
    await compare('kubectl logs redis-0 --since=1h | wc -l', { readsLogs: true });
    await compare('kubectl logs multi --tail=1', { readsLogs: true });
    await compare('kubectl logs deploy/tiktok-toe --all-pods --tail=1', { readsLogs: true, unordered: true });
  });

  it('the previous container of a restarted pod', async () => {
    const restarted = (await podNames('app=tiktok-toe', '{range .items[?(@.status.containerStatuses[0].restartCount>0)]}{.metadata.name} {end}'))[0];
    assert.ok(restarted, 'the seed has a restarted app pod');
    await compare(`kubectl logs ${restarted} -p --tail=3`);
  });

  it('counts ERROR lines through an in-process pipe', async () => {
    await compare('kubectl logs -l app=tiktok-toe --tail=1000 | grep ERROR | wc -l', { readsLogs: true });
  });

  it('fails in kubectl words', async () => {
    for (const command of [
      'kubectl logs redis-0 -p',
      'kubectl logs nope',
      'kubectl logs deploy/nope',
      'kubectl logs redis-0 -c foo',
      'kubectl logs',
      'kubectl logs redis-0 --since=5x',
      'kubectl logs -l app=nope',
      'kubectl logs -l app=tiktok-toe -f --max-log-requests=2',
      'kubectl logs node/sandbox-worker-1',
    ]) {
      await compare(command);
    }
  });
});

describe('kubectl top', () => {
  it('pods and nodes, with selectors, containers, sorting and sums', async () => {
    for (const command of [
      'kubectl top pods',
      'kubectl top pod -l app=tiktok-toe --containers',
      'kubectl top pods -A --sort-by=memory --sum',
      'kubectl top pod multi --containers --sort-by=cpu --no-headers',
      'kubectl top nodes',
      'kubectl top node sandbox-worker-1 --no-headers',
      'kubectl top pod nope',
      'kubectl top pods --sort-by=name',
    ]) {
      await compare(command);
    }
  });

  it('emits usage with requests and limits for threshold checks', async () => {
    const run = await runNative('kubectl top pods -l app=tiktok-toe', { env });
    const data = run.run.commands[0].data?.[0];
    assert.ok(data?.kind === 'top-pods', JSON.stringify(data));
    assert.equal(data.headerLines, 1, 'the header line comes before the rows');
    assert.equal(data.pods.length, 3);
    for (const pod of data.pods) {
      assert.equal(pod.cpuRequestMillicores, 500);
      assert.equal(pod.memoryLimitBytes, 2 ** 30);
      assert.equal(pod.cpuMillicores, 250, 'normal scenario: 50 % of the 500m request');
    }
  });
});

describe('kubectl events', () => {
  it('lists, filters and prints events as kubectl does', async () => {
    for (const command of ['kubectl events', 'kubectl events -A --types=Warning', 'kubectl events --for deploy/tiktok-toe', 'kubectl events --for pod/multi --no-headers', 'kubectl events --for nope', 'kubectl events -o json', 'kubectl events --types=Foo']) {
      await compare(command);
    }
  });

  it('-w prints the existing events, then new ones, aligned as kubectl aligns them', async () => {
    // The real kubectl is stopped by `timeout`, ours by the Run All sampling window.
    const ours = await runNative('kubectl events -w', { env, streamWindowMs: 1500 });
    const theirs = await runReal('timeout 1.5 kubectl events -w', env);
    const identical = normalizeTimes(ours.stdout) === normalizeTimes(theirs.stdout) && ours.stderr === theirs.stderr;
    results.push({ command: 'kubectl events -w (stopped after 1.5 s)', same: identical });
    assert.equal(normalizeTimes(ours.stdout), normalizeTimes(theirs.stdout));
    assert.equal(ours.run.commands[0].sampled, true);
  });
});

describe('kubectl wait', () => {
  it('conditions, jsonpath, deletion and timeouts', async () => {
    for (const command of [
      'kubectl wait --for=condition=Available deploy/tiktok-toe',
      'kubectl wait --for=condition=Ready pod -l app=tiktok-toe --timeout=5s',
      "kubectl wait --for=jsonpath='{.status.readyReplicas}'=3 deploy/tiktok-toe -o name",
      'kubectl wait --for=condition=Available=False deploy/tiktok-toe --timeout=1s',
      'kubectl wait --for=condition=Available=False deploy/tiktok-toe --timeout=0',
      'kubectl wait --for=delete pod/nope --timeout=1s',
      'kubectl wait --for=condition=Ready pod/nope',
      'kubectl wait --for=condition=Ready pods',
    ]) {
      await compare(command);
    }
  });
});

describe('cluster and API information', () => {
  it('cluster-info, api-resources, api-versions', async () => {
    for (const command of ['kubectl cluster-info', 'kubectl api-resources', 'kubectl api-resources --api-group=apps -o wide', 'kubectl api-resources --namespaced=false -o name', 'kubectl api-versions']) {
      await compare(command);
    }
  });

  it('version: the server line is the server\'s; the client line is the release we emulate', async () => {
    const ours = await runNative('kubectl version', { env });
    const theirs = await runReal('kubectl version', env);
    const serverLine = (t: string) => t.split('\n').find((l) => l.startsWith('Server Version:'));
    assert.equal(ours.exitCode, theirs.exitCode);
    assert.equal(serverLine(ours.stdout), serverLine(theirs.stdout));
    assert.match(ours.stdout, /^Client Version: v1\.32\.\d+\n/);
  });
});

describe('kubectl config', () => {
  it('reads and edits the kubeconfig as kubectl does', async () => {
    for (const command of [
      'kubectl config current-context',
      'kubectl config get-contexts',
      'kubectl config view',
      'kubectl config view --minify -o json',
      'kubectl config use-context nope',
      'kubectl config set-context --current --namespace=default',
      'kubectl config use-context sandbox',
    ]) {
      await compare(command);
    }
  });

  it('marks the kubeconfig-changing subcommands as state-changing', async () => {
    const run = await runNative('kubectl config use-context sandbox', { env, confirm: false });
    assert.equal(run.run.commands[0].status, 'declined');
  });
});
