// A context's cache feeding its health model: what the collections already
// hold, then each change as it is applied, and each metrics poll's usage.

import type { KubeCache } from './cache';
import type { KubeModel } from './kubeModel';
import { TYPES, usageMaps } from './snapshot';

/** Starts every collection and the metrics poller; returns the unsubscribe functions. */
export function feedKubeModel(cache: KubeCache, model: KubeModel): (() => void)[] {
  const unsubscribe = TYPES.map((name) => {
    const collection = cache.collection(name);
    for (const object of collection.values()) model.apply(name, { type: 'added', object });
    return collection.subscribe((change) => model.apply(name, change));
  });
  const metrics = cache.metrics();
  let last = metrics.snapshot;
  const usage = (snapshot: typeof last) => {
    const { podMetrics, nodeMetrics } = usageMaps(snapshot);
    model.setUsage(podMetrics, nodeMetrics);
  };
  if (last) usage(last);
  unsubscribe.push(
    metrics.subscribe((snapshot) => {
      if (snapshot === last) return;
      last = snapshot;
      usage(snapshot);
    }),
  );
  return unsubscribe;
}
