// Judging one cell: its measurements against the groups' thresholds, each
// breach timed by the session's tracker, and the built-in findings.

import type { CellResult } from '../results/cellResult';
import { groupsForTarget, groupsForWorkload, podGroups } from './bindings';
import { levelOf } from './bounds';
import { measureCell, type FoundFinding, type Sample, type Selector } from './measure';
import { databaseVolumes } from './measure/storage';
import { verdictText } from './text';
import type { BreachTracker } from './tracker';
import type { CellVerdict, Finding, Level, Measurement, MetricThreshold, ThresholdGroup, Verdict } from './types';

export const LEVEL_RANK: Record<Level, number> = { ok: 0, warning: 1, critical: 2 };

export function maxLevel(levels: Iterable<Level>): Level {
  let worst: Level = 'ok';
  for (const l of levels) if (LEVEL_RANK[l] > LEVEL_RANK[worst]) worst = l;
  return worst;
}

export function judgeCell(groups: readonly ThresholdGroup[], result: CellResult, tracker: BreachTracker, now: Date = new Date()): CellVerdict | undefined {
  return judgeSamples(groups, measureCell(result, groups, tracker), tracker, now);
}

/**
 * Measured values and findings against the groups' thresholds: what a cell's output gives, or what the health view reads.
 * `forPod`: the groups' pod selectors compiled (podGroups), when many pods are judged one at a time.
 */
export function judgeSamples(groups: readonly ThresholdGroup[], measured: { samples: readonly Sample[]; findings: readonly FoundFinding[] }, tracker: BreachTracker, now: Date = new Date(), forPod = podGroups(groups)): CellVerdict | undefined {
  const { samples, findings } = measured;
  if (!samples.length && !findings.length) return undefined;
  const measurements: Measurement[] = [];
  const worst = new Map<string, { verdict: Verdict }>();
  for (const { measurement, select } of samples) {
    let judged = false;
    for (const group of groupsFor(groups, select, forPod)) {
      for (const threshold of group.metrics) {
        if (!applies(threshold, measurement)) continue;
        judged = true;
        const verdict = judge(group, threshold, measurement, tracker, now);
        measurements.push({ ...measurement, group: group.name, level: verdict.level as Level });
        const key = `${group.name}\u0000${threshold.metric}`;
        const current = worst.get(key);
        if (!current || worseVerdict(verdict, current.verdict, threshold)) worst.set(key, { verdict });
      }
    }
    if (!judged) measurements.push(measurement);
  }
  const judgedFindings: Finding[] = findings.map(({ finding, select }) => {
    const group = select ? groupsFor(groups, select, forPod)[0] : undefined;
    return group ? { ...finding, group: group.name } : finding;
  });
  const verdicts = [...worst.values()].map((w) => w.verdict);
  const level = maxLevel([...verdicts.map((v) => v.level as Level), ...judgedFindings.map((f) => f.level)]);
  return { level, verdicts, findings: judgedFindings, measurements };
}

function groupsFor(groups: readonly ThresholdGroup[], select: Selector, forPod: (pod: string) => ThresholdGroup[]): ThresholdGroup[] {
  if ('pod' in select) return forPod(select.pod);
  if ('workload' in select) return groupsForWorkload(groups, select.workload);
  if ('pvc' in select) return groups.filter((g) => databaseVolumes([g], [select.pvc]).length > 0);
  return groupsForTarget(groups, select.target, select.details);
}

function applies(threshold: MetricThreshold, m: Measurement): boolean {
  if ((threshold.measures ?? threshold.metric) !== m.metric) return false;
  const unit = (threshold.warning ?? threshold.critical)?.unit;
  return unit === m.unit || (unit === '' && m.unit === 's');
}

function judge(group: ThresholdGroup, threshold: MetricThreshold, measurement: Measurement, tracker: BreachTracker, now: Date): Verdict {
  const { level, bound } = levelOf(measurement.value, threshold);
  const state = tracker.observe(`${group.name}\u0000${threshold.metric}\u0000${measurement.subject}`, level, now);
  const duration = threshold.durationMs ?? 0;
  const lasted = (since: number | undefined) => since !== undefined && now.getTime() - since >= duration;
  const sustainedLevel: Level = lasted(state.criticalSince) ? 'critical' : lasted(state.warningSince) ? 'warning' : 'ok';
  const sustained = level !== 'ok' && sustainedLevel === level;
  const sinceMs = level === 'critical' ? state.criticalSince : level === 'warning' ? state.warningSince : undefined;
  return {
    group: group.name,
    metric: threshold.metric,
    level,
    measurement: { ...measurement, group: group.name, level },
    bound,
    sustained,
    sustainedLevel,
    since: sinceMs !== undefined ? new Date(sinceMs).toISOString() : undefined,
    at: now.toISOString(),
    text: verdictText({ threshold, measurement, level, bound, sustained, sustainedLevel, breachMs: sinceMs !== undefined ? now.getTime() - sinceMs : undefined }),
  };
}

/** Worse level first, then sustained, then the value furthest past the bound. */
export function worseVerdict(a: Verdict, b: Verdict, t: MetricThreshold): boolean {
  const level = LEVEL_RANK[a.level as Level] - LEVEL_RANK[b.level as Level];
  if (level) return level > 0;
  if (a.sustained !== b.sustained) return a.sustained;
  const direction = (t.warning ?? t.critical)?.direction === 'below' ? -1 : 1;
  return direction * ((a.measurement?.value ?? 0) - (b.measurement?.value ?? 0)) > 0;
}
