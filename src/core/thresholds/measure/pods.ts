// kubectl top pods: each pod's CPU and memory as a percentage of what its
// containers request (or of their limits when they request nothing).

import type { TopPodsData } from '../../results/toolData';
import { percent, type MeasureContext } from './sample';

export function measureTopPods(data: TopPodsData, ctx: MeasureContext): void {
  data.pods.forEach((pod, index) => {
    const { name, cpuMillicores: cpu, memoryBytes: memory } = pod;
    const cpuOf = pod.cpuRequestMillicores ?? pod.cpuLimitMillicores;
    const cpuBasis = pod.cpuRequestMillicores !== undefined ? 'requested' : 'limit';
    const memoryOf = pod.memoryRequestBytes ?? pod.memoryLimitBytes;
    const memoryBasis = pod.memoryRequestBytes !== undefined ? 'requested' : 'limit';
    // With --containers a pod has a row per container, none of its own.
    const row = data.containerRows ? undefined : { index, headerLines: data.headerLines };
    const base = { component: 'kubernetes' as const, unit: '%' as const, subject: name, row, command: ctx.commandIndex };
    if (cpuOf) {
      ctx.samples.push({ select: { pod: name }, measurement: { ...base, metric: 'cpu', value: percent(cpu, cpuOf), detail: `${cpu}m of ${cpuOf}m ${cpuBasis}` } });
    }
    if (memoryOf) {
      const mi = (b: number) => `${Math.round(b / 2 ** 20)}Mi`;
      ctx.samples.push({ select: { pod: name }, measurement: { ...base, metric: 'memory', value: percent(memory, memoryOf), detail: `${mi(memory)} of ${mi(memoryOf)} ${memoryBasis}` } });
    }
  });
}
