// The health view's Kubernetes cache against the sandbox's API simulator:
// the initial list is complete and paginated, the watch applies changes made
// with kubectl, a simulator restarted mid-watch shows as reconnecting and
// then live with the new server's objects, and a 410 Gone relists.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveKubeConfig } from '../../../../src/core/connections/kubeConfig';
import { KubeConnection } from '../../../../src/core/connections/kubeConnection';
import { connectionTransport, KUBE_RESOURCES, KubeCache, openKubeCache, type KubeCollection, type KubeResourceName, type KubeTransport, type SourceState } from '../../../../src/core/health/kube';
import { startKubeSimulator, type KubeSimulator } from '../../../sandbox/kube';
import { SCENARIOS } from '../../../sandbox/scenario';
import { runNative } from '../../../support/engine';

interface Cluster {
  sim: KubeSimulator;
  env: Record<string, string | undefined>;
  done: () => Promise<void>;
}

async function cluster(port?: number, tls = false): Promise<Cluster> {
  const sim = await startKubeSimulator({ scenario: SCENARIOS.normal, port, tls });
  const dir = mkdtempSync(join(tmpdir(), 'runbook-health-kube-'));
  const kubeconfig = join(dir, 'kubeconfig');
  await sim.writeKubeconfig(kubeconfig);
  const env = { PATH: process.env.PATH, HOME: dir, KUBECONFIG: kubeconfig, KUBECACHEDIR: join(dir, 'cache') };
  return { sim, env, done: async () => (await sim.stop(), rmSync(dir, { recursive: true, force: true })) };
}

/** The real connection, with every request it makes written down. */
function recordingTransport(env: Record<string, string | undefined>): { transport: KubeTransport; requests: string[] } {
  const inner = connectionTransport(new KubeConnection(resolveKubeConfig(env, {}), [], undefined, 16));
  const requests: string[] = [];
  const transport: KubeTransport = {
    server: inner.server,
    get: async (path, query, signal) => {
      const reply = await inner.get(path, query, signal);
      requests.push(`list ${path} limit=${query.limit} continue=${query.continue ? 'yes' : 'no'} -> ${reply.status}`);
      return reply;
    },
    watch: async (path, query, onLine, signal) => {
      let status = 0;
      let error = '';
      try {
        const reply = await inner.watch(path, query, (line) => ((status = 200), (error ||= /"type":"ERROR".*"code":(\d+)/.exec(line)?.[1] ?? ''), onLine(line)), signal);
        status = reply.status;
        return reply;
      } finally {
        requests.push(`watch ${path} -> ${status}${error ? ` ERROR ${error}` : ''}`);
      }
    },
    close: () => inner.close(),
  };
  return { transport, requests };
}

/** Pod uids as the real kubectl lists them (run asynchronously: the simulator serves from this process). */
async function kubectlPodUids(env: Record<string, string | undefined>): Promise<string[]> {
  const { stdout } = await promisify(execFile)('kubectl', ['get', 'pods', '-A', '-o', 'jsonpath={.items[*].metadata.uid}'], { env, encoding: 'utf8' });
  return stdout.split(' ').filter(Boolean).sort();
}

const uids = (c: KubeCollection) => [...c.values()].map((o) => o.metadata.uid).sort();

/** Resolves once `check` holds, checked after each change and state of the collection. */
function until(collection: KubeCollection, check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const offs: (() => void)[] = [];
    const test = () => {
      if (!check()) return;
      offs.forEach((off) => off());
      resolve();
    };
    offs.push(collection.subscribe(test), collection.onStateChange(test));
    test();
  });
}

function nextState(collection: KubeCollection, phase: SourceState['phase']): Promise<SourceState> {
  return new Promise((resolve) => {
    const off = collection.onStateChange((s) => s.phase === phase && (off(), resolve(s)));
  });
}

test('the initial list is complete, read in pages of the given size', async () => {
  const c = await cluster();
  const { transport, requests } = recordingTransport(c.env);
  const cache = new KubeCache(transport, 'sandbox', { pageSize: 4 });
  try {
    const pods = cache.collection('pods');
    assert.equal((await pods.settled()).phase, 'live');
    assert.deepEqual(uids(pods), await kubectlPodUids(c.env));
    const pages = requests.filter((r) => r.startsWith('list /api/v1/pods'));
    assert.equal(pages.length, Math.ceil(pods.size / 4));
    assert.ok(pages.length > 1, 'more than one page');
    assert.equal(pages[0], 'list /api/v1/pods limit=4 continue=no -> 200');
    assert.ok(pages.slice(1).every((r) => r === 'list /api/v1/pods limit=4 continue=yes -> 200'));
    assert.equal(cache.collection('pods'), pods, 'one collection per type, shared');
  } finally {
    await cache.stop();
    await c.done();
  }
});

test('the watch applies changes made with kubectl: a scaled deployment\'s pods appear', async () => {
  const c = await cluster();
  const cache = openKubeCache(c.env);
  try {
    const pods = cache.collection('pods');
    const deployments = cache.collection('deployments');
    await Promise.all([pods.settled(), deployments.settled()]);
    const appPods = () => [...pods.values()].filter((p) => p.metadata.labels?.app === 'tiktok-toe' && !p.metadata.deletionTimestamp);
    const before = appPods().length;
    const scaled = before + 2;
    const run = await runNative(`kubectl scale deployment tiktok-toe --replicas=${scaled}`, { env: c.env });
    assert.equal(run.exitCode, 0, run.stderr);
    await until(pods, () => appPods().length === scaled);
    const deployment = [...deployments.values()].find((d) => d.metadata.name === 'tiktok-toe');
    await until(deployments, () => deployment !== undefined && deployments.get(deployment.metadata.uid)?.spec?.replicas === scaled);
    assert.deepEqual(uids(pods), await kubectlPodUids(c.env));
    assert.equal(pods.state.phase, 'live');
  } finally {
    await cache.stop();
    await c.done();
  }
});

test('a simulator restarted mid-watch: reconnecting with the last update time, then a 410 relists and the new server\'s objects are live', async () => {
  const first = await cluster();
  const { transport, requests } = recordingTransport(first.env);
  const cache = new KubeCache(transport, 'sandbox', { backoff: { firstMs: 50, maxMs: 400 } });
  let second: Cluster | undefined;
  try {
    const pods = cache.collection('pods');
    await pods.settled();
    // Changes on the first server take its resourceVersion past anything the restarted one has issued.
    const run = await runNative('kubectl scale deployment tiktok-toe --replicas=5', { env: first.env });
    assert.equal(run.exitCode, 0, run.stderr);
    await until(pods, () => [...pods.values()].filter((p) => p.metadata.labels?.app === 'tiktok-toe').length === 5);
    const oldUids = uids(pods);
    const lastUpdateBefore = pods.state.phase === 'live' ? pods.state.lastUpdate : NaN;

    const reconnecting = nextState(pods, 'reconnecting');
    await first.sim.stop();
    const stale = await reconnecting;
    assert.equal(stale.phase, 'reconnecting');
    assert.ok(stale.phase === 'reconnecting' && stale.lastUpdate !== undefined && stale.lastUpdate >= lastUpdateBefore);
    assert.match(stale.phase === 'reconnecting' ? stale.hint : '', new RegExp(`127\\.0\\.0\\.1:${first.sim.port}`));
    assert.deepEqual(uids(pods), oldUids, 'the last known objects stay while stale');

    requests.length = 0;
    second = await cluster(first.sim.port);
    const fresh = second;
    await until(pods, () => pods.state.phase === 'live' && pods.size > 0 && uids(pods).every((uid) => !oldUids.includes(uid)));
    const freshUids = await kubectlPodUids(fresh.env);
    await until(pods, () => uids(pods).join() === freshUids.join());
    assert.ok(requests.includes('watch /api/v1/pods -> 200 ERROR 410'), requests.join('\n'));
    const relist = requests.indexOf('watch /api/v1/pods -> 200 ERROR 410') + 1;
    assert.equal(requests[relist], 'list /api/v1/pods limit=500 continue=no -> 200', 'a 410 is followed by a full list');
  } finally {
    await cache.stop();
    await first.done();
    await second?.done();
  }
});

test('every type the cache watches is served, events are warnings only, and the metrics API is polled', async () => {
  const c = await cluster();
  const cache = openKubeCache(c.env, { metricsIntervalSeconds: 60 });
  try {
    const names = Object.keys(KUBE_RESOURCES) as KubeResourceName[];
    const states = await Promise.all(names.map((name) => cache.collection(name).settled()));
    assert.deepEqual(states.map((s, i) => `${names[i]} ${s.phase}`), names.map((n) => `${n} live`));
    assert.ok(cache.collection('nodes').size > 0 && cache.collection('deployments').size > 0 && cache.collection('persistentvolumeclaims').size > 0);
    assert.ok([...cache.collection('events').values()].every((e) => e.event?.type === 'Warning'));
    const metrics = cache.metrics();
    await new Promise<void>((resolve) => {
      const off = metrics.subscribe(() => (off(), resolve()));
    });
    assert.equal(metrics.state.phase, 'live');
    const podNames = new Set([...cache.collection('pods').values()].map((p) => `${p.metadata.namespace}/${p.metadata.name}`));
    assert.ok(metrics.snapshot!.pods.length > 0 && metrics.snapshot!.pods.every((p) => podNames.has(`${p.namespace}/${p.name}`)));
    assert.deepEqual(metrics.snapshot!.nodes.map((n) => n.name).sort(), [...cache.collection('nodes').values()].map((n) => n.metadata.name).sort());
  } finally {
    await cache.stop();
    await c.done();
  }
});

test('a rejected credential and a missing permission fail with what to check, naming the context', async () => {
  const c = await cluster(undefined, true);
  const expired = openKubeCache(c.env, { context: 'sandbox-expired' });
  const nobody = openKubeCache(c.env, { context: 'sandbox-nobody' });
  try {
    const [unauthorized, forbidden] = await Promise.all([expired.collection('pods').settled(), nobody.collection('pods').settled()]);
    assert.equal(unauthorized.phase === 'failed' && unauthorized.hint, 'Check the credentials of context "sandbox-expired" in your kubeconfig: the token or certificate may have expired.');
    assert.equal(forbidden.phase === 'failed' && forbidden.hint, 'Check RBAC: the user of context "sandbox-nobody" needs list and watch on pods.');
  } finally {
    await Promise.all([expired.stop(), nobody.stop()]);
    await c.done();
  }
});
