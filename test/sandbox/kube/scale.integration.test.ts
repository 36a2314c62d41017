// The simulator at 10,000 pods with pods restarting: a paginated list of every
// pod with consistent continue tokens (every page as of the first page's
// resourceVersion, though pods restart meanwhile), a watch from the list's resourceVersion
// that sees the restarts and bookmarks, and 410 Gone for versions older than the
// kept history (watch and continue token alike).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SCENARIOS } from '../scenario';
import { startKubeSimulator, type KubeSimulator } from './index';
import { DEPLOYMENTS_PER_NAMESPACE, PODS_PER_DEPLOYMENT, PODS_PER_NODE } from './seed-scale';
import { getJson } from './testkit';
import type { Json } from './util';

const PODS = 10_000;
const CHURN_PER_SECOND = 20;

/** Reads a watch stream's events until `done` says so; aborts (and fails) after `timeoutMs`. */
async function watchUntil(url: string, done: (events: Json[]) => boolean, timeoutMs = 20_000): Promise<Json[]> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  const events: Json[] = [];
  try {
    const res = await fetch(url, { signal: abort.signal });
    assert.equal(res.status, 200);
    const decoder = new TextDecoder();
    let buffered = '';
    const reader = res.body!.getReader();
    for (;;) {
      const { done: ended, value } = await reader.read();
      if (ended) break;
      buffered += decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        events.push(JSON.parse(buffered.slice(0, nl)));
        buffered = buffered.slice(nl + 1);
      }
      if (done(events)) return events;
    }
    return events;
  } catch (err) {
    if (abort.signal.aborted) assert.fail(`watch ${url}: condition not met in ${timeoutMs} ms after ${events.length} events`);
    throw err;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

const readyOf = (pod: Json) => pod.status?.conditions?.find((c: Json) => c.type === 'Ready')?.status;
const restartsOf = (pod: Json) => pod.status?.containerStatuses?.[0]?.restartCount ?? 0;

describe('the simulator at 10,000 pods', { timeout: 120_000 }, () => {
  let sim: KubeSimulator;
  let listRv = '';

  before(async () => {
    sim = await startKubeSimulator({ scenario: SCENARIOS.normal, pods: PODS, churnPerSecond: CHURN_PER_SECOND, readyDelayMs: 200 });
  });
  after(async () => {
    await sim?.stop();
  });

  it('lists every pod in pages of 500 with consistent continue tokens, while pods restart', { timeout: 50_000 }, async () => {
    const names: string[] = [];
    let token = '';
    let pages = 0;
    do {
      const page = await getJson(sim.url, `/api/v1/pods?limit=500${token ? `&continue=${encodeURIComponent(token)}` : ''}`);
      pages++;
      if (pages === 1) listRv = page.metadata.resourceVersion;
      else assert.equal(page.metadata.resourceVersion, listRv, 'every page reports the first page\'s resourceVersion');
      for (const p of page.items) {
        names.push(`${p.metadata.namespace}/${p.metadata.name}`);
        assert.ok(Number(p.metadata.resourceVersion) <= Number(listRv), `${p.metadata.name} as it was at the list's resourceVersion`);
      }
      token = page.metadata.continue ?? '';
      if (token) assert.equal(page.metadata.remainingItemCount, PODS - names.length, `remaining after page ${pages}`);
      else assert.equal(page.metadata.remainingItemCount, undefined);
    } while (token);
    assert.equal(pages, PODS / 500);
    assert.equal(names.length, PODS);
    assert.equal(new Set(names).size, PODS, 'no pod twice');
    assert.deepEqual([...names].sort(), names, 'in key order across pages');

    const deployments = await getJson(sim.url, '/apis/apps/v1/deployments');
    const scaled = deployments.items.filter((d: Json) => d.metadata.namespace.startsWith('team-'));
    assert.ok(scaled.length >= Math.floor((PODS - 10) / PODS_PER_DEPLOYMENT), `${scaled.length} deployments`);
    assert.ok(scaled.every((d: Json) => d.status.replicas === d.spec.replicas && d.spec.replicas <= PODS_PER_DEPLOYMENT));
    const namespaces = new Set(scaled.map((d: Json) => d.metadata.namespace));
    assert.equal(namespaces.size, Math.ceil(scaled.length / DEPLOYMENTS_PER_NAMESPACE));
    const nodes = await getJson(sim.url, '/api/v1/nodes');
    assert.ok(nodes.items.length >= Math.ceil((PODS - 10) / PODS_PER_NODE));
  });

  it('serves metrics for every running pod and node', async () => {
    const pods = await getJson(sim.url, '/apis/metrics.k8s.io/v1beta1/namespaces/team-01/pods');
    assert.equal(pods.items.length, DEPLOYMENTS_PER_NAMESPACE * PODS_PER_DEPLOYMENT);
    assert.ok(pods.items.every((m: Json) => /^\d+m?$/.test(m.containers[0].usage.cpu) && /^\d+Ki$/.test(m.containers[0].usage.memory)));
    const nodes = await getJson(sim.url, '/apis/metrics.k8s.io/v1beta1/nodes');
    const list = await getJson(sim.url, '/api/v1/nodes');
    assert.equal(nodes.items.length, list.items.length);
  });

  it('a watch from the list\'s resourceVersion sees pods restart and become ready, and bookmarks', { timeout: 40_000 }, async () => {
    assert.ok(listRv, 'the list test ran first');
    const events = await watchUntil(`${sim.url}/api/v1/pods?watch=true&allowWatchBookmarks=true&resourceVersion=${listRv}`, (evs) => {
      const bookmark = evs.some((e) => e.type === 'BOOKMARK');
      const recovered = evs.some((e, i) => e.type === 'MODIFIED' && readyOf(e.object) === 'False' && evs.slice(i + 1).some((l) => l.type === 'MODIFIED' && l.object.metadata.uid === e.object.metadata.uid && readyOf(l.object) === 'True'));
      return bookmark && recovered;
    });
    const down = events.find((e) => e.type === 'MODIFIED' && readyOf(e.object) === 'False')!;
    assert.ok(restartsOf(down.object) >= 1, 'a restart counts up');
    assert.equal(down.object.status.containerStatuses[0].lastState.terminated.exitCode, 137);
    for (const e of events.filter((x) => x.type !== 'BOOKMARK')) assert.ok(Number(e.object.metadata.resourceVersion) > Number(listRv), 'only changes after the list');
    const bookmark = events.find((e) => e.type === 'BOOKMARK')!;
    assert.equal(bookmark.object.kind, 'Pod');
    assert.ok(Number(bookmark.object.metadata.resourceVersion) > Number(listRv));
  });

  it('410 Gone for a resourceVersion older than the kept history', async () => {
    const events = await watchUntil(`${sim.url}/api/v1/pods?watch=true&resourceVersion=1`, (evs) => evs.length > 0);
    assert.equal(events[0].type, 'ERROR');
    assert.equal(events[0].object.code, 410);
    assert.equal(events[0].object.reason, 'Expired');

    const first = await getJson(sim.url, '/api/v1/pods?limit=100');
    const token = JSON.parse(Buffer.from(first.metadata.continue, 'base64url').toString());
    const stale = Buffer.from(JSON.stringify({ ...token, rv: 1 })).toString('base64url');
    const res = await fetch(`${sim.url}/api/v1/pods?limit=100&continue=${stale}`);
    assert.equal(res.status, 410);
    const status = (await res.json()) as Json;
    assert.equal(status.reason, 'Expired');
    assert.match(status.message, /continue parameter is too old/);
  });
});
