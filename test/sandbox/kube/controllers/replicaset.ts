// ReplicaSet controller: keeps spec.replicas pods from the template (newest and
// not-ready pods go first on scale-down), reports status, and records
// SuccessfulCreate / SuccessfulDelete like replicaset-controller.
import type { SimContext } from '../context';
import { applyDefaults } from '../defaults';
import { recordEvent } from '../events';
import { KEYS } from '../resources';
import type { StoreEvent } from '../store';
import { clone, ownerOf, ownerRef, randomSuffix, rfc3339, type KubeObject } from '../util';
import { itemOf, splitItem, type Controller } from './manager';

export function isReady(pod: KubeObject): boolean {
  return (pod.status?.conditions ?? []).some((c: KubeObject) => c.type === 'Ready' && c.status === 'True');
}

export function ownedBy(pods: readonly KubeObject[], owner: KubeObject): KubeObject[] {
  return pods.filter((p) => ownerOf(p)?.uid === owner.metadata.uid);
}

/** Marks a pod for graceful deletion; the kubelet removes it shortly after. */
export function deletePodGracefully(ctx: SimContext, pod: KubeObject): void {
  if (pod.metadata.deletionTimestamp) return;
  const grace = pod.spec?.terminationGracePeriodSeconds ?? 30;
  pod.metadata.deletionTimestamp = rfc3339(new Date(Date.now() + grace * 1000));
  pod.metadata.deletionGracePeriodSeconds = grace;
  ctx.store.update(KEYS.pods, pod);
}

/** A pod built from a template, owned by `owner`. */
export function podFromTemplate(owner: KubeObject, template: KubeObject, name: string, extraLabels: Record<string, string> = {}): KubeObject {
  const t = clone(template);
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: owner.metadata.namespace,
      labels: { ...(t.metadata?.labels ?? {}), ...extraLabels },
      ownerReferences: [ownerRef(owner)],
    },
    spec: t.spec ?? {},
  };
  if (t.metadata?.annotations) pod.metadata.annotations = t.metadata.annotations;
  applyDefaults(KEYS.pods, pod);
  return pod;
}

export class ReplicaSetController implements Controller {
  readonly name = 'replicaset-controller';

  constructor(private readonly ctx: SimContext) {}

  itemsFor(e: StoreEvent): string[] {
    if (e.key === KEYS.replicasets && e.type !== 'DELETED') return [itemOf(e.object)];
    if (e.key === KEYS.pods) {
      const owner = ownerOf(e.object);
      if (owner?.kind === 'ReplicaSet') return [`${e.object.metadata.namespace}/${owner.name}`];
    }
    return [];
  }

  sync(item: string): void {
    const [ns, name] = splitItem(item);
    const rs = this.ctx.store.get(KEYS.replicasets, ns, name);
    if (!rs) return;
    const pods = ownedBy(this.ctx.store.ownedReadOnly(KEYS.pods, rs.metadata.uid), rs);
    const active = pods.filter((p) => !p.metadata.deletionTimestamp);
    const want = rs.spec?.replicas ?? 1;
    if (active.length < want) {
      for (let i = active.length; i < want; i++) {
        const pod = podFromTemplate(rs, rs.spec.template, `${name}-${randomSuffix(5)}`);
        pod.metadata.generateName = `${name}-`;
        this.ctx.store.create(KEYS.pods, pod);
        recordEvent(this.ctx.store, rs, { reason: 'SuccessfulCreate', message: `Created pod: ${pod.metadata.name}`, component: 'replicaset-controller' });
      }
    } else if (active.length > want) {
      const victims = [...active]
        .sort((a, b) => Number(isReady(a)) - Number(isReady(b)) || Date.parse(b.metadata.creationTimestamp ?? '') - Date.parse(a.metadata.creationTimestamp ?? '') || (b.metadata.name! < a.metadata.name! ? -1 : 1))
        .slice(0, active.length - want);
      for (const p of victims) {
        deletePodGracefully(this.ctx, clone(p));
        recordEvent(this.ctx.store, rs, { reason: 'SuccessfulDelete', message: `Deleted pod: ${p.metadata.name}`, component: 'replicaset-controller' });
      }
    }
    this.updateStatus(ns, name);
  }

  private updateStatus(ns: string | undefined, name: string): void {
    const rs = this.ctx.store.get(KEYS.replicasets, ns, name);
    if (!rs) return;
    const active = ownedBy(this.ctx.store.ownedReadOnly(KEYS.pods, rs.metadata.uid), rs).filter((p) => !p.metadata.deletionTimestamp);
    const ready = active.filter(isReady).length;
    const status: Record<string, number> = {
      replicas: active.length,
      fullyLabeledReplicas: active.length,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: rs.metadata.generation ?? 1,
    };
    for (const k of ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas']) if (!status[k]) delete status[k];
    rs.status = status;
    this.ctx.store.update(KEYS.replicasets, rs);
  }
}
