// The simulator's custom metrics API read with the real kubectl: discovery
// (`kubectl api-versions`, `get --raw`, `api-resources`), the per-pod values
// of http_requests_per_second (the scenario's rate split across the app's
// ready pods) in v1beta2 and v1beta1, the adapter's 404 for a metric it does
// not have, and an HPA given the metric reporting the same average, described
// alike by the real kubectl and ours.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { bracketed } from '../../support/bracketed';
import { runNative, runReal } from '../../support/engine';
import { SCENARIOS } from '../scenario';
import { startKubeSimulator, type KubeSimulator } from './index';
import { parseQuantity } from './quantity';
import { eventually, getJson, isReady, run, TIKTOK_PODS, type Result } from './testkit';
import type { Json } from './util';

const SCENARIO = SCENARIOS.warning;
const API = '/apis/custom.metrics.k8s.io';
const PODS_METRIC = 'namespaces/default/pods/*/http_requests_per_second?labelSelector=app%3Dtiktok-toe';

describe('the custom metrics API of the simulator, through kubectl', () => {
  let sim: KubeSimulator;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const kubectl = (...args: string[]): Promise<Result> => run('kubectl', args, env);
  const raw = async (path: string): Promise<Json> => {
    const r = await kubectl('get', '--raw', path);
    assert.equal(r.code, 0, `kubectl get --raw ${path}: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };
  const readyAppPods = async (): Promise<string[]> => ((await getJson(sim.url, TIKTOK_PODS)).items as Json[]).filter(isReady).map((p) => p.metadata.name).sort();

  before(async () => {
    sim = await startKubeSimulator({ scenario: SCENARIO, readyDelayMs: 200 });
    dir = mkdtempSync(join(tmpdir(), 'kube-sim-custom-metrics-'));
    await sim.writeKubeconfig(join(dir, 'kubeconfig'));
    env = { PATH: process.env.PATH, HOME: dir, KUBECONFIG: join(dir, 'kubeconfig'), KUBECACHEDIR: join(dir, 'cache') };
  });

  after(async () => {
    await sim?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is discovered: api-versions, the group, its resource list; api-resources lists no metric as a kind', async () => {
    const versions = await kubectl('api-versions');
    assert.equal(versions.code, 0, versions.stderr);
    assert.deepEqual(versions.stdout.split('\n').filter((l) => l.startsWith('custom.metrics')), ['custom.metrics.k8s.io/v1beta1', 'custom.metrics.k8s.io/v1beta2']);
    const group = await raw(API);
    assert.deepEqual([group.kind, group.preferredVersion.version], ['APIGroup', 'v1beta2']);
    const list = await raw(`${API}/v1beta2`);
    assert.equal(list.kind, 'APIResourceList');
    assert.deepEqual(list.resources.map((r: Json) => [r.name, r.kind, r.verbs.join()]), [
      ['pods/http_requests_per_second', 'MetricValueList', 'get'],
      ['services/http_requests_per_second', 'MetricValueList', 'get'],
    ]);
    const resources = await kubectl('api-resources');
    assert.equal(resources.code, 0, resources.stderr);
    assert.doesNotMatch(resources.stdout, /custom\.metrics/);
  });

  it('gives each ready app pod an even share of the scenario rate, in v1beta2 and v1beta1', async () => {
    const pods = await readyAppPods();
    assert.ok(pods.length >= 1);
    const share = Math.round((SCENARIO.requestsPerSecond / pods.length) * 1000) / 1000;
    const v2 = await raw(`${API}/v1beta2/${PODS_METRIC}`);
    assert.deepEqual([v2.kind, v2.apiVersion], ['MetricValueList', 'custom.metrics.k8s.io/v1beta2']);
    assert.deepEqual(v2.items.map((i: Json) => i.describedObject.name).sort(), pods);
    for (const item of v2.items) {
      assert.deepEqual([item.describedObject.kind, item.metric.name], ['Pod', 'http_requests_per_second']);
      assert.equal(parseQuantity(item.value), share, item.value);
    }
    const v1 = await raw(`${API}/v1beta1/${PODS_METRIC}`);
    assert.deepEqual(v1.items.map((i: Json) => [i.describedObject.name, i.metricName, i.value]).sort(), v2.items.map((i: Json) => [i.describedObject.name, i.metric.name, i.value]).sort());
    const service = await raw(`${API}/v1beta2/namespaces/default/services/tiktok-toe/http_requests_per_second`);
    assert.deepEqual(service.items.map((i: Json) => parseQuantity(i.value)), [SCENARIO.requestsPerSecond]);
  });

  it('answers a metric it does not have with the adapter\'s 404', async () => {
    const r = await kubectl('get', '--raw', `${API}/v1beta2/namespaces/default/pods/*/http_errors_per_second`);
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim(), 'Error from server (NotFound): the server could not find the metric http_errors_per_second for pods');
  });

  it('an HPA given the metric reports the pods\' average, and kubectl describe hpa prints it as ours does', async () => {
    const patch = [{ op: 'add', path: '/spec/metrics/-', value: { type: 'Pods', pods: { metric: { name: 'http_requests_per_second' }, target: { type: 'AverageValue', averageValue: '500' } } } }];
    const patched = await kubectl('patch', 'hpa', 'tiktok-toe', '--type=json', '-p', JSON.stringify(patch));
    assert.equal(patched.code, 0, patched.stderr);
    const values = (await raw(`${API}/v1beta2/${PODS_METRIC}`)).items.map((i: Json) => parseQuantity(i.value));
    const average = values.reduce((a: number, b: number) => a + b, 0) / values.length;
    const current = await eventually(async () => {
      const hpa = await getJson(sim.url, '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/tiktok-toe');
      return (hpa.status?.currentMetrics ?? []).find((m: Json) => m.type === 'Pods');
    }, 'the HPA status with the Pods metric');
    assert.equal(current.pods.metric.name, 'http_requests_per_second');
    assert.equal(parseQuantity(current.pods.current.averageValue), Math.round(average * 1000) / 1000);

    const command = 'kubectl describe hpa tiktok-toe';
    const outcome = await bracketed(() => runNative(command, { env }), () => runReal(command, env));
    assert.equal(outcome.ours.stdout, outcome.theirs.stdout);
    assert.equal(outcome.ours.exitCode, outcome.theirs.exitCode);
    assert.match(outcome.theirs.stdout, new RegExp(`"http_requests_per_second" on pods: +${current.pods.current.averageValue} / 500\\n`));
  });
});
