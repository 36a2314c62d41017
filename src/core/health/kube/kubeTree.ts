// One context as a health tree: the runbook's Kubernetes thresholds, then
// namespaces with their workloads (ready/desired, the autoscaler, pods
// counted by level: only unhealthy pods are listed), nodes, volumes and the
// number of recent warning events. Work is linear in the objects: a pod is
// looked at once, whatever the size of the cluster.

import { maxLevel, type CellVerdict, type Level, type ThresholdGroup } from '../../thresholds';
import { Quantity } from '../../units';
import { judgedLevel, type HealthNode } from '../healthNode';
import { thresholdNodes } from '../thresholdNodes';
import type { KubeSnapshot } from './kubeObjects';
import type { KubeItem } from './transform';

/** `verdict`: the context's own (levels of pods and workloads); `thresholds`: every source's together, for the threshold nodes. */
export function kubeTree(snapshot: KubeSnapshot, groups: readonly ThresholdGroup[], verdict: CellVerdict | undefined, thresholds: CellVerdict | undefined = verdict): HealthNode {
  const podLevels = levelsBySubject(verdict);
  const workloadOf = podOwners(snapshot);
  const byNamespace = new Map<string, HealthNode[]>();
  const add = (namespace: string | undefined, node: HealthNode) => {
    const key = namespace ?? '';
    const list = byNamespace.get(key);
    if (list) list.push(node);
    else byNamespace.set(key, [node]);
  };
  const podsOf = new Map<string, KubeItem[]>();
  for (const pod of snapshot.pods) {
    const owner = workloadOf.get(`${pod.metadata.namespace}/${pod.metadata.name}`) ?? 'pods without a workload';
    const key = `${pod.metadata.namespace}/${owner}`;
    const list = podsOf.get(key);
    if (list) list.push(pod);
    else podsOf.set(key, [pod]);
  }
  for (const [kind, list] of [['deployment', snapshot.deployments], ['statefulset', snapshot.statefulsets]] as const) {
    for (const workload of list) {
      const name = `${kind}/${workload.metadata.name}`;
      const pods = podsOf.get(`${workload.metadata.namespace}/${name}`) ?? [];
      podsOf.delete(`${workload.metadata.namespace}/${name}`);
      add(workload.metadata.namespace, workloadNode(kind, workload, pods, podLevels, snapshot.hpas));
    }
  }
  for (const [key, pods] of podsOf) add(key.slice(0, key.indexOf('/')), podsNode(pods, podLevels, key.slice(key.indexOf('/') + 1)));
  const warningsIn = new Map<string, number>();
  for (const e of snapshot.events) {
    const namespace = e.event?.involvedObject?.namespace ?? e.metadata.namespace ?? '';
    warningsIn.set(namespace, (warningsIn.get(namespace) ?? 0) + 1);
  }
  const namespaces: HealthNode[] = [...byNamespace.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([namespace, children]) => {
    const warnings = warningsIn.get(namespace) ?? 0;
    if (warnings) children.push({ kind: 'events', name: 'warning events', label: String(warnings) });
    return { kind: 'namespace', name: `namespace/${namespace}`, label: '', level: judged(children), children };
  });
  const children: HealthNode[] = [
    ...thresholdNodes(groups, 'kubernetes', thresholds),
    ...namespaces,
    ...(snapshot.nodes.length ? [nodesNode(snapshot)] : []),
    ...(snapshot.pvcs.length ? [volumesNode(snapshot.pvcs)] : []),
  ];
  return { kind: 'kubernetes', name: `context/${snapshot.context}`, label: snapshot.server ?? '', level: judged(children), children };
}

/** Each pod's (or workload's) worst level from the verdict's measurements and findings. */
function levelsBySubject(verdict: CellVerdict | undefined): Map<string, { level: Level; why: string[] }> {
  const levels = new Map<string, { level: Level; why: string[] }>();
  const note = (subject: string, level: Level | undefined, why: string) => {
    if (!level || level === 'ok') {
      if (!levels.has(subject)) levels.set(subject, { level: 'ok', why: [] });
      return;
    }
    const known = levels.get(subject);
    levels.set(subject, { level: maxLevel([known?.level ?? 'ok', level]), why: [...(known?.why ?? []), why] });
  };
  for (const m of verdict?.measurements ?? []) note(m.subject, m.level, `${m.metric} ${m.value}${m.unit}${m.group ? ` (${m.group})` : ''}`);
  for (const f of verdict?.findings ?? []) note(f.subject, f.level, f.message);
  return levels;
}

/** `namespace/pod` -> `deployment/NAME` or `statefulset/NAME`, through the pod's ReplicaSet. */
function podOwners(snapshot: KubeSnapshot): Map<string, string> {
  const rsOwner = new Map<string, string>();
  for (const rs of snapshot.replicasets) {
    const owner = rs.metadata.ownerReferences?.find((o) => o.kind === 'Deployment');
    if (owner) rsOwner.set(`${rs.metadata.namespace}/${rs.metadata.name}`, `deployment/${owner.name}`);
  }
  const owners = new Map<string, string>();
  for (const pod of snapshot.pods) {
    const ref = pod.metadata.ownerReferences?.[0];
    if (!ref) continue;
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (ref.kind === 'ReplicaSet') {
      const deployment = rsOwner.get(`${pod.metadata.namespace}/${ref.name}`);
      if (deployment) owners.set(key, deployment);
    } else if (ref.kind === 'StatefulSet') owners.set(key, `statefulset/${ref.name}`);
  }
  return owners;
}

function workloadNode(kind: string, workload: KubeItem, pods: KubeItem[], podLevels: Map<string, { level: Level; why: string[] }>, hpas: readonly KubeItem[]): HealthNode {
  const desired = workload.spec?.replicas ?? 1;
  const ready = workload.status?.readyReplicas ?? 0;
  const name = `${kind}/${workload.metadata.name}`;
  const children: HealthNode[] = [];
  const hpa = hpas.find((h) => h.metadata.namespace === workload.metadata.namespace && h.spec?.scaleTargetRef?.name === workload.metadata.name && String(h.spec?.scaleTargetRef?.kind).toLowerCase() === kind);
  if (hpa) children.push(hpaNode(hpa, podLevels));
  children.push(podsNode(pods, podLevels, 'pods'));
  const own = podLevels.get(workload.metadata.name);
  return { kind, name, label: `${ready}/${desired}`, level: judgedLevel([judged(children), own?.level]), ...(own?.why.length ? { detail: own.why.join('\n') } : {}), children };
}

function hpaNode(hpa: KubeItem, podLevels: Map<string, { level: Level; why: string[] }>): HealthNode {
  const status = hpa.status ?? {};
  const max = hpa.spec?.maxReplicas ?? 0;
  const current = status.currentReplicas ?? 0;
  const usage = ((status.currentMetrics as any[]) ?? []).filter((m) => m.type === 'Resource').map((m) => `${m.resource?.name} ${m.resource?.current?.averageUtilization ?? '?'}%`);
  const judgedHpa = podLevels.get(hpa.metadata.name);
  return {
    kind: 'hpa',
    name: `hpa/${hpa.metadata.name}`,
    label: `${usage.join(', ')}${usage.length ? ' · ' : ''}${current} of max ${max}${current >= max && max > 0 ? ' (at its maximum)' : ''}`,
    level: judgedHpa?.level ?? 'ok',
    ...(judgedHpa?.why.length ? { detail: judgedHpa.why.join('\n') } : {}),
  };
}

/** Pods counted by level; only the unhealthy ones are listed (the rest only when the user expands them). */
function podsNode(pods: readonly KubeItem[], podLevels: Map<string, { level: Level; why: string[] }>, name: string): HealthNode {
  const counts = { ok: 0, warning: 0, critical: 0 };
  const unhealthy: HealthNode[] = [];
  for (const pod of pods) {
    const judgedPod = podLevels.get(pod.metadata.name);
    const level = judgedPod?.level ?? 'ok';
    counts[level]++;
    if (level !== 'ok') unhealthy.push({ kind: 'pod', name: `pod/${pod.metadata.name}`, label: judgedPod!.why[0] ?? '', level, detail: judgedPod!.why.join('\n') });
  }
  const label = [`${counts.ok.toLocaleString('en-US')} ok`, ...(counts.warning ? [`${counts.warning.toLocaleString('en-US')} warning`] : []), ...(counts.critical ? [`${counts.critical.toLocaleString('en-US')} critical`] : [])].join(' · ');
  return { kind: 'pods', name, label, level: counts.critical ? 'critical' : counts.warning ? 'warning' : 'ok', children: unhealthy };
}

function nodesNode(snapshot: KubeSnapshot): HealthNode {
  const children = snapshot.nodes.map((node): HealthNode => {
    const conditions = ((node.status?.conditions as any[]) ?? []).filter((c) => (c.type === 'Ready') !== (c.status === 'True')).map((c) => `${c.type}=${c.status}`);
    const usage = snapshot.nodeMetrics?.get(node.metadata.name);
    const allocatable = node.status?.allocatable ?? {};
    const parts = [conditions.length ? conditions.join(', ') : 'Ready'];
    if (usage && allocatable.cpu) parts.push(`cpu ${pct(usage.cpuMillicores, Quantity.of(String(allocatable.cpu)).milliValue())}`);
    if (usage && allocatable.memory) parts.push(`memory ${pct(usage.memoryBytes, Quantity.of(String(allocatable.memory)).value())}`);
    return { kind: 'node', name: `node/${node.metadata.name}`, label: parts.join(' · ') };
  });
  return { kind: 'nodes', name: 'nodes', label: String(snapshot.nodes.length), children };
}

function volumesNode(pvcs: readonly KubeItem[]): HealthNode {
  const children = pvcs.map((pvc): HealthNode => ({ kind: 'pvc', name: `pvc/${pvc.metadata.namespace}/${pvc.metadata.name}`, label: `${pvc.status?.capacity?.storage ?? pvc.spec?.resources?.requests?.storage ?? '?'} ${pvc.status?.phase ?? ''}`.trim() }));
  return { kind: 'pvcs', name: 'volumes', label: String(pvcs.length), children };
}

function judged(nodes: readonly HealthNode[]): Level {
  return judgedLevel(nodes.map((n) => n.level));
}

function pct(used: number, of: number): string {
  return of > 0 ? `${Math.round((100 * used) / of)}%` : '?';
}
