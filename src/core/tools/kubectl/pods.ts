// Pods as kubectl reasons about them when it needs one: the best pod of a
// workload for its logs, the container a command means, and the label
// selector a workload or service stands for.

import type { ResourceType } from './discovery';
import { KubectlError } from './session';

export interface PodCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
}

export interface ContainerSpec {
  name: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

export interface Pod {
  metadata: { name: string; namespace?: string; creationTimestamp?: string; annotations?: Record<string, string>; labels?: Record<string, string> };
  spec?: { nodeName?: string; containers?: ContainerSpec[]; initContainers?: ContainerSpec[]; ephemeralContainers?: ContainerSpec[] };
  status?: { phase?: string; conditions?: PodCondition[]; containerStatuses?: { name: string; restartCount?: number }[] };
}

const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

function readyCondition(pod: Pod): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True');
}

const time = (text: string | undefined): number => (text ? Date.parse(text) : 0);

/** `a` after `b`, a missing time counting as the latest. */
function afterOrZero(a: number, b: number): boolean {
  if (a === 0 || b === 0) return a === 0;
  return a > b;
}

function maxRestarts(pod: Pod): number {
  return Math.max(0, ...(pod.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
}

const PHASE_RANK: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };

/**
 * kubectl's preference for the pod whose logs to show: scheduled, running,
 * ready, ready the longest, most restarted, oldest.
 */
export function byLogging(a: Pod, b: Pod): number {
  const less = (i: Pod, j: Pod): boolean => {
    const ni = i.spec?.nodeName ?? '';
    const nj = j.spec?.nodeName ?? '';
    if (ni !== nj && (ni === '' || nj === '')) return ni !== '';
    const pi = PHASE_RANK[i.status?.phase ?? ''] ?? 0;
    const pj = PHASE_RANK[j.status?.phase ?? ''] ?? 0;
    if (pi !== pj) return pi < pj;
    const ri = readyCondition(i);
    const rj = readyCondition(j);
    if (Boolean(ri) !== Boolean(rj)) return Boolean(ri);
    const ti = time(ri?.lastTransitionTime);
    const tj = time(rj?.lastTransitionTime);
    if (ri && rj && ti !== tj) return afterOrZero(tj, ti);
    if (maxRestarts(i) !== maxRestarts(j)) return maxRestarts(i) > maxRestarts(j);
    const ci = time(i.metadata.creationTimestamp);
    const cj = time(j.metadata.creationTimestamp);
    if (ci !== cj) return afterOrZero(cj, ci);
    return false;
  };
  return less(a, b) ? -1 : less(b, a) ? 1 : 0;
}

/** `web, sidecar, init (init)`: how kubectl lists a pod's containers. */
export function allContainerNames(pod: Pod): string {
  return [
    ...(pod.spec?.containers ?? []).map((c) => c.name),
    ...(pod.spec?.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`),
    ...(pod.spec?.initContainers ?? []).map((c) => `${c.name} (init)`),
  ].join(', ');
}

export function hasContainer(pod: Pod, name: string): boolean {
  const spec = pod.spec ?? {};
  return [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])].some((c) => c.name === name);
}

/**
 * The container a command without -c means: the default-container
 * annotation, else the first one (with kubectl's note on stderr when there
 * are others).
 */
export function defaultContainer(pod: Pod, warn: (text: string) => void): string {
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated) {
    if (hasContainer(pod, annotated)) return annotated;
    warn(`Default container name "${annotated}" not found in pod ${pod.metadata.name}\n`);
  }
  const containers = pod.spec?.containers ?? [];
  if (containers.length === 0) throw new KubectlError(`error: pod ${pod.metadata.name} has no containers`);
  const first = containers[0].name;
  if (containers.length > 1 || (pod.spec?.initContainers ?? []).length || (pod.spec?.ephemeralContainers ?? []).length) {
    warn(`Defaulted container "${first}" out of: ${allContainerNames(pod)}\n`);
  }
  return first;
}

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** The label selector of a workload or service, in the API's query syntax. */
export function selectorOf(type: ResourceType, object: { spec?: { selector?: unknown } }): string {
  const kind = type.kind;
  const selector = object.spec?.selector;
  if (kind === 'Service' || kind === 'ReplicationController') {
    const labels = (selector ?? {}) as Record<string, string>;
    if (Object.keys(labels).length === 0) {
      const name = (object as { metadata?: { name?: string } }).metadata?.name ?? '';
      const what = kind === 'Service' ? 'service' : 'replication controller';
      throw new KubectlError(`error: cannot get the logs from *v1.${kind}: invalid ${what} '${name}' has no selector`);
    }
    return Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join(',');
  }
  if (['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job'].includes(kind) && ['apps', 'extensions', 'batch'].includes(type.group)) {
    return labelSelectorString((selector ?? {}) as LabelSelector);
  }
  const goType = type.group === '' || !type.group.includes('.') || type.group.endsWith('.k8s.io') ? `*${type.version}.${kind}` : '*unstructured.Unstructured';
  throw new KubectlError(`error: cannot get the logs from ${goType}: selector for ${goType} not implemented`);
}

/** matchLabels and matchExpressions as a selector string (`app=x,tier in (a,b)`). */
export function labelSelectorString(selector: LabelSelector): string {
  const terms: [string, string][] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) terms.push([key, `${key}=${value}`]);
  for (const e of selector.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(',');
    const op = e.operator;
    const term = op === 'In' ? `${e.key} in (${values})` : op === 'NotIn' ? `${e.key} notin (${values})` : op === 'Exists' ? e.key : `!${e.key}`;
    terms.push([e.key, term]);
  }
  return terms.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((t) => t[1]).join(',');
}
