// The pods-on-a-node part of `kubectl describe node`: each non-terminated
// pod's CPU and memory requests and limits as a share of what the node can
// allocate, and the totals (`Allocated resources`).

import { DescribeWriter, byteOrder, type Json } from './format';
import { Quantity } from '../../../units';
import type { Clock } from './time';

type ResourceList = Map<string, Quantity>;

function addList(list: ResourceList, more: Json | ResourceList | undefined): void {
  const entries = more instanceof Map ? [...more.entries()] : Object.entries(more ?? {}).map(([k, v]) => [k, Quantity.of(v)] as const);
  for (const [name, q] of entries) list.set(name, list.has(name) ? list.get(name)!.add(q) : q);
}

function maxList(list: ResourceList, more: ResourceList): void {
  for (const [name, q] of more) if (!list.has(name) || q.compare(list.get(name)!) > 0) list.set(name, q);
}

/** A pod's effective requests and limits: containers summed, init containers as peaks, plus overhead. */
export function podRequestsAndLimits(pod: Json): [ResourceList, ResourceList] {
  const statuses = new Map(((pod.status?.containerStatuses ?? []) as Json[]).map((s) => [s.name, s]));
  const totals = (kind: 'requests' | 'limits'): ResourceList => {
    const list: ResourceList = new Map();
    for (const c of (pod.spec?.containers ?? []) as Json[]) {
      const own: ResourceList = new Map();
      addList(own, c.resources?.[kind]);
      const status = statuses.get(c.name);
      if (kind === 'requests' && status) {
        // Requests already granted to a running container count when they are higher.
        const allocated: ResourceList = new Map(Object.entries(status.allocatedResources ?? {}).map(([k, v]) => [k, Quantity.of(v)]));
        if (pod.status?.resize === 'Infeasible') own.clear();
        maxList(own, allocated);
      }
      addList(list, own);
    }
    const sidecars: ResourceList = new Map();
    const inits: ResourceList = new Map();
    for (const c of (pod.spec?.initContainers ?? []) as Json[]) {
      let own: ResourceList = new Map();
      if (c.restartPolicy === 'Always') {
        addList(list, c.resources?.[kind]);
        addList(sidecars, c.resources?.[kind]);
        own = sidecars;
      } else {
        addList(own, c.resources?.[kind]);
        addList(own, sidecars);
      }
      maxList(inits, own);
    }
    maxList(list, inits);
    return list;
  };
  const requests = totals('requests');
  const limits = totals('limits');
  const overhead = pod.spec?.overhead as Json | undefined;
  if (overhead) {
    addList(requests, overhead);
    for (const [name, v] of Object.entries(overhead)) if (limits.has(name)) limits.set(name, limits.get(name)!.add(Quantity.of(v)));
  }
  return [requests, limits];
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.trunc((part / whole) * 100);
}

export function describeNodeResources(pods: Json[], node: Json, w: DescribeWriter, clock: Clock): void {
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const allocatable = Object.keys(node.status?.allocatable ?? {}).length ? node.status.allocatable : node.status?.capacity ?? {};
  const alloc = (name: string) => Quantity.of(allocatable[name]);
  const cpuShare = (q: Quantity) => `${q.toString()} (${percent(q.milliValue(), alloc('cpu').milliValue())}%)`;
  const byteShare = (q: Quantity, name: string) => `${q.toString()} (${percent(q.value(), alloc(name).value())}%)`;
  const totalRequests: ResourceList = new Map();
  const totalLimits: ResourceList = new Map();
  for (const pod of pods) {
    const [requests, limits] = podRequestsAndLimits(pod);
    addList(totalRequests, requests);
    addList(totalLimits, limits);
    const get = (list: ResourceList, name: string) => list.get(name) ?? Quantity.ZERO;
    w.write(
      1,
      `${pod.metadata?.namespace ?? ''}\t${pod.metadata?.name ?? ''}\t\t${cpuShare(get(requests, 'cpu'))}\t${cpuShare(get(limits, 'cpu'))}\t${byteShare(get(requests, 'memory'), 'memory')}\t${byteShare(get(limits, 'memory'), 'memory')}\t${clock.since(pod.metadata?.creationTimestamp)}\n`,
    );
  }
  const total = (list: ResourceList, name: string) => list.get(name) ?? Quantity.ZERO;
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  w.write(1, `cpu\t${cpuShare(total(totalRequests, 'cpu'))}\t${cpuShare(total(totalLimits, 'cpu'))}\n`);
  for (const name of ['memory', 'ephemeral-storage']) {
    w.write(1, `${name}\t${byteShare(total(totalRequests, name), name)}\t${byteShare(total(totalLimits, name), name)}\n`);
  }
  const names = Object.keys(allocatable).sort(byteOrder);
  for (const name of names.filter((n) => n.startsWith('hugepages-'))) {
    w.write(1, `${name}\t${byteShare(total(totalRequests, name), name)}\t${byteShare(total(totalLimits, name), name)}\n`);
  }
  for (const name of names.filter((n) => !n.startsWith('hugepages-') && !['cpu', 'memory', 'ephemeral-storage', 'pods'].includes(n))) {
    w.write(1, `${name}\t${total(totalRequests, name).toString()}\t${total(totalLimits, name).toString()}\n`);
  }
}
