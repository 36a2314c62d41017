// Scheduler and kubelet in one: binds new pods to the least busy node, reports
// them Pending/ContainerCreating, then Running and Ready after readyDelayMs; removes
// pods marked for deletion after a short grace.
import type { SimContext } from '../context';
import { recordEvent } from '../events';
import { pendingStatus, runningStatus } from '../podstatus';
import { KEYS } from '../resources';
import type { StoreEvent } from '../store';
import { rfc3339, type Json, type KubeObject } from '../util';
import { itemOf, splitItem, type Controller } from './manager';

export function internalIp(node: KubeObject): string {
  return (node.status?.addresses ?? []).find((a: Json) => a.type === 'InternalIP')?.address ?? '10.0.0.1';
}

export class Kubelet implements Controller {
  readonly name = 'kubelet';
  private readonly starting = new Set<string>();
  private readonly stopping = new Set<string>();
  private ipCounter = 40;

  constructor(private readonly ctx: SimContext) {}

  itemsFor(e: StoreEvent): string[] {
    if (e.key !== KEYS.pods || e.type === 'DELETED') return [];
    return [itemOf(e.object)];
  }

  sync(item: string): void {
    const [ns, name] = splitItem(item);
    const pod = this.ctx.store.get(KEYS.pods, ns, name);
    if (!pod) return;
    const uid = pod.metadata.uid ?? '';
    if (pod.metadata.deletionTimestamp) return this.terminate(pod);
    if (!pod.spec?.nodeName || !(pod.status?.conditions ?? []).length) return this.schedule(pod);
    if (pod.status?.phase === 'Pending' && !this.starting.has(uid)) {
      this.starting.add(uid);
      this.ctx.timers.after(this.ctx.readyDelayMs, () => {
        this.starting.delete(uid);
        this.start(ns, name, uid);
      });
    }
  }

  private terminate(pod: KubeObject): void {
    const uid = pod.metadata.uid ?? '';
    if (this.stopping.has(uid)) return;
    this.stopping.add(uid);
    if (pod.spec?.nodeName && pod.status?.phase === 'Running') {
      for (const c of pod.spec.containers ?? []) {
        recordEvent(this.ctx.store, pod, { reason: 'Killing', message: `Stopping container ${c.name}`, component: 'kubelet', host: pod.spec.nodeName, fieldPath: `spec.containers{${c.name}}` });
      }
    }
    const grace = (pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
    const { namespace, name } = pod.metadata;
    this.ctx.timers.after(Math.min(grace, Math.max(50, this.ctx.readyDelayMs / 2)), () => {
      this.stopping.delete(uid);
      const now = this.ctx.store.get(KEYS.pods, namespace, name ?? '');
      if (now && now.metadata.uid === uid) this.ctx.store.delete(KEYS.pods, namespace, name ?? '');
    });
  }

  private schedule(pod: KubeObject): void {
    const nodes = this.ctx.store.list(KEYS.nodes).filter((n) => !n.spec?.unschedulable);
    if (!nodes.length) return;
    const counts = new Map<string, number>();
    this.ctx.store.scan(KEYS.pods, undefined, (p) => {
      if (p.spec?.nodeName) counts.set(p.spec.nodeName, (counts.get(p.spec.nodeName) ?? 0) + 1);
    });
    const load = (n: KubeObject) => counts.get(n.metadata.name ?? '') ?? 0;
    const node = nodes.find((n) => n.metadata.name === pod.spec?.nodeName) ?? [...nodes].sort((a, b) => load(a) - load(b))[0];
    pod.spec.nodeName = node.metadata.name;
    pod.status = pendingStatus(pod, internalIp(node), rfc3339());
    const saved = this.ctx.store.update(KEYS.pods, pod);
    recordEvent(this.ctx.store, saved, {
      reason: 'Scheduled',
      message: `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node.metadata.name}`,
      component: 'default-scheduler',
    });
  }

  private start(ns: string | undefined, name: string, uid: string): void {
    const pod = this.ctx.store.get(KEYS.pods, ns, name);
    if (!pod || pod.metadata.uid !== uid || pod.metadata.deletionTimestamp || pod.status?.phase !== 'Pending') return;
    const nodeIndex = Number(/(\d+)$/.exec(pod.spec.nodeName)?.[1] ?? 1);
    const ip = `10.244.${nodeIndex}.${(this.ipCounter++ % 250) + 2}`;
    pod.status = runningStatus(pod, { at: rfc3339(), startTime: pod.status.startTime, ip, hostIP: pod.status.hostIP });
    const saved = this.ctx.store.update(KEYS.pods, pod);
    const host = pod.spec.nodeName;
    for (const c of pod.spec.containers ?? []) {
      const fieldPath = `spec.containers{${c.name}}`;
      recordEvent(this.ctx.store, saved, { reason: 'Pulled', message: `Container image "${c.image}" already present on machine`, component: 'kubelet', host, fieldPath });
      recordEvent(this.ctx.store, saved, { reason: 'Created', message: `Created container ${c.name}`, component: 'kubelet', host, fieldPath });
      recordEvent(this.ctx.store, saved, { reason: 'Started', message: `Started container ${c.name}`, component: 'kubelet', host, fieldPath });
    }
  }
}
