// Runs the simulated controllers: each one maps store changes to work items
// ("<namespace>/<name>") and syncs them from a de-duplicated queue, off the
// request path (like informers + work queues in kube-controller-manager).
import type { SimContext } from '../context';
import type { StoreEvent } from '../store';
import { canonicalJson, fnv32a, safeEncode, type Json, type KubeObject } from '../util';

export interface Controller {
  readonly name: string;
  /** Work items a store change concerns. */
  itemsFor(e: StoreEvent): string[];
  sync(item: string): void;
}

export function itemOf(o: KubeObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

export function splitItem(item: string): [string | undefined, string] {
  const i = item.indexOf('/');
  const ns = item.slice(0, i);
  return [ns || undefined, item.slice(i + 1)];
}

/** pod-template-hash / controller-revision-hash of a pod template; null members are ignored. */
export function templateHash(template: Json, collisionCount = 0): string {
  const text = canonicalJson(template, true) + (collisionCount ? String(collisionCount) : '');
  return safeEncode(String(fnv32a(text)));
}

export class ControllerManager {
  private readonly queues = new Map<Controller, Set<string>>();
  private scheduled = false;
  private stopped = false;
  private unsubscribe: () => void = () => undefined;

  constructor(
    private readonly ctx: SimContext,
    private readonly controllers: Controller[],
  ) {
    for (const c of controllers) this.queues.set(c, new Set());
  }

  start(): void {
    this.unsubscribe = this.ctx.store.subscribe((e) => {
      for (const c of this.controllers) for (const item of c.itemsFor(e)) this.enqueue(c, item);
    });
  }

  /** Queues a full resync of every object a controller cares about. */
  enqueue(c: Controller, item: string): void {
    if (this.stopped) return;
    this.queues.get(c)?.add(item);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  private drain(): void {
    this.scheduled = false;
    if (this.stopped) return;
    let budget = 500;
    for (;;) {
      let worked = false;
      for (const c of this.controllers) {
        const q = this.queues.get(c)!;
        const item = q.values().next();
        if (item.done) continue;
        q.delete(item.value);
        worked = true;
        try {
          c.sync(item.value);
        } catch (err) {
          console.error(`[kube-sim] ${c.name} failed to sync ${item.value}:`, err);
        }
      }
      if (!worked) return;
      if (--budget <= 0) break;
    }
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe();
  }
}
