// kubectl top pods: each pod's CPU and memory as a percentage of what its
// containers request (or of their limits when they request nothing).

import { num, percent, str, type Data, type MeasureContext } from './sample';

export function measureTopPods(data: Data, ctx: MeasureContext): void {
  const pods = Array.isArray(data.pods) ? (data.pods as Data[]) : [];
  for (const pod of pods) {
    const name = str(pod.name);
    if (!name) continue;
    const cpu = num(pod.cpuMillicores);
    const memory = num(pod.memoryBytes);
    const cpuOf = num(pod.cpuRequestMillicores) ?? num(pod.cpuLimitMillicores);
    const cpuBasis = num(pod.cpuRequestMillicores) !== undefined ? 'requested' : 'limit';
    const memoryOf = num(pod.memoryRequestBytes) ?? num(pod.memoryLimitBytes);
    const memoryBasis = num(pod.memoryRequestBytes) !== undefined ? 'requested' : 'limit';
    const base = { component: 'kubernetes' as const, unit: '%' as const, subject: name, row: true, command: ctx.commandIndex };
    if (cpu !== undefined && cpuOf) {
      ctx.samples.push({ select: { pod: name }, measurement: { ...base, metric: 'cpu', value: percent(cpu, cpuOf), detail: `${cpu}m of ${cpuOf}m ${cpuBasis}` } });
    }
    if (memory !== undefined && memoryOf) {
      const mi = (b: number) => `${Math.round(b / 2 ** 20)}Mi`;
      ctx.samples.push({ select: { pod: name }, measurement: { ...base, metric: 'memory', value: percent(memory, memoryOf), detail: `${mi(memory)} of ${mi(memoryOf)} ${memoryBasis}` } });
    }
  }
}
