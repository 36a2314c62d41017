// What the health view keeps of each object: identity, labels and owners,
// and the fields its measurements read (replicas, conditions, container
// restarts, requests, node, capacity). Everything else (managedFields, the
// last-applied annotation, most of spec) is dropped before caching, so the
// cache of a large cluster stays small.

import type { KubeResourceName } from './resources';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface KubeMeta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  generation?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: { kind: string; name: string; uid: string; controller?: boolean }[];
}

/** A cached object: its metadata and the kept parts of spec and status. */
export interface KubeItem {
  metadata: KubeMeta;
  spec?: Json;
  status?: Json;
  /** Events keep their own top-level fields here. */
  event?: Json;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Copies the named fields that are set. */
function pick(from: Json | undefined, keys: readonly string[]): Json | undefined {
  if (!from) return undefined;
  const out: Json = {};
  for (const key of keys) if (from[key] !== undefined) out[key] = from[key];
  return out;
}

function meta(m: Json): KubeMeta {
  const out: KubeMeta = { name: m.name, uid: m.uid };
  if (m.namespace) out.namespace = m.namespace;
  if (m.resourceVersion) out.resourceVersion = m.resourceVersion;
  if (m.creationTimestamp) out.creationTimestamp = m.creationTimestamp;
  if (m.deletionTimestamp) out.deletionTimestamp = m.deletionTimestamp;
  if (m.generation !== undefined) out.generation = m.generation;
  if (m.labels) out.labels = m.labels;
  if (m.annotations) {
    const { [LAST_APPLIED]: _dropped, ...rest } = m.annotations as Record<string, string>;
    if (Object.keys(rest).length) out.annotations = rest;
  }
  if (Array.isArray(m.ownerReferences)) {
    out.ownerReferences = m.ownerReferences.map((r: Json) => ({ kind: r.kind, name: r.name, uid: r.uid, ...(r.controller ? { controller: true } : {}) }));
  }
  return out;
}

const conditions = (list: Json[] | undefined) => list?.map((c) => pick(c, ['type', 'status', 'reason', 'message', 'lastTransitionTime']));

function pod(o: Json): Partial<KubeItem> {
  const container = (c: Json) => ({ name: c.name, resources: pick(c.resources, ['requests', 'limits']) ?? {} });
  const containerStatus = (s: Json) => pick(s, ['name', 'ready', 'started', 'restartCount', 'state', 'lastState']);
  return {
    spec: { nodeName: o.spec?.nodeName, containers: (o.spec?.containers ?? []).map(container) },
    status: {
      ...pick(o.status, ['phase', 'reason', 'message', 'startTime']),
      conditions: conditions(o.status?.conditions),
      containerStatuses: o.status?.containerStatuses?.map(containerStatus),
      initContainerStatuses: o.status?.initContainerStatuses?.map(containerStatus),
    },
  };
}

function workload(o: Json): Partial<KubeItem> {
  return {
    spec: pick(o.spec, ['replicas', 'selector', 'paused']),
    status: { ...pick(o.status, ['replicas', 'readyReplicas', 'availableReplicas', 'updatedReplicas', 'unavailableReplicas', 'currentReplicas', 'observedGeneration']), conditions: conditions(o.status?.conditions) },
  };
}

function hpa(o: Json): Partial<KubeItem> {
  return {
    spec: pick(o.spec, ['scaleTargetRef', 'minReplicas', 'maxReplicas', 'metrics']),
    status: { ...pick(o.status, ['currentReplicas', 'desiredReplicas', 'currentMetrics', 'lastScaleTime']), conditions: conditions(o.status?.conditions) },
  };
}

function node(o: Json): Partial<KubeItem> {
  return {
    spec: pick(o.spec, ['unschedulable']),
    status: { ...pick(o.status, ['capacity', 'allocatable']), conditions: conditions(o.status?.conditions) },
  };
}

function pvc(o: Json): Partial<KubeItem> {
  return {
    spec: { ...pick(o.spec, ['storageClassName', 'volumeName']), requests: o.spec?.resources?.requests },
    status: { ...pick(o.status, ['phase', 'capacity']), conditions: conditions(o.status?.conditions) },
  };
}

function event(o: Json): Partial<KubeItem> {
  return { event: pick(o, ['type', 'reason', 'message', 'involvedObject', 'count', 'firstTimestamp', 'lastTimestamp', 'eventTime', 'series']) };
}

const PARTS: Record<KubeResourceName, (o: Json) => Partial<KubeItem>> = {
  pods: pod,
  deployments: workload,
  statefulsets: workload,
  replicasets: workload,
  horizontalpodautoscalers: hpa,
  nodes: node,
  persistentvolumeclaims: pvc,
  events: event,
};

/** The cached form of an object of the given type, as the API server sent it. */
export function slimObject(resource: KubeResourceName, object: Json): KubeItem {
  return { metadata: meta(object.metadata ?? {}), ...PARTS[resource](object) };
}
