// A context's health tree from the simulator's objects (read here with the
// real kubectl, as the cache will hold them): workloads with ready/desired,
// the autoscaler, pods counted by level, and the runbook's Application
// Servers thresholds judged as `runbook check` judges them.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { KubeSnapshot } from '../../../src/core/health/kube/kubeObjects';
import { slimObject, type KubeItem, type KubeResourceName } from '../../../src/core/health/kube';
import { kubeTree } from '../../../src/core/health/kube/kubeTree';
import type { HealthNode } from '../../../src/core/health/healthNode';
import { Runbook } from '../../../src/core/runbook';
import { BreachTracker } from '../../../src/core/thresholds';
import { Quantity } from '../../../src/core/units';
import { runReal } from '../../support/engine';
import { kubeFixture } from '../../support/kubeSim';
import { PROJECT_ROOT } from '../../support/shared';
import { SCENARIOS } from '../../sandbox/scenario';

const SAMPLE = Runbook.fromMarkdown(readFileSync(join(PROJECT_ROOT, 'notebooks', 'scaling-playbook.runbook.md'), 'utf8'));

/** The objects as the cache keeps them: listed here with the real kubectl, slimmed as the cache slims them. */
async function items(env: Record<string, string | undefined>, resource: KubeResourceName): Promise<KubeItem[]> {
  const out = await runReal(`kubectl get ${resource} -A -o json`, env);
  assert.equal(out.exitCode, 0, out.stderr);
  return (JSON.parse(out.stdout) as { items: Record<string, unknown>[] }).items.map((o) => slimObject(resource, o));
}

function find(node: HealthNode, name: string): HealthNode | undefined {
  if (node.name === name) return node;
  for (const child of node.children ?? []) {
    const found = find(child, name);
    if (found) return found;
  }
  return undefined;
}

for (const scenario of ['normal', 'warning', 'critical'] as const) {
  test(`a context's tree in the ${scenario} scenario: workloads, the autoscaler, pods by level, the thresholds judged`, async () => {
    const kube = await kubeFixture(scenario);
    const raw = await runReal('kubectl get --raw /apis/metrics.k8s.io/v1beta1/pods', kube.env);
    const podMetrics = new Map<string, { cpuMillicores: number; memoryBytes: number }>();
    for (const item of (JSON.parse(raw.stdout) as { items: { metadata: { name: string; namespace: string }; containers: { usage: { cpu: string; memory: string } }[] }[] }).items) {
      podMetrics.set(`${item.metadata.namespace}/${item.metadata.name}`, {
        cpuMillicores: item.containers.reduce((s, c) => s + Quantity.of(c.usage.cpu).milliValue(), 0),
        memoryBytes: item.containers.reduce((s, c) => s + Quantity.of(c.usage.memory).value(), 0),
      });
    }
    const snapshot: KubeSnapshot = {
      context: 'sandbox',
      pods: await items(kube.env, 'pods'),
      deployments: await items(kube.env, 'deployments'),
      statefulsets: await items(kube.env, 'statefulsets'),
      replicasets: await items(kube.env, 'replicasets'),
      hpas: await items(kube.env, 'horizontalpodautoscalers'),
      nodes: await items(kube.env, 'nodes'),
      pvcs: await items(kube.env, 'persistentvolumeclaims'),
      events: (await items(kube.env, 'events')).filter((e) => e.event?.type === 'Warning'),
      podMetrics,
    };
    const now = new Date();
    const tree = kubeTree(snapshot, SAMPLE.groups, new BreachTracker(), now);
    const deployment = find(tree, 'deployment/tiktok-toe');
    assert.ok(deployment, JSON.stringify(tree.children?.map((c) => c.name)));
    const d = snapshot.deployments.find((x) => x.metadata.name === 'tiktok-toe')!;
    assert.equal(deployment.label, `${d.status?.readyReplicas}/${d.spec?.replicas}`);
    assert.match(find(deployment, 'hpa/tiktok-toe')?.label ?? '', /cpu \d+%/);
    assert.match(find(deployment, 'pods')?.label ?? '', /^\d+ ok/);
    // The runbook's own thresholds, judged on the autoscaler's and the pods' figures (70/85 % cpu, 75/90 % memory).
    const s = SCENARIOS[scenario];
    const above = (value: number, warning: number, critical: number) => (value >= critical ? 'critical' : value >= warning ? 'warning' : 'ok');
    assert.equal(find(tree, 'Application Servers/cpu')?.level, above(s.appCpuPercent, 70, 85));
    assert.equal(find(tree, 'Application Servers/memory')?.level, above(s.appMemoryPercent, 75, 90));
    assert.equal(find(tree, 'Application Servers/requests')?.level, 'not-measured');
    // The context is as bad as its worst threshold.
    const rank: Record<string, number> = { ok: 0, warning: 1, critical: 2 };
    const worst = [above(s.appCpuPercent, 70, 85), above(s.appMemoryPercent, 75, 90)].sort((a, b) => rank[b] - rank[a])[0];
    assert.ok(rank[tree.level ?? 'ok'] >= rank[worst], `${tree.level} < ${worst}`);
  });
}
