// The simulator's store: pages in key order, pages as of an earlier
// resourceVersion (created objects absent, deleted and changed ones as they
// were), and the owner index.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Store } from './store';
import type { KubeObject } from './util';

const KEY = '/pods';
const pod = (ns: string, name: string, extra: Partial<KubeObject> = {}): KubeObject => ({ metadata: { name, namespace: ns }, spec: { n: 1 }, ...extra });
const names = (items: readonly KubeObject[]) => items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
const all = () => true;

describe('simulator store', () => {
  it('pages in key order across namespaces, and within one', () => {
    const s = new Store();
    for (const [ns, n] of [['b', 'x'], ['a', 'z'], ['a-b', 'y'], ['a', 'y']]) s.create(KEY, pod(ns, n));
    const first = s.page(KEY, undefined, { match: all, limit: 2 });
    assert.deepEqual(names(first.items), ['a-b/y', 'a/y']);
    assert.equal(first.nextAfter, 'a/y');
    assert.equal(first.remaining, 2);
    const rest = s.page(KEY, undefined, { match: all, after: first.nextAfter, limit: 2 });
    assert.deepEqual(names(rest.items), ['a/z', 'b/x']);
    assert.equal(rest.nextAfter, undefined);
    assert.deepEqual(names(s.page(KEY, 'a', { match: all }).items), ['a/y', 'a/z']);
  });

  it('a page as of an earlier resourceVersion', () => {
    const s = new Store();
    for (const n of ['p1', 'p2', 'p3']) s.create(KEY, pod('ns', n));
    const rv = s.currentRv();
    s.delete(KEY, 'ns', 'p2');
    s.create(KEY, pod('ns', 'p0'));
    const p3 = s.get(KEY, 'ns', 'p3')!;
    s.update(KEY, { ...p3, spec: { n: 2 } });
    const then = s.page(KEY, 'ns', { match: all, at: rv });
    assert.deepEqual(names(then.items), ['ns/p1', 'ns/p2', 'ns/p3']);
    assert.deepEqual(then.items.map((o) => o.spec.n), [1, 1, 1]);
    assert.ok(then.items.every((o) => Number(o.metadata.resourceVersion) <= rv));
    assert.deepEqual(names(s.page(KEY, 'ns', { match: all }).items), ['ns/p0', 'ns/p1', 'ns/p3']);
  });

  it('finds what an owner owns, and follows changed owner references', () => {
    const s = new Store();
    const ref = (uid: string) => ({ ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid, controller: true }] });
    s.create(KEY, { ...pod('ns', 'a'), metadata: { name: 'a', namespace: 'ns', ...ref('u1') } });
    s.create(KEY, { ...pod('ns', 'b'), metadata: { name: 'b', namespace: 'ns', ...ref('u1') } });
    s.create('/configmaps', { metadata: { name: 'c', namespace: 'ns', ...ref('u1') } });
    assert.deepEqual(names(s.owned(KEY, 'u1')), ['ns/a', 'ns/b']);
    assert.deepEqual(s.dependents('u1').map((d) => d.key), ['/configmaps', KEY, KEY]);
    const b = s.get(KEY, 'ns', 'b')!;
    s.update(KEY, { ...b, metadata: { ...b.metadata, ...ref('u2') } });
    assert.deepEqual(names(s.owned(KEY, 'u1')), ['ns/a']);
    assert.deepEqual(names(s.owned(KEY, 'u2')), ['ns/b']);
    s.delete(KEY, 'ns', 'a');
    assert.deepEqual(names(s.owned(KEY, 'u1')), []);
  });
});
