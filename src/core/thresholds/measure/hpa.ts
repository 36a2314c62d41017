// HorizontalPodAutoscalers (kubectl get hpa, kubectl describe hpa): the
// current average utilisation of the target's pods, measured against the
// group that the target belongs to; at maxReplicas it cannot add pods.

import { num, str, type Data, type MeasureContext } from './sample';

interface HpaReading {
  name: string;
  workload: string;
  metrics: { resource: string; current: number; target?: number }[];
  replicas?: number;
  maxReplicas?: number;
  row: boolean;
}

/** `cpu: 45%/70%, memory: 50%/75%` (kubectl 1.30+) or `45%/70%` (older: the first metric, usually cpu). */
export function parseHpaTargets(text: string): HpaReading['metrics'] {
  const metrics: HpaReading['metrics'] = [];
  for (const part of text.split(/,\s*/)) {
    const m = /^(?:([\w.\/-]+):\s*)?(<unknown>|\d+(?:\.\d+)?)%?\s*\/\s*(\d+(?:\.\d+)?)%?$/.exec(part.trim());
    if (!m || m[2] === '<unknown>') continue;
    metrics.push({ resource: m[1] ?? 'cpu', current: Number(m[2]), target: Number(m[3]) });
  }
  return metrics;
}

export function measureHpaTable(columns: string[], rows: unknown[][], ctx: MeasureContext): void {
  const at = (name: string) => columns.findIndex((c) => c.toLowerCase() === name);
  const [name, reference, targets, maxPods, replicas] = ['name', 'reference', 'targets', 'maxpods', 'replicas'].map(at);
  for (const row of rows) {
    const hpa = str(row[name]);
    const workload = str(row[reference]);
    if (!hpa || !workload) continue;
    recordHpa({ name: hpa, workload, metrics: parseHpaTargets(str(row[targets]) ?? ''), replicas: num(row[replicas]), maxReplicas: num(row[maxPods]), row: true }, ctx);
  }
}

export function measureHpaObject(data: Data, ctx: MeasureContext): void {
  const name = str(data.name);
  const workload = str(data.target);
  if (!name || !workload) return;
  const metrics: HpaReading['metrics'] = [];
  for (const m of Array.isArray(data.metrics) ? (data.metrics as Data[]) : []) {
    const current = num(m.current);
    if (m.unit !== '%' || current === undefined) continue;
    metrics.push({ resource: str(m.resource) ?? str(m.metric) ?? 'cpu', current, target: num(m.target) });
  }
  recordHpa({ name, workload, metrics, replicas: num(data.currentReplicas), maxReplicas: num(data.maxReplicas), row: false }, ctx);
}

function recordHpa(hpa: HpaReading, ctx: MeasureContext): void {
  for (const m of hpa.metrics) {
    if (m.resource !== 'cpu' && m.resource !== 'memory') continue;
    ctx.samples.push({
      select: { workload: hpa.workload },
      measurement: {
        component: 'kubernetes',
        metric: m.resource,
        value: m.current,
        unit: '%',
        subject: hpa.name,
        row: hpa.row || undefined,
        command: ctx.commandIndex,
        detail: `average over ${hpa.workload}'s pods, as the autoscaler sees it${m.target !== undefined ? ` (its target: ${m.target}%)` : ''}`,
      },
    });
  }
  if (hpa.maxReplicas && hpa.replicas !== undefined && hpa.replicas >= hpa.maxReplicas) {
    ctx.findings.push({
      select: { workload: hpa.workload },
      finding: { component: 'kubernetes', level: 'warning', subject: hpa.name, row: hpa.row || undefined, message: `${hpa.name} runs ${hpa.replicas} replicas, its maximum: the autoscaler cannot add more pods` },
    });
  }
}
