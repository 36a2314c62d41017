// What a context's cache says, as the structured data kubectl cells give
// (`get pods` rows, `top pods`, `describe hpa`), for the same code as cells
// to measure and judge: the health view and `runbook check` agree.

import type { HpaData, HpaMetricReading, KubeTableData, Target, TopPod, TopPodsData } from '../../results';
import { Quantity } from '../../units';
import type { KubeSnapshot } from './kubeObjects';
import type { KubeItem } from './transform';
import { POD_COLUMNS, podRow } from './podRow';

/** A context as the target of its measurements, as a kubectl cell's would be. */
export function kubeTarget(context: string, server?: string): Target {
  return { kind: 'kubernetes', label: `context ${context}`, details: { context, ...(server ? { server } : {}) } };
}

export function podTable(pods: readonly KubeItem[], now: Date): KubeTableData {
  return { kind: 'table', resource: 'pods', columns: POD_COLUMNS, rows: pods.map((p) => podRow(p, now)), headerLines: 1 };
}

export function topPods(pods: readonly KubeItem[], metrics: NonNullable<KubeSnapshot['podMetrics']>): TopPodsData {
  const measured: TopPod[] = [];
  for (const pod of pods) {
    const usage = metrics.get(`${pod.metadata.namespace}/${pod.metadata.name}`);
    if (!usage) continue;
    const requests = sumResources(pod, 'requests');
    const limits = sumResources(pod, 'limits');
    measured.push({
      namespace: pod.metadata.namespace ?? '',
      name: pod.metadata.name,
      cpuMillicores: usage.cpuMillicores,
      memoryBytes: usage.memoryBytes,
      ...(requests.cpu !== undefined ? { cpuRequestMillicores: requests.cpu } : {}),
      ...(requests.memory !== undefined ? { memoryRequestBytes: requests.memory } : {}),
      ...(limits.cpu !== undefined ? { cpuLimitMillicores: limits.cpu } : {}),
      ...(limits.memory !== undefined ? { memoryLimitBytes: limits.memory } : {}),
      containers: [],
    });
  }
  return { kind: 'top-pods', pods: measured, headerLines: 1, containerRows: false };
}

/** A pod's containers' requests (or limits), added up as kubectl top's percentages take them. */
function sumResources(pod: KubeItem, which: 'requests' | 'limits'): { cpu?: number; memory?: number } {
  let cpu: number | undefined;
  let memory: number | undefined;
  for (const container of (pod.spec?.containers as any[] | undefined) ?? []) {
    const r = container.resources?.[which] ?? {};
    if (r.cpu !== undefined) cpu = (cpu ?? 0) + Quantity.of(String(r.cpu)).milliValue();
    if (r.memory !== undefined) memory = (memory ?? 0) + Quantity.of(String(r.memory)).value();
  }
  return { cpu, memory };
}

export function hpaData(hpa: KubeItem): HpaData {
  const spec = hpa.spec ?? {};
  const status = hpa.status ?? {};
  const current = new Map<string, any>(((status.currentMetrics as any[]) ?? []).map((m) => [metricKey(m), m]));
  const metrics: HpaMetricReading[] = ((spec.metrics as any[]) ?? []).map((m) => {
    const now = current.get(metricKey(m));
    if (m.type === 'Resource') {
      return { type: 'Resource', resource: m.resource?.name, current: now?.resource?.current?.averageUtilization ?? null, target: m.resource?.target?.averageUtilization ?? null, unit: '%' as const };
    }
    const name = m.pods?.metric?.name ?? m.object?.metric?.name ?? m.external?.metric?.name;
    return { type: m.type, metric: name, current: now?.[m.type === 'Pods' ? 'pods' : m.type === 'Object' ? 'object' : 'external']?.current?.averageValue ?? null, target: m.pods?.target?.averageValue ?? m.object?.target?.value ?? null };
  });
  return {
    kind: 'hpa',
    name: hpa.metadata.name,
    namespace: hpa.metadata.namespace ?? '',
    target: `${spec.scaleTargetRef?.kind}/${spec.scaleTargetRef?.name}`,
    currentReplicas: status.currentReplicas ?? 0,
    desiredReplicas: status.desiredReplicas ?? 0,
    minReplicas: spec.minReplicas ?? null,
    maxReplicas: spec.maxReplicas ?? 0,
    metrics,
  };
}

function metricKey(m: any): string {
  return `${m.type}:${m.resource?.name ?? m.pods?.metric?.name ?? m.object?.metric?.name ?? m.external?.metric?.name ?? ''}`;
}
