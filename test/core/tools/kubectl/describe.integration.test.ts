// kubectl describe through our engine against the Kubernetes API simulator,
// compared byte for byte with the real kubectl on the same cluster: stdout,
// stderr and exit code. The real kubectl runs before and after ours, so ages
// are compared as printed (bracketed.ts).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startKubeSimulator, type KubeSimulator } from '../../../sandbox/kube/index';
import { SCENARIOS } from '../../../sandbox/scenario';
import { bracketed } from '../../../support/bracketed';
import { Session } from '../../../../src/core/engine';
import { maskedBy, normalizeTimes, runNative, runReal, type Captured } from '../../../support/engine';

let sim: KubeSimulator;
let dir: string;
let env: Record<string, string | undefined>;
const results: { command: string; same: boolean }[] = [];

before(async () => {
  sim = await startKubeSimulator({ scenario: SCENARIOS.normal });
  dir = mkdtempSync(join(tmpdir(), 'describe-'));
  await sim.writeKubeconfig(join(dir, 'kubeconfig'));
  env = { ...process.env, KUBECONFIG: join(dir, 'kubeconfig'), KUBECACHEDIR: join(dir, 'cache') };
  // Warm the real kubectl's discovery cache so its first comparison is not slower than the rest.
  await runReal('kubectl api-resources >/dev/null', env);
});

after(async () => {
  const same = results.filter((r) => r.same).length;
  console.log(`kubectl describe parity: ${same} identical of ${results.length}`);
  for (const r of results.filter((x) => !x.same)) console.log(`  differs: ${r.command}`);
  await sim?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function normalized(c: Captured): Captured {
  return { stdout: normalizeTimes(c.stdout), stderr: normalizeTimes(c.stderr), exitCode: c.exitCode };
}

/**
 * Runs the command both ways. kubectl prints the keys of a ConfigMap's or
 * Secret's data in Go map order, which changes from run to run; for those
 * commands (`varies`) the real kubectl is asked again until one of its
 * outputs matches ours (we print the order the server sent), with ages and
 * times normalized since the retries take a while.
 */
async function compare(command: string, varies = false): Promise<{ ours: Captured; theirs: Captured }> {
  // kubectl's output is seen as ours is shown: with the Secret values our session learnt masked.
  const session = new Session(process.cwd(), env);
  const masked = (c: Captured) => maskedBy(session, c);
  try {
    if (!varies) {
      const outcome = await bracketed(() => runNative(command, { env, session }), () => runReal(command, env), masked);
      results.push({ command, same: outcome.same });
      return outcome;
    }
    const ours = normalized(await runNative(command, { env, session }));
    let theirs = normalized(masked(await runReal(command, env)));
    for (let attempt = 0; attempt < 15 && !isDeepEqual(ours, theirs); attempt++) theirs = normalized(masked(await runReal(command, env)));
    results.push({ command, same: isDeepEqual(ours, theirs) });
    return { ours, theirs };
  } finally {
    await session.dispose();
  }
}

function isDeepEqual(a: Captured, b: Captured): boolean {
  return a.stdout === b.stdout && a.stderr === b.stderr && a.exitCode === b.exitCode;
}

async function names(command: string): Promise<string[]> {
  return (await runReal(command, env)).stdout.split(/\s+/).filter(Boolean);
}

/** Asserts the two outputs are the same; returns ours with ages and times normalized, for the checks that follow. */
async function assertSame(command: string, varies = false): Promise<Captured> {
  const { ours, theirs } = await compare(command, varies);
  assert.equal(ours.stdout, theirs.stdout, `stdout of ${command}`);
  assert.equal(ours.stderr, theirs.stderr, `stderr of ${command}`);
  assert.equal(ours.exitCode, theirs.exitCode, `exit code of ${command}`);
  return normalized(ours);
}

/** Polls a command until its output is the expected text (controllers settle in well under a second). */
async function settle(command: string, expected: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if ((await runReal(command, env)).stdout.trim() === expected) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.fail(`${command} never printed ${expected}`);
}

/** A repeated event in the events.k8s.io style (eventTime and series) and one without any time. */
function workerEvents(uid: string): string {
  const involved = `{kind: Deployment, name: worker, namespace: default, apiVersion: apps/v1, uid: ${uid}}`;
  const now = Date.now();
  const iso = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString().replace('Z', '000Z');
  return [
    'apiVersion: v1\nkind: Event\nmetadata: {name: worker.backoff, namespace: default}',
    `involvedObject: ${involved}`,
    'reason: BackOff\nmessage: "  Back-off restarting failed container  "\ntype: Warning',
    `eventTime: "${iso(56)}"\nseries: {count: 7, lastObservedTime: "${iso(36)}"}`,
    'reportingComponent: kubelet\nreportingInstance: node-1\naction: Restart\n---',
    'apiVersion: v1\nkind: Event\nmetadata: {name: worker.untimed, namespace: default}',
    `involvedObject: ${involved}`,
    'reason: Untimed\nmessage: no timestamps\ntype: Normal\nsource: {component: tester}\n',
  ].join('\n');
}

describe('kubectl describe matches the real kubectl', () => {
  it('hpa tiktok-toe (Metrics, Behavior, Conditions, Events)', async () => {
    const out = await assertSame('kubectl describe hpa tiktok-toe');
    assert.match(out.stdout, /Metrics:\s+\( current \/ target \)/);
  });

  it('deployment, replica sets and stateful sets', async () => {
    await assertSame('kubectl describe deploy tiktok-toe');
    await assertSame('kubectl describe deployments.apps/tiktok-toe');
    await assertSame('kubectl describe statefulset postgresql');
    await assertSame('kubectl describe sts redis');
    for (const rs of await names("kubectl get rs -o jsonpath='{.items[*].metadata.name}'")) await assertSame(`kubectl describe rs ${rs}`);
  });

  it('every pod by name, including one with a restart and one with repeated events', async () => {
    const pods = await names("kubectl get pods -o jsonpath='{.items[*].metadata.name}'");
    assert.ok(pods.length >= 3, 'the simulator runs the app, database and cache pods');
    for (const pod of pods) await assertSame(`kubectl describe pod ${pod}`);
    await assertSame(`kubectl describe pod/${pods[0]} --show-events=false`);
  });

  it('nodes, services, config maps, secrets, PVCs, namespaces, storage classes', async () => {
    for (const node of await names("kubectl get nodes -o jsonpath='{.items[*].metadata.name}'")) await assertSame(`kubectl describe node ${node}`);
    await assertSame('kubectl describe svc tiktok-toe');
    await assertSame('kubectl describe svc postgresql-headless');
    await assertSame('kubectl describe cm app-config', true);
    await assertSame('kubectl describe secret tiktok-toe-tls', true);
    await assertSame('kubectl describe pvc data-postgresql-0');
    await assertSame('kubectl describe ns default');
    await assertSame('kubectl describe sc gp3');
  });

  it('a custom resource and other kinds through the generic describer', async () => {
    await assertSame('kubectl describe clusters pg-archive');
    await assertSame('kubectl describe clusters.postgresql.cnpg.io');
    await assertSame('kubectl describe crd clusters.postgresql.cnpg.io');
    await assertSame('kubectl describe controllerrevisions');
  });

  it('lists, selectors, namespaces and name prefixes', async () => {
    await assertSame('kubectl describe pods -l app=tiktok-toe');
    await assertSame('kubectl describe deploy');
    await assertSame('kubectl describe hpa,deploy -l app=tiktok-toe');
    await assertSame('kubectl describe pods -A');
    await assertSame('kubectl describe pods tiktok');
    await assertSame('kubectl describe nodes sandbox');
    await assertSame('kubectl describe pods -n kube-system');
    await assertSame('kubectl describe pods -l app=nosuch -A');
  });

  it('errors: unknown names, types and namespaces, and misused arguments', async () => {
    const out = await assertSame('kubectl describe pod nosuch');
    assert.equal(out.exitCode, 1);
    assert.equal(out.stderr, 'Error from server (NotFound): pods "nosuch" not found\n');
    await assertSame('kubectl describe pod postgresql-0 nosuch');
    await assertSame('kubectl describe pod/postgresql-0 svc/nosuch');
    await assertSame('kubectl describe pods,svc tiktok');
    await assertSame('kubectl describe nosuchtype x');
    await assertSame('kubectl describe pods nosuch -n nosuchns');
    await assertSame('kubectl describe');
    await assertSame('kubectl describe pods x -l app=a');
    await assertSame('kubectl describe pods tiktok -A');
    await assertSame('kubectl describe all tiktok-toe');
  });

  it('output piped into filters', async () => {
    await assertSame('kubectl describe hpa tiktok-toe | grep -A3 Metrics');
    await assertSame("kubectl describe node sandbox-worker-1 | grep -c 'default '");
  });

  it('objects beyond the seed: container, volume, service, claim and event variants', async () => {
    const applied = await runReal(`kubectl apply -f ${join(__dirname, 'fixtures', 'describe-objects.yaml')}`, env);
    assert.equal(applied.exitCode, 0, applied.stderr);
    await settle('kubectl get deploy worker -o jsonpath={.status.availableReplicas}', '2');
    await settle("kubectl get pod rich -o jsonpath='{.status.phase}'", 'Running');
    const uid = (await runReal('kubectl get deploy worker -o jsonpath={.metadata.uid}', env)).stdout;
    const events = join(dir, 'events.yaml');
    writeFileSync(events, workerEvents(uid));
    assert.equal((await runReal(`kubectl apply -f ${events}`, env)).exitCode, 0);
    await assertSame('kubectl describe pod rich');
    await assertSame('kubectl describe svc multi');
    await assertSame('kubectl describe svc ext');
    await assertSame('kubectl describe cm bin', true);
    await assertSame('kubectl describe secret sa-token', true);
    await assertSame('kubectl describe pvc pending-claim');
    await assertSame('kubectl describe sc zonal');
    const worker = await assertSame('kubectl describe deploy worker');
    assert.match(worker.stdout, /BackOff {2}<age> \(x7 over <age>\)/);
    await assertSame('kubectl describe rs -l app=worker');
    await assertSame('kubectl describe pods -l app=worker');
    for (const node of await names("kubectl get nodes -o jsonpath='{.items[*].metadata.name}'")) await assertSame(`kubectl describe node ${node}`);
  });

  it('objects named by manifests (-f)', async () => {
    const manifest = join(__dirname, 'fixtures', 'describe-objects.yaml');
    await assertSame(`kubectl describe -f ${manifest}`, true);
    await assertSame(`kubectl describe -f ${manifest} --show-events=false`, true);
    await assertSame(`kubectl describe -f ${manifest} pods`);
    await assertSame('kubectl describe -f /nonexistent/manifest.yaml');
    const ghost = join(dir, 'ghost.yaml');
    writeFileSync(ghost, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: ghost\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n');
    await assertSame(`kubectl describe -f ${ghost}`);
    await assertSame(`cat ${ghost} | kubectl describe -f -`);
  });

  it('records the autoscaler numbers for threshold checks', async () => {
    const { run } = await runNative('kubectl describe hpa tiktok-toe', { env });
    const data = run.commands[0].data ?? [];
    const hpa = data.find((d) => d.kind === 'hpa') as Record<string, unknown> | undefined;
    assert.ok(hpa, 'an hpa item is emitted');
    assert.equal(hpa.name, 'tiktok-toe');
    assert.equal(hpa.minReplicas, 3);
    assert.equal(hpa.maxReplicas, 10);
    assert.equal(hpa.currentReplicas, 3);
    assert.equal(hpa.desiredReplicas, 3);
    const metrics = hpa.metrics as { resource: string; current: number; target: number }[];
    assert.deepEqual(
      metrics.map((m) => ({ resource: m.resource, current: m.current, target: m.target })),
      [
        { resource: 'cpu', current: SCENARIOS.normal.appCpuPercent, target: 70 },
        { resource: 'memory', current: SCENARIOS.normal.appMemoryPercent, target: 75 },
      ],
    );
  });
});
