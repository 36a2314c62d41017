// The runbook's thresholds for one component as nodes: each judged by what
// the sources measured (the verdict's words and level), or `not measured`.

import { formatValue, type CellVerdict, type Component, type ThresholdGroup } from '../thresholds';
import type { HealthNode } from './healthNode';

export function thresholdNodes(groups: readonly ThresholdGroup[], component: Component, verdict: CellVerdict | undefined): HealthNode[] {
  const nodes: HealthNode[] = [];
  for (const group of groups.filter((g) => g.component === component)) {
    for (const threshold of group.metrics) {
      const judged = verdict?.verdicts.find((v) => v.group === group.name && v.metric === threshold.metric);
      const name = `${group.name}/${threshold.metric}`;
      if (!judged || judged.level === 'not-measured' || !judged.measurement) {
        nodes.push({ kind: 'threshold', name, label: 'not measured', level: 'not-measured', detail: `${group.name}: ${threshold.metric} has no measurement from this source` });
        continue;
      }
      const value = formatValue(judged.measurement.value, judged.measurement.unit);
      nodes.push({ kind: 'threshold', name, label: judged.measurement.detail ? `${value} (${judged.measurement.detail})` : value, level: judged.level, detail: judged.text });
    }
  }
  return nodes;
}
