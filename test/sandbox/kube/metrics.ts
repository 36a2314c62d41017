// metrics.k8s.io/v1beta1 PodMetrics and NodeMetrics, computed from the running
// pods and the scenario: an app container uses appCpuPercent of its CPU request
// (appMemoryPercent of memory), the database dbCpuPercent; constant per scenario.
import type { Scenario } from '../scenario';
import type { SimContext } from './context';
import { notFound } from './errors';
import { formatCpu, formatKi, parseQuantity } from './quantity';
import { KEYS } from './resources';
import { rfc3339, type Json, type KubeObject } from './util';

export interface Usage {
  cpu: number;
  memory: number;
}

const NODE_OVERHEAD: Usage = { cpu: 0.18, memory: 1.25 * 2 ** 30 };

function percents(pod: KubeObject, s: Scenario): { cpu: number; memory: number } {
  const app = pod.metadata.labels?.app ?? '';
  if (app === 'tiktok-toe') return { cpu: s.appCpuPercent, memory: s.appMemoryPercent };
  if (app.startsWith('postgresql')) return { cpu: s.dbCpuPercent, memory: 60 };
  if (app.startsWith('redis')) return { cpu: 20, memory: s.cacheMemoryPercent };
  return { cpu: 10, memory: 30 };
}

export function isRunning(pod: KubeObject): boolean {
  return pod.status?.phase === 'Running' && !pod.metadata.deletionTimestamp;
}

/** Usage of each container of a running pod. */
export function containerUsage(pod: KubeObject, s: Scenario): { name: string; usage: Usage }[] {
  const pct = percents(pod, s);
  return (pod.spec?.containers ?? []).map((c: Json) => {
    const cpuReq = parseQuantity(c.resources?.requests?.cpu ?? c.resources?.limits?.cpu);
    const memReq = parseQuantity(c.resources?.requests?.memory ?? c.resources?.limits?.memory);
    return {
      name: c.name,
      usage: {
        cpu: Number.isFinite(cpuReq) ? (cpuReq * pct.cpu) / 100 : 0.005,
        memory: Number.isFinite(memReq) ? (memReq * pct.memory) / 100 : 32 * 2 ** 20,
      },
    };
  });
}

const WINDOW = '15s';

export function podMetrics(pod: KubeObject, s: Scenario): KubeObject {
  return {
    kind: 'PodMetrics',
    apiVersion: 'metrics.k8s.io/v1beta1',
    metadata: {
      name: pod.metadata.name,
      namespace: pod.metadata.namespace,
      creationTimestamp: rfc3339(),
      labels: pod.metadata.labels ?? {},
    },
    timestamp: rfc3339(new Date(Date.now() - 7000)),
    window: WINDOW,
    containers: containerUsage(pod, s).map((c) => ({ name: c.name, usage: { cpu: formatCpu(c.usage.cpu), memory: formatKi(c.usage.memory) } })),
  };
}

/** Metrics of a node using `total` (its overhead and its running pods). */
export function nodeMetrics(node: KubeObject, total: Usage = NODE_OVERHEAD): KubeObject {
  return {
    kind: 'NodeMetrics',
    apiVersion: 'metrics.k8s.io/v1beta1',
    metadata: { name: node.metadata.name, creationTimestamp: rfc3339(), labels: node.metadata.labels ?? {} },
    timestamp: rfc3339(new Date(Date.now() - 7000)),
    window: '20.05s',
    usage: { cpu: formatCpu(total.cpu), memory: formatKi(total.memory) },
  };
}

/** Lists or gets metrics; `plural` is "pods" or "nodes". */
export function metricsRead(
  ctx: SimContext,
  plural: string,
  ns: string | undefined,
  name: string | undefined,
  match: (o: KubeObject) => boolean,
): Json {
  const items: KubeObject[] = [];
  if (plural === 'pods') {
    ctx.store.scan(KEYS.pods, ns, (p) => {
      if (isRunning(p)) items.push(podMetrics(p, ctx.scenario));
    });
  } else {
    const used = usageByNode(ctx);
    ctx.store.scan(KEYS.nodes, undefined, (n) => items.push(nodeMetrics(n, used.get(n.metadata.name ?? ''))));
  }
  return answer(plural, name, items.filter(match));
}

/** Each node's overhead plus the usage of its running pods, in one pass over the pods. */
function usageByNode(ctx: SimContext): Map<string, Usage> {
  const used = new Map<string, Usage>();
  ctx.store.scan(KEYS.pods, undefined, (p) => {
    const node = p.spec?.nodeName;
    if (!node || !isRunning(p)) return;
    const total = used.get(node) ?? { ...NODE_OVERHEAD };
    for (const c of containerUsage(p, ctx.scenario)) {
      total.cpu += c.usage.cpu;
      total.memory += c.usage.memory;
    }
    used.set(node, total);
  });
  return used;
}

function answer(plural: string, name: string | undefined, items: KubeObject[]): Json {
  if (name !== undefined) {
    const one = items.find((i) => i.metadata.name === name);
    if (!one) throw notFound({ group: 'metrics.k8s.io', resource: plural }, name);
    return one;
  }
  return {
    kind: plural === 'pods' ? 'PodMetricsList' : 'NodeMetricsList',
    apiVersion: 'metrics.k8s.io/v1beta1',
    metadata: {},
    items,
  };
}
