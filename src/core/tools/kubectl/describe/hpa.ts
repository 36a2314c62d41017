// kubectl describe hpa (autoscaling/v2, falling back to v1): the scale
// target, each metric as `current / target`, replica bounds, scaling
// behavior, conditions and events. It also records the numbers a runbook's
// thresholds check (replicas and each metric's current and target).

import type { DescribeContext } from './context';
import { describeEvents, eventsOf } from './events';
import { DescribeWriter, printAnnotations, printLabels, type Json } from './format';
import type { HpaMetricReading as MetricReading } from '../../../results/toolData';
import { Quantity } from '../../../units';

export async function describeHpa(object: Json, ctx: DescribeContext): Promise<string> {
  let hpa = object;
  if (object.apiVersion !== 'autoscaling/v2') {
    const meta = object.metadata ?? {};
    const response = await ctx.run.request({ path: `/apis/autoscaling/v2/namespaces/${encodeURIComponent(meta.namespace ?? '')}/horizontalpodautoscalers/${encodeURIComponent(meta.name ?? '')}` });
    if (response.status >= 400) return describeHpaV1(object, ctx);
    hpa = JSON.parse(response.text) as Json;
  }
  const events = ctx.showEvents ? await eventsOf(ctx, hpa, 'HorizontalPodAutoscaler') : undefined;
  const meta = hpa.metadata ?? {};
  const spec = hpa.spec ?? {};
  const status = hpa.status ?? {};
  const w = header(hpa, ctx);
  w.write(0, 'Metrics:\t( current / target )\n');
  const readings: MetricReading[] = [];
  ((spec.metrics ?? []) as Json[]).forEach((metric, i) => readings.push(describeMetric(metric, (status.currentMetrics ?? [])[i], w)));
  w.write(0, `Min replicas:\t${spec.minReplicas ?? '<unset>'}\n`);
  w.write(0, `Max replicas:\t${spec.maxReplicas ?? 0}\n`);
  if (spec.behavior) {
    w.write(0, 'Behavior:\n');
    describeRules(w, 'Scale Up', spec.behavior.scaleUp);
    describeRules(w, 'Scale Down', spec.behavior.scaleDown);
  }
  w.write(0, `${spec.scaleTargetRef?.kind ?? ''} pods:\t`);
  w.write(0, `${status.currentReplicas ?? 0} current / ${status.desiredReplicas ?? 0} desired\n`);
  const conditions = (status.conditions ?? []) as Json[];
  if (conditions.length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tReason\tMessage\n');
    w.write(1, '----\t------\t------\t-------\n');
    for (const c of conditions) w.write(1, `${c.type ?? ''}\t${c.status ?? ''}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  describeEvents(events, w, ctx.clock);
  ctx.run.ctx.emit({
    kind: 'hpa',
    name: meta.name,
    namespace: meta.namespace,
    target: `${spec.scaleTargetRef?.kind ?? ''}/${spec.scaleTargetRef?.name ?? ''}`,
    currentReplicas: status.currentReplicas ?? 0,
    desiredReplicas: status.desiredReplicas ?? 0,
    minReplicas: spec.minReplicas ?? null,
    maxReplicas: spec.maxReplicas ?? 0,
    metrics: readings,
  });
  return w.toString();
}

function header(hpa: Json, ctx: DescribeContext): DescribeWriter {
  const meta = hpa.metadata ?? {};
  const w = new DescribeWriter();
  w.write(0, `Name:\t${meta.name ?? ''}\n`);
  w.write(0, `Namespace:\t${meta.namespace ?? ''}\n`);
  printLabels(w, 'Labels', meta.labels);
  printAnnotations(w, 'Annotations', meta.annotations);
  w.write(0, `CreationTimestamp:\t${ctx.clock.rfc1123z(meta.creationTimestamp)}\n`);
  w.write(0, `Reference:\t${hpa.spec?.scaleTargetRef?.kind ?? ''}/${hpa.spec?.scaleTargetRef?.name ?? ''}\n`);
  return w;
}

/** Quantity.String() of an optional quantity: `<nil>` when unset. */
function q(value: unknown): string {
  return value === undefined || value === null ? '<nil>' : Quantity.canonical(value);
}

function describeMetric(metric: Json, current: Json | undefined, w: DescribeWriter): MetricReading {
  const type = String(metric.type ?? '');
  switch (type) {
    case 'External': {
      const { metric: id = {}, target = {} } = metric.external ?? {};
      const now = current?.external?.current;
      if (target.averageValue !== undefined && target.averageValue !== null) {
        const value = now?.averageValue !== undefined && now?.averageValue !== null ? q(now.averageValue) : '<unknown>';
        w.write(1, `${JSON.stringify(id.name ?? '')} (target average value):\t${value} / ${q(target.averageValue)}\n`);
        return { type, metric: id.name, current: orNull(value), target: q(target.averageValue) };
      }
      const value = current?.external ? q(now?.value) : '<unknown>';
      w.write(1, `${JSON.stringify(id.name ?? '')} (target value):\t${value} / ${q(target.value)}\n`);
      return { type, metric: id.name, current: orNull(value), target: q(target.value) };
    }
    case 'Pods': {
      const { metric: id = {}, target = {} } = metric.pods ?? {};
      const value = current?.pods ? q(current.pods.current?.averageValue) : '<unknown>';
      w.write(1, `${JSON.stringify(id.name ?? '')} on pods:\t${value} / ${q(target.averageValue)}\n`);
      return { type, metric: id.name, current: orNull(value), target: q(target.averageValue) };
    }
    case 'Object': {
      const { metric: id = {}, target = {}, describedObject: ref = {} } = metric.object ?? {};
      w.write(1, `"${id.name ?? ''}" on ${ref.kind ?? ''}/${ref.name ?? ''} `);
      const average = target.type === 'AverageValue';
      const value = current?.object ? q(average ? current.object.current?.averageValue : current.object.current?.value) : '<unknown>';
      const goal = q(average ? target.averageValue : target.value);
      w.write(0, `(target ${average ? 'average value' : 'value'}):\t${value} / ${goal}\n`);
      return { type, metric: id.name, current: orNull(value), target: goal };
    }
    case 'Resource':
    case 'ContainerResource': {
      const source = type === 'Resource' ? metric.resource ?? {} : metric.containerResource ?? {};
      const now = type === 'Resource' ? current?.resource : current?.containerResource;
      const name = String(source.name ?? '');
      w.write(1, type === 'Resource' ? `resource ${name} on pods` : `resource ${name} of container "${source.container ?? ''}" on pods`);
      const base = { type, resource: name, ...(type === 'ContainerResource' ? { container: source.container } : {}) };
      const target = source.target ?? {};
      if (target.averageValue !== undefined && target.averageValue !== null) {
        const value = now ? q(now.current?.averageValue) : '<unknown>';
        w.write(0, `:\t${value} / ${q(target.averageValue)}\n`);
        return { ...base, current: orNull(value), target: q(target.averageValue) };
      }
      const utilization = now?.current?.averageUtilization;
      const value = now && utilization !== undefined && utilization !== null ? `${utilization}% (${q(now.current?.averageValue)})` : '<unknown>';
      const goal = target.averageUtilization !== undefined && target.averageUtilization !== null ? `${target.averageUtilization}%` : '<auto>';
      w.write(1, `(as a percentage of request):\t${value} / ${goal}\n`);
      return { ...base, current: value === '<unknown>' ? null : utilization, target: target.averageUtilization ?? null, unit: '%' };
    }
    default:
      w.write(1, `<unknown metric type ${JSON.stringify(type)}>\n`);
      return { type, current: null, target: null };
  }
}

function orNull(value: string): string | null {
  return value === '<unknown>' ? null : value;
}

function describeRules(w: DescribeWriter, direction: string, rules: Json | undefined): void {
  if (!rules) return;
  w.write(1, `${direction}:\n`);
  if (rules.stabilizationWindowSeconds !== undefined && rules.stabilizationWindowSeconds !== null) w.write(2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  if (!rules.policies?.length) return;
  w.write(2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`);
  w.write(2, 'Policies:\n');
  for (const p of rules.policies as Json[]) w.write(3, `- Type: ${p.type ?? ''}\tValue: ${p.value ?? 0}\tPeriod: ${p.periodSeconds ?? 0} seconds\n`);
}

async function describeHpaV1(hpa: Json, ctx: DescribeContext): Promise<string> {
  const events = ctx.showEvents ? await eventsOf(ctx, hpa, 'HorizontalPodAutoscaler') : undefined;
  const spec = hpa.spec ?? {};
  const status = hpa.status ?? {};
  const w = header(hpa, ctx);
  if (spec.targetCPUUtilizationPercentage !== undefined && spec.targetCPUUtilizationPercentage !== null) {
    w.write(0, `Target CPU utilization:\t${spec.targetCPUUtilizationPercentage}%\n`);
    w.write(0, `Current CPU utilization:\t${status.currentCPUUtilizationPercentage ?? '<unknown>'}%\n`);
  }
  w.write(0, `Min replicas:\t${spec.minReplicas ?? '<unset>'}\n`);
  w.write(0, `Max replicas:\t${spec.maxReplicas ?? 0}\n`);
  w.write(0, `${spec.scaleTargetRef?.kind ?? ''} pods:\t`);
  w.write(0, `${status.currentReplicas ?? 0} current / ${status.desiredReplicas ?? 0} desired\n`);
  describeEvents(events, w, ctx.clock);
  return w.toString();
}
