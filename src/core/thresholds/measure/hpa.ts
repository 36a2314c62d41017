// HorizontalPodAutoscalers (kubectl get hpa, kubectl describe hpa): the
// current average utilisation of the target's pods, measured against the
// group that the target belongs to; at maxReplicas it cannot add pods.

import type { HpaData, KubeTableData } from '../../results/toolData';
import type { RowRef } from '../types';
import { cellNumber, cellText, columnIndex, type MeasureContext } from './sample';

interface HpaReading {
  name: string;
  workload: string;
  metrics: { resource: string; current: number; target?: number }[];
  replicas?: number;
  maxReplicas?: number;
  row?: RowRef;
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

/** kubectl get hpa; `headerLines` as in RowRef. */
export function measureHpaTable(table: KubeTableData, headerLines: number, ctx: MeasureContext): void {
  const [name, reference, targets, maxPods, replicas] = ['name', 'reference', 'targets', 'maxpods', 'replicas'].map((c) => columnIndex(table.columns, c));
  table.rows.forEach((cells, index) => {
    const hpa = cellText(cells[name]);
    const workload = cellText(cells[reference]);
    if (!hpa || !workload) return;
    const metrics = parseHpaTargets(cellText(cells[targets]) ?? '');
    recordHpa({ name: hpa, workload, metrics, replicas: cellNumber(cells[replicas]), maxReplicas: cellNumber(cells[maxPods]), row: { index, headerLines } }, ctx);
  });
}

/** kubectl describe hpa. */
export function measureHpaObject(data: HpaData, ctx: MeasureContext): void {
  if (!data.name || !data.target) return;
  const metrics: HpaReading['metrics'] = [];
  for (const m of data.metrics) {
    if (m.unit !== '%' || typeof m.current !== 'number') continue;
    metrics.push({ resource: m.resource ?? m.metric ?? 'cpu', current: m.current, target: typeof m.target === 'number' ? m.target : undefined });
  }
  recordHpa({ name: data.name, workload: data.target, metrics, replicas: data.currentReplicas, maxReplicas: data.maxReplicas }, ctx);
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
        row: hpa.row,
        command: ctx.commandIndex,
        detail: `average over ${hpa.workload}'s pods, as the autoscaler sees it${m.target !== undefined ? ` (its target: ${m.target}%)` : ''}`,
      },
    });
  }
  if (hpa.maxReplicas && hpa.replicas !== undefined && hpa.replicas >= hpa.maxReplicas) {
    ctx.findings.push({
      select: { workload: hpa.workload },
      finding: { component: 'kubernetes', level: 'warning', subject: hpa.name, row: hpa.row, command: ctx.commandIndex, message: `${hpa.name} runs ${hpa.replicas} replicas, its maximum: the autoscaler cannot add more pods` },
    });
  }
}
