// One pod's (or one autoscaler's) health: its `kubectl get pods` row and its
// `kubectl top pods` figures (or the autoscaler as `kubectl describe hpa`
// gives it), measured and judged by the same code as cells, alone. A change
// to one pod is judged again without judging the others.

import type { Target } from '../../results';
import { judgeSamples, maxLevel, measureToolData, type BreachTracker, type Level, type ThresholdGroup, type Verdict } from '../../thresholds';
import type { ToolData } from '../../results';
import { hpaData, podTable, topPods } from './kubeMeasure';
import type { KubeItem } from './transform';

export interface SubjectHealth {
  /** The worst level its measurements and findings crossed. */
  level: Level;
  /** Why, one line a measurement or finding past ok. */
  why: string[];
  /** Its values judged against each threshold that applies to it (one a group and metric). */
  verdicts: readonly Verdict[];
}

export type PodUsage = { cpuMillicores: number; memoryBytes: number };

export interface Judge {
  groups: readonly ThresholdGroup[];
  tracker: BreachTracker;
  now: Date;
  /** The context, as `runbook check` names a kubectl cell's target. */
  target: Target;
  /** The groups' pod selectors, compiled once for every pod judged (podGroups). */
  forPod: (pod: string) => ThresholdGroup[];
}

export function podHealth(pod: KubeItem, usage: PodUsage | undefined, judge: Judge): SubjectHealth {
  const data: ToolData[] = [podTable([pod], judge.now)];
  // Usage only counts against a group's thresholds: a pod no group claims is judged on its row alone, as the judge would.
  if (usage && judge.forPod(pod.metadata.name).length) data.push(topPods([pod], new Map([[`${pod.metadata.namespace}/${pod.metadata.name}`, usage]])));
  return health(data, judge);
}

export function hpaHealth(hpa: KubeItem, judge: Judge): SubjectHealth {
  return health([hpaData(hpa)], judge);
}

export const HEALTHY: SubjectHealth = { level: 'ok', why: [], verdicts: [] };

function health(data: ToolData[], { groups, tracker, now, target, forPod }: Judge): SubjectHealth {
  const verdict = judgeSamples(groups, measureToolData(data, target, groups, tracker, now), tracker, now, forPod);
  if (!verdict) return HEALTHY;
  const why: string[] = [];
  const levels: Level[] = [];
  for (const m of verdict.measurements) {
    if (!m.level || m.level === 'ok') continue;
    levels.push(m.level);
    why.push(`${m.metric} ${m.value}${m.unit}${m.group ? ` (${m.group})` : ''}`);
  }
  for (const f of verdict.findings) {
    if (f.level === 'ok') continue;
    levels.push(f.level);
    why.push(f.message);
  }
  return { level: maxLevel(levels), why, verdicts: verdict.verdicts };
}
