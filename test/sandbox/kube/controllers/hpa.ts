// HorizontalPodAutoscaler status: current CPU and memory utilisation from the
// scenario (constant), the average of a Pods metric the custom metrics API
// serves (custommetrics.ts) over the target's pods that have it, current
// replicas from the target. It never scales by itself,
// so the runbook's manual `kubectl scale` steps are what change the replica count.
import type { SimContext } from '../context';
import { containerUsage, isRunning } from '../metrics';
import { rateQuantity, requestsPerPod, REQUESTS_METRIC } from '../custommetrics';
import { formatCpu, formatKi } from '../quantity';
import { KEYS } from '../resources';
import type { StoreEvent } from '../store';
import { rfc3339, type Json, type KubeObject } from '../util';
import { itemOf, splitItem, type Controller } from './manager';

const TARGET_KEYS: Record<string, string> = { Deployment: KEYS.deployments, StatefulSet: KEYS.statefulsets, ReplicaSet: KEYS.replicasets };

export class HpaController implements Controller {
  readonly name = 'horizontal-pod-autoscaler';

  constructor(private readonly ctx: SimContext) {}

  itemsFor(e: StoreEvent): string[] {
    if (e.key === KEYS.hpas && e.type !== 'DELETED') return [itemOf(e.object)];
    const kind = Object.entries(TARGET_KEYS).find(([, k]) => k === e.key)?.[0];
    if (!kind) return [];
    return this.ctx.store
      .list(KEYS.hpas, e.object.metadata.namespace)
      .filter((h) => h.spec?.scaleTargetRef?.kind === kind && h.spec?.scaleTargetRef?.name === e.object.metadata.name)
      .map(itemOf);
  }

  private currentMetric(spec: Json, pods: KubeObject[], ns: string): Json {
    if (spec.type === 'Pods') return podsMetric(this.ctx, spec.pods?.metric?.name, ns, pods);
    if (spec.type !== 'Resource') return undefined;
    const resource = spec.resource?.name;
    const s = this.ctx.scenario;
    const utilization = resource === 'cpu' ? s.appCpuPercent : s.appMemoryPercent;
    const usages = pods.flatMap((p) => containerUsage(p, s)).map((c) => (resource === 'cpu' ? c.usage.cpu : c.usage.memory));
    const avg = usages.length ? usages.reduce((a, b) => a + b, 0) / pods.length : 0;
    return {
      type: 'Resource',
      resource: {
        name: resource,
        current: { averageUtilization: utilization, averageValue: resource === 'cpu' ? formatCpu(avg) : formatKi(avg) },
      },
    };
  }

  sync(item: string): void {
    const [ns, name] = splitItem(item);
    const store = this.ctx.store;
    const hpa = store.get(KEYS.hpas, ns, name);
    if (!hpa) return;
    const ref = hpa.spec?.scaleTargetRef ?? {};
    const key = TARGET_KEYS[ref.kind];
    const target = key ? store.get(key, ns, ref.name) : undefined;
    const at = rfc3339();
    const prev: Json[] = hpa.status?.conditions ?? [];
    const cond = (type: string, status: string, reason: string, message: string) => {
      const p = prev.find((c) => c.type === type);
      return { type, status, lastTransitionTime: p && p.status === status ? p.lastTransitionTime : at, reason, message };
    };
    if (!target) {
      hpa.status = {
        ...(hpa.status ?? {}),
        currentReplicas: 0,
        desiredReplicas: 0,
        conditions: [cond('AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${ref.kind?.toLowerCase()}s.apps "${ref.name}" not found`)],
      };
      store.update(KEYS.hpas, hpa);
      return;
    }
    const selector = target.spec?.selector?.matchLabels ?? {};
    const pods = store
      .list(KEYS.pods, ns)
      .filter((p) => isRunning(p) && Object.entries(selector).every(([k, v]) => p.metadata.labels?.[k] === v));
    const replicas = target.status?.replicas ?? target.spec?.replicas ?? 0;
    const max = hpa.spec?.maxReplicas ?? replicas;
    const min = hpa.spec?.minReplicas ?? 1;
    const limited = replicas > max || replicas < min;
    hpa.status = {
      observedGeneration: hpa.metadata.generation ?? 1,
      ...(hpa.status?.lastScaleTime ? { lastScaleTime: hpa.status.lastScaleTime } : {}),
      currentReplicas: replicas,
      desiredReplicas: replicas,
      currentMetrics: (hpa.spec?.metrics ?? []).map((m: Json) => this.currentMetric(m, pods, ns ?? 'default')).filter(Boolean),
      conditions: [
        cond('AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size'),
        cond('ScalingActive', 'True', 'ValidMetricFound', 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)'),
        limited
          ? cond('ScalingLimited', 'True', replicas > max ? 'TooManyReplicas' : 'TooFewReplicas', `the desired replica count is ${replicas > max ? 'more than the maximum' : 'less than the minimum'} replica count`)
          : cond('ScalingLimited', 'False', 'DesiredWithinRange', 'the desired count is within the acceptable range'),
      ],
    };
    store.update(KEYS.hpas, hpa);
  }
}

/** A Pods metric's status: the average over the target's pods that the custom metrics API has a value for; none when it has none. */
function podsMetric(ctx: SimContext, name: string | undefined, ns: string, pods: KubeObject[]): Json {
  if (name !== REQUESTS_METRIC) return undefined;
  const { pods: measured, perPod } = requestsPerPod(ctx, ns);
  const names = new Set(measured.map((p) => p.metadata.name));
  if (!pods.some((p) => names.has(p.metadata.name))) return undefined;
  return { type: 'Pods', pods: { metric: { name }, current: { averageValue: rateQuantity(perPod) } } };
}
