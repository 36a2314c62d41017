// The sandbox's scale settings and the app's /metrics: a second simulated
// cluster is another context of the same kubeconfig with a store of its own,
// SANDBOX_* scale variables are read strictly, and the http_requests_total
// counter grows at the scenario's rate, on the sandbox clock and on the wall clock.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as k8s from '@kubernetes/client-node';
import { ManualClock } from './clock';
import { makeCertificates, startHealthServer } from './health';
import { SCENARIOS, startSandbox, type Sandbox } from './index';
import { scaleFromEnv } from './scale';
import { levelAbove } from './testing';

/** The counter's value on a /metrics page. */
function requestsTotal(text: string): number {
  const m = /^http_requests_total\{service="tiktok-toe-api"\} (\d+)$/m.exec(text);
  assert.ok(m, `a http_requests_total sample in:\n${text}`);
  assert.match(text, /^# TYPE http_requests_total counter$/m);
  return Number(m[1]);
}

/** One /metrics sample over TLS, trusting the sandbox's CA; `at` is when the answer came. */
function sample(url: string, ca: Buffer): Promise<{ at: number; value: number }> {
  return new Promise((resolve, reject) => {
    get(url, { ca }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        try {
          assert.equal(res.statusCode, 200);
          assert.match(res.headers['content-type'] ?? '', /^text\/plain; version=0\.0\.4/);
          resolve({ at: Date.now(), value: requestsTotal(text) });
        } catch (err) {
          reject(err);
        }
      });
    }).on('error', reject);
  });
}

describe('scale settings', () => {
  it('reads SANDBOX_PODS, SANDBOX_CHURN_PER_SECOND and SANDBOX_CLUSTERS, and names a bad one', () => {
    assert.deepEqual(scaleFromEnv({}), { pods: undefined, churnPerSecond: 0, clusters: 1 });
    assert.deepEqual(scaleFromEnv({ SANDBOX_PODS: '10000', SANDBOX_CHURN_PER_SECOND: '2.5', SANDBOX_CLUSTERS: '2' }), { pods: 10_000, churnPerSecond: 2.5, clusters: 2 });
    assert.throws(() => scaleFromEnv({ SANDBOX_PODS: 'many' }), /SANDBOX_PODS=many is not a whole number/);
    assert.throws(() => scaleFromEnv({ SANDBOX_CLUSTERS: '0' }), /SANDBOX_CLUSTERS=0/);
    assert.throws(() => scaleFromEnv({ SANDBOX_CHURN_PER_SECOND: '-1' }), /SANDBOX_CHURN_PER_SECOND=-1/);
  });
});

describe('a second simulated cluster', { timeout: 60_000 }, () => {
  let sb: Sandbox;
  let kc: k8s.KubeConfig;

  before(async () => {
    sb = await startSandbox({ services: ['kube'], quiet: true, scale: { clusters: 2, pods: 300 } });
    kc = new k8s.KubeConfig();
    kc.loadFromFile(sb.env.KUBECONFIG!);
  });
  after(async () => {
    await sb?.stop();
  });

  const core = (context: string) => {
    const c = new k8s.KubeConfig();
    c.loadFromString(kc.exportConfig());
    c.setCurrentContext(context);
    return c.makeApiClient(k8s.CoreV1Api);
  };

  it('is context sandbox-2 of the same kubeconfig, with a store of its own', async () => {
    assert.equal(kc.getCurrentContext(), 'sandbox');
    const second = kc.getContextObject('sandbox-2');
    assert.ok(second, 'context sandbox-2');
    assert.notEqual(kc.getCluster(second.cluster)?.server, kc.getCluster('sandbox')?.server);
    const [one, two] = [core('sandbox'), core('sandbox-2')];
    assert.equal((await one.listPodForAllNamespaces()).items.length, 300);
    assert.equal((await two.listPodForAllNamespaces()).items.length, 300);
    await two.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'only-in-two' }, data: { a: 'b' } } });
    assert.equal((await two.readNamespacedConfigMap({ namespace: 'default', name: 'only-in-two' })).data?.a, 'b');
    await assert.rejects(one.readNamespacedConfigMap({ namespace: 'default', name: 'only-in-two' }), (err: { code?: number }) => err.code === 404);
  });
});

describe('the app\'s /metrics', { timeout: 60_000 }, () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sandbox-metrics-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  for (const scenario of Object.values(SCENARIOS)) {
    it(`${scenario.name}: two samples ten seconds apart on the sandbox clock give a ${scenario.name} rate`, async () => {
      const clock = new ManualClock();
      const certs = await makeCertificates(join(dir, scenario.name));
      const server = await startHealthServer({ certs, scenario, clock: clock.now });
      try {
        const url = `${server.url}/metrics`;
        const ca = readFileSync(certs.caFile);
        const first = await sample(url, ca);
        clock.advance(10_000);
        const second = await sample(url, ca);
        const rate = (second.value - first.value) / 10;
        assert.equal(rate, scenario.requestsPerSecond);
        assert.equal(levelAbove(rate, 1000, 2000), scenario.name);
      } finally {
        await server.stop();
      }
    });
  }

  it('on the wall clock, the rate between two samples is the scenario\'s', async () => {
    const scenario = SCENARIOS.warning;
    const certs = await makeCertificates(join(dir, 'wall'));
    const server = await startHealthServer({ certs, scenario });
    try {
      const url = `${server.url}/metrics`;
      const ca = readFileSync(certs.caFile);
      const first = await sample(url, ca);
      await new Promise((r) => setTimeout(r, 1500)); // lets the counter move
      const second = await sample(url, ca);
      const rate = (second.value - first.value) / ((second.at - first.at) / 1000);
      assert.ok(Math.abs(rate - scenario.requestsPerSecond) / scenario.requestsPerSecond < 0.05, `${rate} requests/s`);
    } finally {
      await server.stop();
    }
  });
});
