// A request rate read from a Prometheus endpoint, as the value of the named
// group's `requests` threshold: about the group's first workload, so it is
// judged as the group's other Kubernetes values are.

import type { FoundFinding, Sample, ThresholdGroup } from '../thresholds';
import type { RequestRateSnapshot } from './sources/requestRate';

export function requestSamples(groups: readonly ThresholdGroup[], groupName: string, rate: RequestRateSnapshot): { samples: Sample[]; findings: FoundFinding[] } {
  const group = groups.find((g) => g.name.toLowerCase() === groupName.toLowerCase());
  const workload = group?.binding?.kubernetes?.split(',').map((w) => w.trim()).find((w) => /^(deployment|statefulset|daemonset)\//.test(w));
  if (!group || !workload) return { samples: [], findings: [] };
  const value = Math.round(rate.perSecond * 10) / 10;
  return {
    samples: [{
      select: { workload },
      measurement: { component: 'kubernetes', metric: 'requests', value, unit: '/sec', subject: workload, detail: `${rate.url}: http_requests_total over ${rate.overSeconds.toFixed(1)} s` },
    }],
    findings: [],
  };
}
