// Which HPA metric is a workload's request rate, and reading it from the
// custom metrics API: the values added up, v1beta1 when v1beta2 is not
// served, and failures that say what to check.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeTransport, Query } from '../../../../src/core/health/kube/transport';
import type { KubeItem } from '../../../../src/core/health/kube/transform';
import { explainCustomMetrics, readCustomMetricsRate } from '../../../../src/core/health/sources/customMetricsRate';
import { hpaRequestMetric, isRequestRateMetric, type HpaRequestMetric } from '../../../../src/core/health/sources/hpaRequestMetric';

const WEB: KubeItem = {
  metadata: { name: 'web', namespace: 'shop', uid: 'w' },
  spec: { selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['api', 'edge'] }, { key: 'canary', operator: 'DoesNotExist' }] } },
};

function hpa(target: string, metrics: unknown[]): KubeItem {
  return { metadata: { name: `${target}-hpa`, namespace: 'shop', uid: target }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target }, metrics } };
}

const CPU = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } };
const pods = (name: string) => ({ type: 'Pods', pods: { metric: { name }, target: { type: 'AverageValue', averageValue: '100' } } });

describe('which HPA metric counts requests', () => {
  it('names that are a rate of requests served', () => {
    for (const name of ['http_requests_per_second', 'requests', 'requestsPerSecond', 'nginx_ingress_controller_requests', 'rps', 'api-qps']) assert.ok(isRequestRateMetric(name), name);
    for (const name of ['http_request_duration_seconds', 'http_requests_total', 'http_requests_in_flight', 'request_errors_per_second', 'request_size_bytes', 'cpu', 'queue_depth', 'http_errors_per_second']) assert.ok(!isRequestRateMetric(name), name);
  });

  it('a Pods metric of an HPA that scales the workload, over the workload\'s pods', () => {
    const found = hpaRequestMetric('deployment/web', [hpa('other', [pods('http_requests_per_second')]), hpa('web', [CPU, pods('queue_depth'), pods('http_requests_per_second')])], [WEB]);
    assert.deepEqual(found, {
      hpa: 'hpa/web-hpa',
      namespace: 'shop',
      workload: 'deployment/web',
      metric: 'http_requests_per_second',
      over: { type: 'Pods', podSelector: 'app=web,tier in (api,edge),!canary' },
    });
  });

  it('an Object metric names the described object as the custom metrics API does, with its metric selector', () => {
    const object = { type: 'Object', object: { describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'main' }, metric: { name: 'requests-per-second', selector: { matchLabels: { path: '/api' } } }, target: { type: 'Value', value: '2k' } } };
    const found = hpaRequestMetric('deployment/web', [hpa('web', [object])], [WEB]);
    assert.deepEqual(found?.over, { type: 'Object', resource: 'ingresses.networking.k8s.io', name: 'main' });
    assert.equal(found?.metricSelector, 'path=/api');
  });

  it('none without an HPA of the workload that scales on a request metric', () => {
    assert.equal(hpaRequestMetric('deployment/web', [hpa('web', [CPU])], [WEB]), undefined);
    assert.equal(hpaRequestMetric('statefulset/web', [hpa('web', [pods('requests')])], [WEB]), undefined);
  });
});

/** Answers each path with the reply given for it (404 page not found otherwise), and records the queries. */
function transport(replies: Record<string, { status: number; body: unknown }>): KubeTransport & { asked: { path: string; query: Query }[] } {
  const asked: { path: string; query: Query }[] = [];
  return {
    server: '10.0.0.1:6443',
    asked,
    async get(path, query) {
      asked.push({ path, query });
      const reply = replies[path] ?? { status: 404, body: '404 page not found\n' };
      return { status: reply.status, text: typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body) };
    },
    watch: async () => ({ status: 405 }),
    close: () => undefined,
  };
}

const TARGET: HpaRequestMetric = { hpa: 'hpa/web', namespace: 'shop', workload: 'deployment/web', metric: 'http_requests_per_second', over: { type: 'Pods', podSelector: 'app=web' } };
const V2 = '/apis/custom.metrics.k8s.io/v1beta2/namespaces/shop/pods/*/http_requests_per_second';
const V1 = '/apis/custom.metrics.k8s.io/v1beta1/namespaces/shop/pods/*/http_requests_per_second';
const values = (...list: string[]) => ({ status: 200, body: { kind: 'MetricValueList', items: list.map((value) => ({ value })) } });
const failure = async (replies: Record<string, { status: number; body: unknown }>): Promise<unknown> => readCustomMetricsRate(transport(replies), TARGET, new AbortController().signal).then(() => assert.fail('the read succeeded'), (e: unknown) => e);
const WHERE = { context: 'prod', server: '10.0.0.1:6443' };

describe('reading the rate from the custom metrics API', () => {
  it('adds up the pods\' values, asking for the workload\'s pods', async () => {
    const fake = transport({ [V2]: values('483333m', '483333m', '1.5k') });
    const rate = await readCustomMetricsRate(fake, TARGET, new AbortController().signal);
    assert.deepEqual(rate, { perSecond: 2466.666, objects: 3, api: 'custom.metrics.k8s.io/v1beta2' });
    assert.deepEqual(fake.asked, [{ path: V2, query: { labelSelector: 'app=web', metricLabelSelector: undefined } }]);
  });

  it('asks v1beta1 when the cluster does not serve v1beta2', async () => {
    const rate = await readCustomMetricsRate(transport({ [V1]: values('640') }), TARGET, new AbortController().signal);
    assert.deepEqual(rate, { perSecond: 640, objects: 1, api: 'custom.metrics.k8s.io/v1beta1' });
  });

  it('the API not served at all: check the metrics adapter and its APIService', async () => {
    const { error, hint } = explainCustomMetrics(await failure({}), TARGET, WHERE);
    assert.equal(error, 'Not found (404): 404 page not found');
    assert.match(hint, /^hpa\/web scales on http_requests_per_second, but the cluster of context "prod" does not serve the custom metrics API: .*kubectl get apiservice v1beta2\.custom\.metrics\.k8s\.io/);
  });

  it('the adapter without the metric: check its rules (not asked again at v1beta1)', async () => {
    const notFound = { status: 404, body: { kind: 'Status', status: 'Failure', reason: 'NotFound', code: 404, message: 'the server could not find the metric http_requests_per_second for pods' } };
    const replies = { [V2]: notFound, [V1]: values('1') };
    const { error, hint } = explainCustomMetrics(await failure(replies), TARGET, WHERE);
    assert.equal(error, 'Not found (404): the server could not find the metric http_requests_per_second for pods');
    assert.match(hint, /the metrics adapter has no such metric for pods: check the adapter's rules \(kubectl get --raw \/apis\/custom\.metrics\.k8s\.io\/v1beta2 lists/);
  });

  it('the adapter down (503): kubectl get apiservice says why', async () => {
    const { error, hint } = explainCustomMetrics(await failure({ [V2]: { status: 503, body: { kind: 'Status', message: 'service unavailable' } } }), TARGET, WHERE);
    assert.equal(error, 'Service unavailable (503): service unavailable');
    assert.match(hint, /kubectl get apiservice v1beta2\.custom\.metrics\.k8s\.io says why/);
  });
});
