// Server-side table columns and cells, as the real API server's printers produce
// them (always the wide set; kubectl hides priority-1 columns unless -o wide).
// Ages are strings computed from creationTimestamp. This file: pods and workloads.
import { formatLabelSelector } from './selectors';
import { age, type Json, type KubeObject } from './util';

export interface Column {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface Printer {
  columns: Column[];
  cells(obj: KubeObject, now: number): Json[];
}

const NAME_DOC =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
const AGE_DOC =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

export function col(name: string, description = '', priority = 0, type = 'string', format = ''): Column {
  return { name, type, format, description, priority };
}
export const NAME = col('Name', NAME_DOC, 0, 'string', 'name');
export const AGE = col('Age', AGE_DOC);

function containerCells(template: Json): [string, string] {
  const cs: Json[] = template?.spec?.containers ?? [];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image).join(',')];
}

function podCells(pod: KubeObject, now: number): Json[] {
  const st = pod.status ?? {};
  let reason: string = st.reason || st.phase || '';
  let restarts = 0;
  let ready = 0;
  let lastRestart = 0;
  const statuses: Json[] = st.containerStatuses ?? [];
  let hasRunning = false;
  for (let i = statuses.length - 1; i >= 0; i--) {
    const c = statuses[i];
    restarts += c.restartCount ?? 0;
    const finished = c.lastState?.terminated?.finishedAt;
    if (finished) lastRestart = Math.max(lastRestart, Date.parse(finished));
    if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
    else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
    else if (c.state?.terminated) reason = `ExitCode:${c.state.terminated.exitCode ?? 0}`;
    else if (c.ready && c.state?.running) {
      hasRunning = true;
      ready++;
    }
  }
  if (reason === 'Completed' && hasRunning) reason = 'Running';
  if (pod.metadata.deletionTimestamp) reason = 'Terminating';
  const restartsCell = lastRestart ? `${restarts} (${age(new Date(lastRestart).toISOString(), now)} ago)` : String(restarts);
  const gates: Json[] = pod.spec?.readinessGates ?? [];
  const gatesCell = gates.length
    ? `${gates.filter((g) => (st.conditions ?? []).some((c: Json) => c.type === g.conditionType && c.status === 'True')).length}/${gates.length}`
    : '<none>';
  return [
    pod.metadata.name,
    `${ready}/${(pod.spec?.containers ?? []).length}`,
    reason,
    restartsCell,
    age(pod.metadata.creationTimestamp, now),
    st.podIPs?.[0]?.ip || st.podIP || '<none>',
    pod.spec?.nodeName || '<none>',
    st.nominatedNodeName || '<none>',
    gatesCell,
  ];
}



function controllerName(obj: KubeObject): string {
  const ref = obj.metadata.ownerReferences?.find((r) => r.controller);
  if (!ref) return '<none>';
  const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
  return `${ref.kind.toLowerCase()}${group ? `.${group}` : ''}/${ref.name}`;
}

export function hpaTargets(hpa: KubeObject): string {
  const specs: Json[] = hpa.spec?.metrics ?? [];
  const statuses: Json[] = hpa.status?.currentMetrics ?? [];
  if (!specs.length) return '<none>';
  const list = specs.map((spec, i) => {
    const status = statuses[i];
    if (spec.type === 'Resource' || spec.type === 'ContainerResource') {
      const src = spec.type === 'Resource' ? spec.resource : spec.containerResource;
      const cur = spec.type === 'Resource' ? status?.resource : status?.containerResource;
      if (src?.target?.averageValue !== undefined) {
        return `${src.name}: ${cur?.current?.averageValue ?? '<unknown>'}/${src.target.averageValue}`;
      }
      const current = cur?.current?.averageUtilization !== undefined ? `${cur.current.averageUtilization}%` : '<unknown>';
      const target = src?.target?.averageUtilization !== undefined ? `${src.target.averageUtilization}%` : '<auto>';
      return `${src?.name}: ${current}/${target}`;
    }
    if (spec.type === 'Pods') return `${status?.pods?.current?.averageValue ?? '<unknown>'}/${spec.pods?.target?.averageValue}`;
    return '<unknown type>';
  });
  if (list.length > 2) return `${list.slice(0, 2).join(', ')} + ${list.length - 2} more...`;
  return list.join(', ');
}


export const WORKLOAD_PRINTERS: Record<string, Printer> = {
  '/pods': {
    columns: [
      NAME,
      col('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
      col('Status', 'The aggregate status of the containers in this pod.'),
      col('Restarts', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
      AGE,
      col('IP', 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.', 1),
      col('Node', 'NodeName indicates in which node this pod is scheduled.', 1),
      col('Nominated Node', 'nominatedNodeName is set only when this pod preempts other pods on the node.', 1),
      col('Readiness Gates', 'If specified, all readiness gates will be evaluated for pod readiness.', 1),
    ],
    cells: podCells,
  },
  'apps/deployments': {
    columns: [
      NAME,
      col('Ready', 'Number of the pod with ready state'),
      col('Up-to-date', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
      col('Available', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
      AGE,
      col('Containers', 'Names of each container in the template.', 1),
      col('Images', 'Images referenced by each container in the template.', 1),
      col('Selector', 'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.', 1),
    ],
    cells: (d, now) => [
      d.metadata.name,
      `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
      d.status?.updatedReplicas ?? 0,
      d.status?.availableReplicas ?? 0,
      age(d.metadata.creationTimestamp, now),
      ...containerCells(d.spec?.template),
      formatLabelSelector(d.spec?.selector),
    ],
  },
  'apps/replicasets': {
    columns: [
      NAME,
      col('Desired', 'Replicas is the number of desired pods.', 0, 'integer'),
      col('Current', 'Replicas is the most recently observed number of non-terminating pods.', 0, 'integer'),
      col('Ready', 'The number of non-terminating pods targeted by this ReplicaSet with a Ready Condition.', 0, 'integer'),
      AGE,
      col('Containers', 'Names of each container in the template.', 1),
      col('Images', 'Images referenced by each container in the template.', 1),
      col('Selector', 'Selector is a label query over pods that should match the replica count.', 1),
    ],
    cells: (rs, now) => [
      rs.metadata.name,
      rs.spec?.replicas ?? 0,
      rs.status?.replicas ?? 0,
      rs.status?.readyReplicas ?? 0,
      age(rs.metadata.creationTimestamp, now),
      ...containerCells(rs.spec?.template),
      formatLabelSelector(rs.spec?.selector),
    ],
  },
  'apps/statefulsets': {
    columns: [
      NAME,
      col('Ready', 'Number of the pod with ready state'),
      AGE,
      col('Containers', 'Names of each container in the template.', 1),
      col('Images', 'Images referenced by each container in the template.', 1),
    ],
    cells: (s, now) => [s.metadata.name, `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 0}`, age(s.metadata.creationTimestamp, now), ...containerCells(s.spec?.template)],
  },
  'apps/controllerrevisions': {
    columns: [NAME, col('Controller', 'Controller of the object'), col('Revision', 'Revision indicates the revision of the state represented by Data.'), AGE],
    cells: (r, now) => [r.metadata.name, controllerName(r), r.revision ?? 0, age(r.metadata.creationTimestamp, now)],
  },
  'autoscaling/horizontalpodautoscalers': {
    columns: [
      NAME,
      col('Reference', 'reference to scaled resource; horizontal pod autoscaler will learn the current resource consumption and will set the desired number of pods by using its Scale subresource.'),
      col('Targets', 'metrics contains the specifications for which to use to calculate the desired replica count.'),
      col('MinPods', 'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.'),
      col('MaxPods', 'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up.'),
      col('Replicas', 'currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler.'),
      AGE,
    ],
    cells: (h, now) => [
      h.metadata.name,
      `${h.spec?.scaleTargetRef?.kind}/${h.spec?.scaleTargetRef?.name}`,
      hpaTargets(h),
      h.spec?.minReplicas !== undefined ? String(h.spec.minReplicas) : '<unset>',
      h.spec?.maxReplicas ?? 0,
      h.status?.currentReplicas ?? 0,
      age(h.metadata.creationTimestamp, now),
    ],
  },
};
