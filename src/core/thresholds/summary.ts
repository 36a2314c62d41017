// The notebook's summary: for every threshold, the worst of the cells'
// verdicts (each cell's entry is its latest run), or `not-measured` (never ok)
// when no cell measured it. Worst, not latest, across cells: a cell with the
// HPA's average does not clear the pod that another cell found over the line.

import { LEVEL_RANK, maxLevel } from './judge';
import { findMetric } from './metrics';
import { thresholdText } from './text';
import type { CellVerdict, Level, ThresholdGroup, Verdict } from './types';

const rank = (v: Verdict) => LEVEL_RANK[v.level as Level] * 2 + (v.sustained ? 1 : 0);

export function summarizeNotebook(groups: readonly ThresholdGroup[], cells: readonly (CellVerdict | undefined)[]): { level: Level; verdicts: Verdict[] } {
  const verdicts: Verdict[] = [];
  for (const group of groups) {
    for (const threshold of group.metrics) {
      let latest: Verdict | undefined;
      for (const cell of cells) {
        for (const v of cell?.verdicts ?? []) {
          if (v.group !== group.name || v.metric !== threshold.metric) continue;
          // The worse level wins, then a sustained breach, then the later cell.
          if (!latest || rank(v) >= rank(latest)) latest = v;
        }
      }
      if (latest) {
        verdicts.push(latest);
        continue;
      }
      const info = findMetric(group.component, threshold.measures ?? threshold.metric);
      const reason = info ? `measured by ${info.source}` : 'no command measures it';
      verdicts.push({
        group: group.name,
        metric: threshold.metric,
        level: 'not-measured',
        sustained: false,
        reason,
        text: `not measured: no cell measured ${threshold.metric} (${thresholdText(threshold)}); ${reason}`,
      });
    }
  }
  const findingLevels = cells.flatMap((c) => c?.findings.map((f) => f.level) ?? []);
  const level = maxLevel([...verdicts.flatMap((v) => (v.level === 'not-measured' ? [] : [v.level])), ...findingLevels]);
  return { level, verdicts };
}
