// The nodes of a context's health tree, each from what it shows: a
// namespace, a workload (ready/desired, the autoscaler, pods counted by
// level: only unhealthy pods are listed), the nodes and the volumes. Levels
// come from each pod's and autoscaler's own judging (subjectHealth).

import type { Level } from '../../thresholds';
import { Quantity } from '../../units';
import { judgedLevel, type HealthNode } from '../healthNode';
import type { SubjectHealth } from './subjectHealth';
import type { KubeItem } from './transform';

export type WorkloadKind = 'deployment' | 'statefulset';

/** A pod or an autoscaler with its judged health. */
export interface JudgedObject {
  object: KubeItem;
  health: SubjectHealth;
}

export const NO_WORKLOAD = 'pods without a workload';

export function namespaceNode(namespace: string, children: HealthNode[], warnings: number): HealthNode {
  if (warnings) children.push({ kind: 'events', name: 'warning events', label: String(warnings) });
  return { kind: 'namespace', name: `namespace/${namespace}`, label: '', level: judged(children), children };
}

export function workloadNode(kind: WorkloadKind, workload: KubeItem, pods: Iterable<JudgedObject>, hpas: readonly JudgedObject[]): HealthNode {
  const desired = workload.spec?.replicas ?? 1;
  const ready = workload.status?.readyReplicas ?? 0;
  const children: HealthNode[] = [];
  const target = hpas.find(({ object: hpa }) => hpa.spec?.scaleTargetRef?.name === workload.metadata.name && String(hpa.spec?.scaleTargetRef?.kind).toLowerCase() === kind);
  if (target) children.push(hpaNode(target));
  children.push(podsNode(pods, 'pods'));
  // The workload's own figures are its autoscaler's, measured under the autoscaler's name.
  const own = hpas.find(({ object }) => object.metadata.name === workload.metadata.name)?.health;
  return { kind, name: `${kind}/${workload.metadata.name}`, label: `${ready}/${desired}`, level: judgedLevel([judged(children), own?.level]), ...(own?.why.length ? { detail: own.why.join('\n') } : {}), children };
}

function hpaNode({ object: hpa, health }: JudgedObject): HealthNode {
  const status = hpa.status ?? {};
  const max = hpa.spec?.maxReplicas ?? 0;
  const current = status.currentReplicas ?? 0;
  const usage = ((status.currentMetrics as any[]) ?? []).filter((m) => m.type === 'Resource').map((m) => `${m.resource?.name} ${m.resource?.current?.averageUtilization ?? '?'}%`);
  return {
    kind: 'hpa',
    name: `hpa/${hpa.metadata.name}`,
    label: `${usage.join(', ')}${usage.length ? ' · ' : ''}${current} of max ${max}${current >= max && max > 0 ? ' (at its maximum)' : ''}`,
    level: health.level,
    ...(health.why.length ? { detail: health.why.join('\n') } : {}),
  };
}

/** Pods counted by level; only the unhealthy ones are listed (the rest only when the user expands them). */
export function podsNode(pods: Iterable<JudgedObject>, name: string): HealthNode {
  const counts = { ok: 0, warning: 0, critical: 0 };
  const unhealthy: HealthNode[] = [];
  for (const { object: pod, health } of pods) {
    counts[health.level]++;
    if (health.level !== 'ok') unhealthy.push({ kind: 'pod', name: `pod/${pod.metadata.name}`, label: health.why[0] ?? '', level: health.level, detail: health.why.join('\n') });
  }
  const label = [`${counts.ok.toLocaleString('en-US')} ok`, ...(counts.warning ? [`${counts.warning.toLocaleString('en-US')} warning`] : []), ...(counts.critical ? [`${counts.critical.toLocaleString('en-US')} critical`] : [])].join(' · ');
  return { kind: 'pods', name, label, level: counts.critical ? 'critical' : counts.warning ? 'warning' : 'ok', children: unhealthy };
}

export function nodesNode(nodes: readonly KubeItem[], usageOf: ReadonlyMap<string, { cpuMillicores: number; memoryBytes: number }> | undefined): HealthNode {
  const children = nodes.map((node): HealthNode => {
    const conditions = ((node.status?.conditions as any[]) ?? []).filter((c) => (c.type === 'Ready') !== (c.status === 'True')).map((c) => `${c.type}=${c.status}`);
    const usage = usageOf?.get(node.metadata.name);
    const allocatable = node.status?.allocatable ?? {};
    const parts = [conditions.length ? conditions.join(', ') : 'Ready'];
    if (usage && allocatable.cpu) parts.push(`cpu ${pct(usage.cpuMillicores, Quantity.of(String(allocatable.cpu)).milliValue())}`);
    if (usage && allocatable.memory) parts.push(`memory ${pct(usage.memoryBytes, Quantity.of(String(allocatable.memory)).value())}`);
    return { kind: 'node', name: `node/${node.metadata.name}`, label: parts.join(' · ') };
  });
  return { kind: 'nodes', name: 'nodes', label: String(nodes.length), children };
}

export function volumesNode(pvcs: readonly KubeItem[]): HealthNode {
  const children = pvcs.map((pvc): HealthNode => ({ kind: 'pvc', name: `pvc/${pvc.metadata.namespace}/${pvc.metadata.name}`, label: `${pvc.status?.capacity?.storage ?? pvc.spec?.resources?.requests?.storage ?? '?'} ${pvc.status?.phase ?? ''}`.trim() }));
  return { kind: 'pvcs', name: 'volumes', label: String(pvcs.length), children };
}

export function judged(nodes: readonly HealthNode[]): Level {
  return judgedLevel(nodes.map((n) => n.level));
}

function pct(used: number, of: number): string {
  return of > 0 ? `${Math.round((100 * used) / of)}%` : '?';
}
