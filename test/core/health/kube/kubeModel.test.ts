// The health model kept up to date change by change equals the model built
// at once from the same objects, after any sequence of changes; pods with one
// name in two namespaces are judged apart; an untouched namespace's node is
// the same object after a change elsewhere.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { KubeModel } from '../../../../src/core/health/kube/kubeModel';
import { kubeTarget } from '../../../../src/core/health/kube/kubeMeasure';
import { kubeTree } from '../../../../src/core/health/kube/kubeTree';
import type { KubeSnapshot } from '../../../../src/core/health/kube/kubeObjects';
import type { KubeResourceName } from '../../../../src/core/health/kube/resources';
import type { KubeItem } from '../../../../src/core/health/kube/transform';
import type { HealthNode } from '../../../../src/core/health/healthNode';
import { Runbook } from '../../../../src/core/runbook';
import { BreachTracker, podGroups } from '../../../../src/core/thresholds';

const RUNBOOK = Runbook.fromMarkdown(`---
title: t
thresholds:
  Web: {kubernetes: deployment/web}
  Database: {kubernetes: statefulset/db}
---

### Web
\`\`\`yaml
cpu:
  warning: 70%
  critical: 85%
restarts:
  warning: 3
  critical: 10
\`\`\`

### Database
\`\`\`yaml
restarts:
  warning: 5
memory:
  warning: 80%
\`\`\`
`);
const GROUPS = RUNBOOK.groups;
const NOW = new Date('2026-12-07T10:00:00Z');
const NAMESPACES = ['shop', 'admin'];
/** Pods of web (through its ReplicaSet) and of the db StatefulSet, which groups claim, and one without a workload, which none does, in each namespace. */
const POD_NAMES = ['web-5d8f7c9b6-abcde', 'web-5d8f7c9b6-fghij', 'db-0', 'db-1', 'debug'];

const meta = (namespace: string, name: string, uid: string, extra: Partial<KubeItem['metadata']> = {}) => ({ name, namespace, uid, ...extra });

function pod(namespace: string, name: string, uid: string, s: { phase: string; ready: boolean; restarts: number; minutesAgo: number; cpu: number }): KubeItem {
  const owner = name.startsWith('web-') ? [{ kind: 'ReplicaSet', name: 'web-5d8f7c9b6', uid: `rs-${namespace}` }] : name.startsWith('db-') ? [{ kind: 'StatefulSet', name: 'db', uid: `sts-${namespace}` }] : undefined;
  const waiting = s.phase === 'CrashLoopBackOff' ? { waiting: { reason: 'CrashLoopBackOff' } } : { running: {} };
  return {
    metadata: meta(namespace, name, uid, owner ? { ownerReferences: owner } : {}),
    spec: { nodeName: 'node-1', containers: [{ name: 'app', resources: { requests: { cpu: '100m', memory: '100Mi' } } }] },
    status: {
      phase: s.phase === 'CrashLoopBackOff' ? 'Running' : s.phase,
      containerStatuses: [{ name: 'app', ready: s.ready, restartCount: s.restarts, state: waiting, ...(s.restarts ? { lastState: { terminated: { finishedAt: new Date(NOW.getTime() - s.minutesAgo * 60_000).toISOString() } } } : {}) }],
    },
  };
}

type PodState = { phase: string; ready: boolean; restarts: number; minutesAgo: number; cpu: number };

const podState: fc.Arbitrary<PodState> = fc.record({
  phase: fc.constantFrom('Running', 'Pending', 'CrashLoopBackOff'),
  ready: fc.boolean(),
  restarts: fc.integer({ min: 0, max: 12 }),
  minutesAgo: fc.integer({ min: 1, max: 40 }),
  cpu: fc.integer({ min: 10, max: 120 }),
});

type Step =
  | { kind: 'pod'; ns: number; name: number; copy: number; state: PodState }
  | { kind: 'delete-pod'; ns: number; name: number; copy: number }
  | { kind: 'deployment'; ns: number; ready: number; gone: boolean }
  | { kind: 'replicaset'; ns: number; gone: boolean }
  | { kind: 'hpa'; ns: number; cpu: number; replicas: number; gone: boolean }
  | { kind: 'warning'; ns: number; id: number; gone: boolean }
  | { kind: 'usage' }
  | { kind: 'update' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('pod' as const), ns: fc.nat(1), name: fc.nat(POD_NAMES.length - 1), copy: fc.nat(1), state: podState }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('delete-pod' as const), ns: fc.nat(1), name: fc.nat(POD_NAMES.length - 1), copy: fc.nat(1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('deployment' as const), ns: fc.nat(1), ready: fc.nat(3), gone: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('replicaset' as const), ns: fc.nat(1), gone: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('hpa' as const), ns: fc.nat(1), cpu: fc.integer({ min: 10, max: 100 }), replicas: fc.integer({ min: 1, max: 4 }), gone: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('warning' as const), ns: fc.nat(1), id: fc.nat(2), gone: fc.boolean() }) },
  // New metrics judge everything again: rare, so that most sequences end with changes judged one by one.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('usage' as const) }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('update' as const) }) },
);

/** The objects as a cache would hold them after the same changes, and the model fed those changes. */
class World {
  readonly objects = new Map<KubeResourceName, Map<string, KubeItem>>();
  readonly model = new KubeModel({ context: 'prod' });
  private readonly tracker = new BreachTracker();
  cpu = new Map<string, number>();
  usage?: Map<string, { cpuMillicores: number; memoryBytes: number }>;

  change(resource: KubeResourceName, object: KubeItem, gone = false): void {
    const kept = this.objects.get(resource) ?? new Map<string, KubeItem>();
    this.objects.set(resource, kept);
    const known = kept.has(object.metadata.uid);
    if (gone) {
      if (!known) return;
      kept.delete(object.metadata.uid);
      this.model.apply(resource, { type: 'deleted', object });
    } else {
      kept.set(object.metadata.uid, object);
      this.model.apply(resource, { type: known ? 'modified' : 'added', object });
    }
  }

  list(resource: KubeResourceName): KubeItem[] {
    return [...(this.objects.get(resource)?.values() ?? [])];
  }

  setUsage(): void {
    this.usage = new Map(this.list('pods').map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, { cpuMillicores: this.cpu.get(p.metadata.uid) ?? 50, memoryBytes: 90 * 2 ** 20 }]));
    this.model.setUsage(this.usage, undefined);
  }

  updated(): HealthNode {
    const judge = { groups: GROUPS, tracker: this.tracker, now: NOW, target: kubeTarget('prod'), forPod: podGroups(GROUPS) };
    const verdicts = this.model.update(judge);
    return this.model.tree(GROUPS, { level: 'ok', verdicts, findings: [], measurements: [] });
  }

  snapshot(): KubeSnapshot {
    return {
      context: 'prod',
      pods: this.list('pods'),
      deployments: this.list('deployments'),
      statefulsets: this.list('statefulsets'),
      replicasets: this.list('replicasets'),
      hpas: this.list('horizontalpodautoscalers'),
      nodes: [],
      pvcs: [],
      events: this.list('events'),
      ...(this.usage ? { podMetrics: this.usage } : {}),
    };
  }
}

function play(world: World, s: Step): void {
  const ns = NAMESPACES[s.kind === 'usage' || s.kind === 'update' ? 0 : s.ns];
  switch (s.kind) {
    case 'pod': {
      const uid = `pod-${ns}-${s.name}-${s.copy}`;
      world.cpu.set(uid, s.state.cpu);
      return world.change('pods', pod(ns, POD_NAMES[s.name], uid, s.state));
    }
    case 'delete-pod':
      return world.change('pods', pod(ns, POD_NAMES[s.name], `pod-${ns}-${s.name}-${s.copy}`, { phase: 'Running', ready: true, restarts: 0, minutesAgo: 1, cpu: 0 }), true);
    case 'deployment':
      return world.change('deployments', { metadata: meta(ns, 'web', `deploy-${ns}`), spec: { replicas: 2 }, status: { readyReplicas: s.ready } }, s.gone);
    case 'replicaset':
      return world.change('replicasets', { metadata: meta(ns, 'web-5d8f7c9b6', `rs-${ns}`, { ownerReferences: [{ kind: 'Deployment', name: 'web', uid: `deploy-${ns}` }] }) }, s.gone);
    case 'hpa':
      return world.change(
        'horizontalpodautoscalers',
        {
          metadata: meta(ns, 'web', `hpa-${ns}`),
          spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 3, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }] },
          status: { currentReplicas: s.replicas, desiredReplicas: s.replicas, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: s.cpu } } }] },
        },
        s.gone,
      );
    case 'warning':
      return world.change('events', { metadata: meta(ns, `warning-${s.id}`, `event-${ns}-${s.id}`), event: { type: 'Warning', reason: 'BackOff', involvedObject: { namespace: ns } } }, s.gone);
    case 'usage':
      return world.setUsage();
    case 'update':
      world.updated();
  }
}

test('after any sequence of changes, the model kept up to date equals the model built at once from the same objects', () => {
  fc.assert(
    fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
      const world = new World();
      world.change('statefulsets', { metadata: meta('shop', 'db', 'sts-shop'), spec: { replicas: 2 }, status: { readyReplicas: 2 } });
      for (const s of steps) play(world, s);
      const kept = world.updated();
      const built = kubeTree(world.snapshot(), GROUPS, new BreachTracker(), NOW);
      assert.deepEqual(kept, built);
    }),
    { numRuns: 500 },
  );
});

function find(node: HealthNode, ...path: string[]): HealthNode | undefined {
  let at: HealthNode | undefined = node;
  for (const name of path) at = at?.children?.find((c) => c.name === name);
  return at;
}

test('pods with one name in two namespaces are judged apart', () => {
  const world = new World();
  const healthy = { phase: 'Running', ready: true, restarts: 0, minutesAgo: 1, cpu: 10 };
  world.change('pods', pod('shop', 'debug', 'a', { ...healthy, phase: 'CrashLoopBackOff', ready: false }));
  world.change('pods', pod('admin', 'debug', 'b', healthy));
  const tree = world.updated();
  const shop = find(tree, 'namespace/shop', 'pods without a workload');
  const admin = find(tree, 'namespace/admin', 'pods without a workload');
  assert.equal(shop?.level, 'critical');
  assert.deepEqual(shop?.children?.map((c) => c.name), ['pod/debug']);
  assert.equal(admin?.level, 'ok');
  assert.equal(admin?.label, '1 ok');
  assert.deepEqual(admin?.children, []);
  // Built at once from the same objects, the same.
  assert.deepEqual(kubeTree(world.snapshot(), GROUPS, new BreachTracker(), NOW), tree);
});

test('a change to one pod rebuilds its namespace only: the other namespace is the same node as before', () => {
  const world = new World();
  const healthy = { phase: 'Running', ready: true, restarts: 0, minutesAgo: 1, cpu: 10 };
  world.change('pods', pod('shop', 'debug', 'a', healthy));
  world.change('pods', pod('admin', 'debug', 'b', healthy));
  const before = world.updated();
  world.change('pods', pod('shop', 'debug', 'a', { ...healthy, phase: 'Pending', ready: false }));
  const after = world.updated();
  assert.equal(find(after, 'namespace/admin'), find(before, 'namespace/admin'));
  assert.notEqual(find(after, 'namespace/shop'), find(before, 'namespace/shop'));
  assert.equal(find(after, 'namespace/shop', 'pods without a workload')?.level, 'warning');
});
