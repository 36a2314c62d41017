// One context as a health tree, built at once from a snapshot of its
// objects: the runbook's Kubernetes thresholds, then namespaces with their
// workloads, nodes, volumes and the number of recent warning events. The
// same model the live view keeps up to date change by change (kubeModel),
// given every object at once.

import { podGroups, type BreachTracker, type CellVerdict, type ThresholdGroup } from '../../thresholds';
import type { HealthNode } from '../healthNode';
import { kubeTarget } from './kubeMeasure';
import { KubeModel } from './kubeModel';
import type { KubeSnapshot } from './kubeObjects';
import type { KubeResourceName } from './resources';
import type { KubeItem } from './transform';

/** `thresholds`: every source's values judged together, for the threshold nodes; default: this context's alone. */
export function kubeTree(snapshot: KubeSnapshot, groups: readonly ThresholdGroup[], tracker: BreachTracker, now: Date, thresholds?: CellVerdict): HealthNode {
  const model = snapshotModel(snapshot);
  const judge = { groups, tracker, now, target: kubeTarget(snapshot.context, snapshot.server), forPod: podGroups(groups) };
  const verdicts = model.update(judge);
  return model.tree(groups, thresholds ?? { level: 'ok', verdicts, findings: [], measurements: [] });
}

/** A model given every object of the snapshot. */
export function snapshotModel(snapshot: KubeSnapshot): KubeModel {
  const model = new KubeModel({ context: snapshot.context, server: snapshot.server });
  const lists: [KubeResourceName, readonly KubeItem[]][] = [
    ['pods', snapshot.pods],
    ['deployments', snapshot.deployments],
    ['statefulsets', snapshot.statefulsets],
    ['replicasets', snapshot.replicasets],
    ['horizontalpodautoscalers', snapshot.hpas],
    ['nodes', snapshot.nodes],
    ['persistentvolumeclaims', snapshot.pvcs],
    ['events', snapshot.events],
  ];
  for (const [resource, objects] of lists) for (const object of objects) model.apply(resource, { type: 'added', object });
  model.setUsage(snapshot.podMetrics, snapshot.nodeMetrics);
  return model;
}
