// A group's request rate (from the custom metrics API or a Prometheus
// endpoint, sources/groupRequestRate.ts) as the value of its `requests`
// threshold: about the group's first workload, so it is judged as the group's
// other Kubernetes values are. The detail says where the rate came from.

import type { FoundFinding, Sample, ThresholdGroup } from '../thresholds';
import type { GroupRequestRate } from './sources/groupRequestRate';

/** The first workload (`deployment/NAME`, `statefulset/NAME`, `daemonset/NAME`) of the group's Kubernetes binding. */
export function requestsWorkload(group: ThresholdGroup): string | undefined {
  return group.binding?.kubernetes?.split(',').map((w) => w.trim()).find((w) => /^(deployment|statefulset|daemonset)\//.test(w));
}

export function requestSamples(groups: readonly ThresholdGroup[], groupName: string, rate: GroupRequestRate): { samples: Sample[]; findings: FoundFinding[] } {
  const group = groups.find((g) => g.name.toLowerCase() === groupName.toLowerCase());
  const workload = group && requestsWorkload(group);
  if (!workload || rate.perSecond === undefined) return { samples: [], findings: [] };
  const value = Math.round(rate.perSecond * 10) / 10;
  return {
    samples: [{
      select: { workload },
      measurement: { component: 'kubernetes', metric: 'requests', value, unit: '/sec', subject: workload, detail: rate.detail },
    }],
    findings: [],
  };
}
