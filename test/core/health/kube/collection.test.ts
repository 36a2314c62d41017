// The list+watch collection against a scripted server: paginated list, events
// applied by uid, bookmark resume, 410 relist, capped backoff on refusals, and
// the states a view shows meanwhile.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KubeTransportError } from '../../../../src/core/connections/kubeConnection';
import { KubeCollection, type KubeChange } from '../../../../src/core/health/kube/collection';
import { KUBE_RESOURCES } from '../../../../src/core/health/kube/resources';
import type { SourceState } from '../../../../src/core/health/kube/state';
import { FakeTransport, page, pod } from './fakeTransport';

interface Harness {
  transport: FakeTransport;
  collection: KubeCollection;
  delays: number[];
  changes: KubeChange[];
  states: SourceState[];
  clock: { now: number };
}

function harness(options: { pageSize?: number } = {}): Harness {
  const transport = new FakeTransport();
  const delays: number[] = [];
  const clock = { now: 1_000 };
  const collection = new KubeCollection(transport, KUBE_RESOURCES.pods, {
    context: 'prod-eu',
    pageSize: options.pageSize,
    backoff: { firstMs: 100, maxMs: 1_000 },
    now: () => clock.now,
    sleep: async (ms) => void delays.push(ms),
  });
  const changes: KubeChange[] = [];
  const states: SourceState[] = [];
  collection.subscribe((c) => changes.push(c));
  collection.onStateChange((s) => states.push(s));
  return { transport, collection, delays, changes, states, clock };
}

/** Resolves at the next state of the given phase. */
function nextState(collection: KubeCollection, phase: SourceState['phase']): Promise<SourceState> {
  return new Promise((resolve) => {
    const off = collection.onStateChange((s) => {
      if (s.phase !== phase) return;
      off();
      resolve(s);
    });
  });
}

const names = (c: KubeCollection) => [...c.values()].map((o) => o.metadata.name).sort();

test('the initial list is read page by page, then watched from the last page\'s resourceVersion', async () => {
  const { transport, collection, changes } = harness({ pageSize: 2 });
  transport.reply(page([pod('a', 'u-a', '11'), pod('b', 'u-b', '12')], '20', 'token-1'), page([pod('c', 'u-c', '13')], '21'));
  collection.start();
  assert.equal((await collection.settled()).phase, 'live');
  const watch = await transport.watchNumber(0);
  assert.deepEqual(transport.gets.map((g) => [g.path, g.query.limit, g.query.continue]), [
    ['/api/v1/pods', 2, undefined],
    ['/api/v1/pods', 2, 'token-1'],
  ]);
  assert.deepEqual(names(collection), ['a', 'b', 'c']);
  assert.deepEqual(changes.map((c) => `${c.type} ${c.object.metadata.name}`), ['added a', 'added b', 'added c']);
  assert.equal(watch.query.resourceVersion, '21');
  assert.equal(watch.query.allowWatchBookmarks, true);
  await collection.stop();
});

test('watch events are applied by uid and told to subscribers', async () => {
  const { transport, collection, changes } = harness();
  transport.reply(page([pod('a', 'u-a', '11')], '11'));
  collection.start();
  const watch = await transport.watchNumber(0);
  changes.length = 0;
  watch.send('ADDED', pod('b', 'u-b', '12'));
  watch.send('MODIFIED', pod('a', 'u-a', '13', { status: { phase: 'Failed' } }));
  watch.send('DELETED', pod('b', 'u-b', '14'));
  assert.deepEqual(changes.map((c) => `${c.type} ${c.object.metadata.name}`), ['added b', 'modified a', 'deleted b']);
  assert.equal(collection.size, 1);
  assert.equal(collection.get('u-a')?.status?.phase, 'Failed');
  await collection.stop();
});

test('a watch the server ends is resumed from the last bookmark, without a relist', async () => {
  const { transport, collection } = harness();
  transport.reply(page([pod('a', 'u-a', '11')], '11'));
  collection.start();
  const first = await transport.watchNumber(0);
  first.send('MODIFIED', pod('a', 'u-a', '15'));
  first.send('BOOKMARK', { kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: '40' } });
  first.end();
  const second = await transport.watchNumber(1);
  assert.equal(second.query.resourceVersion, '40');
  assert.equal(transport.gets.length, 1, 'no second list');
  assert.deepEqual(names(collection), ['a']);
  await collection.stop();
});

test('410 Gone in a watch relists, and the relist tells subscribers only what changed', async () => {
  const { transport, collection, changes } = harness();
  transport.reply(page([pod('a', 'u-a', '11'), pod('b', 'u-b', '12')], '12'));
  collection.start();
  const first = await transport.watchNumber(0);
  transport.reply(page([pod('a', 'u-a', '11'), pod('b', 'u-b', '30'), pod('c', 'u-c', '31')], '32'));
  changes.length = 0;
  first.send('ERROR', { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Expired', code: 410, message: 'too old resource version: 12 (900)' });
  const second = await transport.watchNumber(1);
  assert.equal(transport.gets.length, 2, 'listed again');
  assert.equal(transport.gets[1].query.continue, undefined);
  assert.equal(second.query.resourceVersion, '32');
  assert.deepEqual(changes.map((c) => `${c.type} ${c.object.metadata.name}`), ['modified b', 'added c']);
  assert.deepEqual(names(collection), ['a', 'b', 'c']);
  await collection.stop();
});

test('410 Gone as the watch request\'s status relists too, and objects gone meanwhile are deleted', async () => {
  const { transport, collection, changes } = harness();
  transport.reply(page([pod('a', 'u-a', '11'), pod('b', 'u-b', '12')], '12'));
  collection.start();
  const first = await transport.watchNumber(0);
  transport.watchRefusals.push({ status: 410, body: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' } });
  transport.reply(page([pod('a', 'u-a', '11')], '50'));
  changes.length = 0;
  first.end();
  const second = await transport.watchNumber(1);
  assert.equal(second.query.resourceVersion, '50');
  assert.deepEqual(changes.map((c) => `${c.type} ${c.object.metadata.name}`), ['deleted b']);
  await collection.stop();
});

test('a dropped watch shows reconnecting with the time of the last update, then resumes from its resourceVersion', async () => {
  const { transport, collection, clock, delays } = harness();
  transport.reply(page([pod('a', 'u-a', '11')], '11'));
  collection.start();
  const first = await transport.watchNumber(0);
  clock.now = 2_000;
  first.send('MODIFIED', pod('a', 'u-a', '12'));
  clock.now = 5_000;
  transport.watchRefusals.push(new KubeTransportError('The connection to the server kube.example:6443 was refused - did you specify the right host or port?', 'ECONNREFUSED'));
  const reconnecting = nextState(collection, 'reconnecting');
  first.drop(new Error('socket hang up'));
  const state = await reconnecting;
  assert.deepEqual(state, { phase: 'reconnecting', since: 5_000, lastUpdate: 2_000, error: 'socket hang up', hint: 'The connection to kube.example:6443 (context "prod-eu") was lost; reconnecting.' });
  const second = await transport.watchNumber(1);
  assert.equal(second.query.resourceVersion, '12');
  assert.equal(collection.state.phase, 'reconnecting', 'still stale until the server says something');
  assert.equal((collection.state as { since: number }).since, 5_000, 'the outage keeps its start');
  assert.equal((collection.state as { hint: string }).hint.includes('kube.example:6443'), true);
  assert.deepEqual(delays, [100, 200], 'backoff doubles while the server refuses');
  clock.now = 9_000;
  second.send('BOOKMARK', { metadata: { resourceVersion: '20' } });
  assert.deepEqual(collection.state, { phase: 'live', lastUpdate: 9_000 });
  assert.equal(transport.gets.length, 1, 'resumed, not relisted');
  await collection.stop();
});

test('the backoff doubles up to its cap while the server refuses, and the failure names the server', async () => {
  const { transport, collection, delays } = harness();
  const refused = () => new KubeTransportError('The connection to the server kube.example:6443 was refused - did you specify the right host or port?', 'ECONNREFUSED');
  transport.reply(...Array.from({ length: 7 }, refused), page([pod('a', 'u-a', '11')], '11'));
  const failed = nextState(collection, 'failed');
  collection.start();
  const state = await failed;
  assert.equal(state.phase === 'failed' && state.hint, 'Check that the cluster is running and that context "prod-eu" names the right server address (kube.example:6443).');
  await transport.watchNumber(0);
  assert.deepEqual(delays, [100, 200, 400, 800, 1_000, 1_000, 1_000]);
  assert.equal(collection.state.phase, 'live');
  await collection.stop();
});

test('a watch that closes at once, again and again, backs off instead of spinning', async () => {
  const { transport, collection, delays } = harness();
  transport.reply(page([], '11'));
  collection.start();
  for (let i = 0; i < 5; i++) (await transport.watchNumber(i)).end();
  await transport.watchNumber(5);
  assert.deepEqual(delays, [100, 200, 400, 800, 1_000]);
  await collection.stop();
});

test('401 and 403 fail with what to check, naming the context; a missing API is "not measured"', async () => {
  const cases: [number, string, boolean][] = [
    [401, 'Check the credentials of context "prod-eu" in your kubeconfig: the token or certificate may have expired.', false],
    [403, 'Check RBAC: the user of context "prod-eu" needs list and watch on pods.', false],
    [404, 'Not measured: the cluster of context "prod-eu" does not serve pods.', true],
  ];
  for (const [status, hint, notMeasured] of cases) {
    const { transport, collection, delays } = harness();
    transport.reply({ status, body: { kind: 'Status', code: status, message: `status ${status}` } });
    collection.start();
    const state = await collection.settled();
    assert.equal(state.phase, 'failed');
    assert.equal(state.phase === 'failed' && state.hint, hint);
    assert.equal(state.phase === 'failed' && state.notMeasured, notMeasured);
    await collection.stop();
    assert.deepEqual(delays, [1_000], 'retried only at the longest delay');
  }
});

test('stop ends the watch and the loop', async () => {
  const { transport, collection } = harness();
  transport.reply(page([], '11'));
  collection.start();
  await transport.watchNumber(0);
  await collection.stop();
  assert.equal(transport.watches.length, 1);
});
