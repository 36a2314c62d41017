// A context's cache as the tree builder reads it: every collection's objects
// (each collection starts on first use), the metrics poller's usage in
// numbers, and the state to show: listing until every type has been listed,
// stale while one is reconnecting, failed with what to do.

import { Quantity } from '../../units';
import type { KubeCache } from './cache';
import type { KubeSnapshot } from './kubeObjects';
import type { MetricsSnapshot } from './metrics';
import { KUBE_RESOURCES, type KubeResourceName } from './resources';
import type { SourceState } from './state';

type Usage = { cpuMillicores: number; memoryBytes: number };

export const TYPES = Object.keys(KUBE_RESOURCES) as KubeResourceName[];

/** Starts every collection and the metrics poller, and calls `onChange` on each change or state change; returns the unsubscribe functions. */
export function watchKube(cache: KubeCache, onChange: () => void): (() => void)[] {
  return [
    ...TYPES.flatMap((name) => [cache.collection(name).subscribe(onChange), cache.collection(name).onStateChange(onChange)]),
    cache.metrics().subscribe(onChange),
  ];
}

export function kubeSnapshot(cache: KubeCache): KubeSnapshot {
  const list = (name: KubeResourceName) => [...cache.collection(name).values()];
  const { podMetrics, nodeMetrics } = usageMaps(cache.metrics().snapshot);
  return {
    context: cache.context,
    server: cache.server,
    pods: list('pods'),
    deployments: list('deployments'),
    statefulsets: list('statefulsets'),
    replicasets: list('replicasets'),
    hpas: list('horizontalpodautoscalers'),
    nodes: list('nodes'),
    pvcs: list('persistentvolumeclaims'),
    events: list('events'),
    ...(podMetrics ? { podMetrics } : {}),
    ...(nodeMetrics ? { nodeMetrics } : {}),
  };
}

/** A metrics poll's usage in numbers: pods by `namespace/name`, nodes by name. */
export function usageMaps(usage: MetricsSnapshot | undefined): { podMetrics?: Map<string, Usage>; nodeMetrics?: Map<string, Usage> } {
  if (!usage) return {};
  return {
    podMetrics: new Map(usage.pods.map((p) => [`${p.namespace}/${p.name}`, sum(p.containers.map((c) => c.usage))])),
    nodeMetrics: new Map(usage.nodes.map((n) => [n.name, sum([n.usage])])),
  };
}

/** The state of a context as a whole: the worst of its collections'. */
export function kubeState(cache: KubeCache): SourceState {
  const states = TYPES.map((name) => cache.collection(name).state);
  return states.find((s) => s.phase === 'failed') ?? states.find((s) => s.phase === 'reconnecting') ?? states.find((s) => s.phase === 'listing') ?? states[0];
}

/** Resolves once every collection has been listed (or has failed) and the first metrics poll is in. */
export async function kubeSettled(cache: KubeCache): Promise<void> {
  await Promise.all(TYPES.map((name) => cache.collection(name).settled()));
  const metrics = cache.metrics();
  if (metrics.snapshot || metrics.state.phase === 'failed') return;
  await new Promise<void>((resolve) => {
    const stop = metrics.subscribe((snapshot, state) => {
      if (snapshot || state.phase === 'failed') {
        stop();
        resolve();
      }
    });
  });
}

function sum(usages: readonly { cpu?: string; memory?: string }[]): { cpuMillicores: number; memoryBytes: number } {
  let cpuMillicores = 0;
  let memoryBytes = 0;
  for (const u of usages) {
    if (u.cpu) cpuMillicores += Quantity.of(u.cpu).milliValue();
    if (u.memory) memoryBytes += Quantity.of(u.memory).value();
  }
  return { cpuMillicores, memoryBytes };
}
