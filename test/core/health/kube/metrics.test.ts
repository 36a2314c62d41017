// The metrics poller against a scripted server: usage per pod and node, and a
// cluster without the metrics API reads "not measured".

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KubeMetricsPoller } from '../../../../src/core/health/kube/metrics';
import { FakeTransport } from './fakeTransport';

test('a poll reads pod and node usage from metrics.k8s.io', async () => {
  const transport = new FakeTransport();
  transport.reply(
    { status: 200, body: { items: [{ metadata: { name: 'web-1', namespace: 'shop' }, containers: [{ name: 'web', usage: { cpu: '120m', memory: '64Mi' } }] }] } },
    { status: 200, body: { items: [{ metadata: { name: 'node-1' }, usage: { cpu: '1500m', memory: '3Gi' } }] } },
  );
  const poller = new KubeMetricsPoller(transport, { context: 'prod-eu', now: () => 42 });
  await poller.poll();
  assert.deepEqual(transport.gets.map((g) => g.path).sort(), ['/apis/metrics.k8s.io/v1beta1/nodes', '/apis/metrics.k8s.io/v1beta1/pods']);
  assert.deepEqual(poller.snapshot, {
    at: 42,
    pods: [{ namespace: 'shop', name: 'web-1', containers: [{ name: 'web', usage: { cpu: '120m', memory: '64Mi' } }] }],
    nodes: [{ name: 'node-1', usage: { cpu: '1500m', memory: '3Gi' } }],
  });
  assert.deepEqual(poller.state, { phase: 'live', lastUpdate: 42 });
});

test('without the metrics API the poller says "not measured"', async () => {
  const transport = new FakeTransport();
  const missing = { status: 404, body: { kind: 'Status', code: 404, message: 'the server could not find the requested resource' } };
  transport.reply(missing, missing);
  const poller = new KubeMetricsPoller(transport, { context: 'prod-eu' });
  await poller.poll();
  const state = poller.state;
  assert.equal(state.phase, 'failed');
  assert.equal(state.phase === 'failed' && state.notMeasured, true);
  assert.equal(state.phase === 'failed' && state.hint, 'Not measured: the cluster of context "prod-eu" does not serve the metrics API (metrics.k8s.io).');
  assert.equal(poller.snapshot, undefined);
});

test('the poller polls on its interval until stopped', async () => {
  const transport = new FakeTransport();
  const empty = { status: 200, body: { items: [] } };
  transport.reply(empty, empty, empty, empty);
  const waits: number[] = [];
  let poller: KubeMetricsPoller | undefined;
  const secondPoll = new Promise<void>((resolve) => {
    poller = new KubeMetricsPoller(transport, { context: 'prod-eu', intervalSeconds: 7, sleep: async (ms) => void waits.push(ms) });
    let polls = 0;
    poller.subscribe(() => ++polls === 2 && resolve());
  });
  poller!.start();
  await secondPoll;
  await poller!.stop();
  assert.equal(waits[0], 7_000);
  assert.ok(transport.gets.length >= 4);
});
