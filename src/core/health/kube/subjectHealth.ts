// A pod's (or an autoscaler's) health: its `kubectl get pods` row and its
// `kubectl top pods` figures (or the autoscaler as `kubectl describe hpa`
// gives it), measured and judged by the same code as cells, each pod alone.
// A change to one pod is judged again without judging the others.

import type { Target } from '../../results';
import { judgeSamples, maxLevel, measureToolData, type BreachTracker, type Finding, type FoundFinding, type Level, type Measurement, type Sample, type ThresholdGroup, type Verdict } from '../../thresholds';
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

/**
 * Pods of one namespace, no two with one name, measured as one `get pods` table (and `top pods` for the pods
 * a group claims: usage counts against nothing else), each then judged alone. A pod no group claims has no
 * threshold to cross: its health is its row's findings, as the judge would leave them.
 */
export function podsHealth(pods: readonly KubeItem[], usageOf: (pod: KubeItem) => PodUsage | undefined, judge: Judge): SubjectHealth[] {
  const { groups, tracker, now, target, forPod } = judge;
  const claimed = pods.filter((pod) => forPod(pod.metadata.name).length > 0);
  const usage = new Map<string, PodUsage>();
  for (const pod of claimed) {
    const used = usageOf(pod);
    if (used) usage.set(`${pod.metadata.namespace}/${pod.metadata.name}`, used);
  }
  const data: ToolData[] = [podTable(pods, now)];
  if (usage.size) data.push(topPods(claimed, usage));
  const measured = measureToolData(data, target, groups, tracker, now);
  const bySubject = new Map<string, { samples: Sample[]; findings: FoundFinding[] }>();
  const of = (subject: string) => {
    let own = bySubject.get(subject);
    if (!own) bySubject.set(subject, (own = { samples: [], findings: [] }));
    return own;
  };
  for (const sample of measured.samples) of(sample.measurement.subject).samples.push(sample);
  for (const found of measured.findings) of(found.finding.subject).findings.push(found);
  return pods.map((pod) => {
    const own = bySubject.get(pod.metadata.name);
    if (!own) return HEALTHY;
    if (!forPod(pod.metadata.name).length) return healthOf([], own.findings.map((f) => f.finding), []);
    const verdict = judgeSamples(groups, own, tracker, now, forPod);
    return verdict ? healthOf(verdict.measurements, verdict.findings, verdict.verdicts) : HEALTHY;
  });
}

export function hpaHealth(hpa: KubeItem, { groups, tracker, now, target, forPod }: Judge): SubjectHealth {
  const verdict = judgeSamples(groups, measureToolData([hpaData(hpa)], target, groups, tracker, now), tracker, now, forPod);
  return verdict ? healthOf(verdict.measurements, verdict.findings, verdict.verdicts) : HEALTHY;
}

export const HEALTHY: SubjectHealth = { level: 'ok', why: [], verdicts: [] };

function healthOf(measurements: readonly Measurement[], findings: readonly Finding[], verdicts: readonly Verdict[]): SubjectHealth {
  const why: string[] = [];
  const levels: Level[] = [];
  for (const m of measurements) {
    if (!m.level || m.level === 'ok') continue;
    levels.push(m.level);
    why.push(`${m.metric} ${m.value}${m.unit}${m.group ? ` (${m.group})` : ''}`);
  }
  for (const f of findings) {
    if (f.level === 'ok') continue;
    levels.push(f.level);
    why.push(f.message);
  }
  return { level: maxLevel(levels), why, verdicts };
}
