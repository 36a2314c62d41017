// A group's request rate (from the custom metrics API or a Prometheus
// endpoint, sources/groupRequestRate.ts) as the value of its `requests`
// threshold: about the group's first workload, so it is judged as the group's
// other Kubernetes values are. The detail says where the rate came from, and
// when the last read failed, since when the value is that old, the error and
// what to check.

import type { FoundFinding, Sample, ThresholdGroup } from '../thresholds';
import type { GroupRequestRate } from './sources/groupRequestRate';
import type { SourceReading } from './sources/poller';

/** The first workload (`deployment/NAME`, `statefulset/NAME`, `daemonset/NAME`) of the group's Kubernetes binding. */
export function requestsWorkload(group: ThresholdGroup): string | undefined {
  return group.binding?.kubernetes?.split(',').map((w) => w.trim()).find((w) => /^(deployment|statefulset|daemonset)\//.test(w));
}

export function requestSamples(groups: readonly ThresholdGroup[], groupName: string, reading: SourceReading<GroupRequestRate>): { samples: Sample[]; findings: FoundFinding[] } {
  const group = groups.find((g) => g.name.toLowerCase() === groupName.toLowerCase());
  const workload = group && requestsWorkload(group);
  const rate = reading.snapshot;
  if (!workload || rate?.perSecond === undefined) return { samples: [], findings: [] };
  const value = Math.round(rate.perSecond * 10) / 10;
  const { state } = reading;
  const detail = state.status === 'ok' ? rate.detail : `${rate.detail}; not read since ${reading.lastUpdate}: ${state.error} — ${state.hint}`;
  return {
    samples: [{
      select: { workload },
      measurement: { component: 'kubernetes', metric: 'requests', value, unit: '/sec', subject: workload, detail },
    }],
    findings: [],
  };
}
