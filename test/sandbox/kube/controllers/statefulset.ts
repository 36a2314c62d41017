// StatefulSet controller: ControllerRevisions per template (controller-revision-hash,
// revision numbers reused on rollback), ordered pods <name>-0..N-1 with their PVCs,
// one-at-a-time rolling updates from the highest ordinal, and status for
// `kubectl rollout status`.
import type { SimContext } from '../context';
import { recordEvent } from '../events';
import { KEYS } from '../resources';
import type { StoreEvent } from '../store';
import { canonicalJson, clone, newUid, ownerOf, ownerRef, type Json, type KubeObject } from '../util';
import { itemOf, splitItem, templateHash, type Controller } from './manager';
import { deletePodGracefully, isReady, ownedBy, podFromTemplate } from './replicaset';

export const REVISION_LABEL = 'controller-revision-hash';

/** The ControllerRevision data kubectl's rollback patches back: the template with $patch: replace. */
export function revisionData(template: KubeObject): Json {
  return JSON.parse(canonicalJson({ spec: { template: { ...clone(template), $patch: 'replace' } } }));
}

export function controllerRevisionFor(sts: KubeObject, revision: number): KubeObject {
  const hash = templateHash(sts.spec.template);
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${sts.metadata.name}-${hash}`,
      namespace: sts.metadata.namespace,
      labels: { ...(sts.spec.selector?.matchLabels ?? {}), 'controller.kubernetes.io/hash': hash },
      ownerReferences: [ownerRef(sts)],
    },
    data: revisionData(sts.spec.template),
    revision,
  };
}

/** A bound PVC for a volumeClaimTemplate of a StatefulSet pod. */
export function claimFor(sts: KubeObject, tpl: KubeObject, podName: string): KubeObject {
  const uid = newUid();
  const storage = tpl.spec?.resources?.requests?.storage ?? '1Gi';
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: `${tpl.metadata?.name}-${podName}`,
      namespace: sts.metadata.namespace,
      uid,
      labels: { ...(sts.spec.selector?.matchLabels ?? {}) },
      annotations: { 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes', 'volume.kubernetes.io/storage-provisioner': 'ebs.csi.aws.com' },
      finalizers: ['kubernetes.io/pvc-protection'],
    },
    spec: {
      accessModes: tpl.spec?.accessModes ?? ['ReadWriteOnce'],
      resources: { requests: { storage } },
      storageClassName: tpl.spec?.storageClassName ?? 'gp3',
      volumeMode: 'Filesystem',
      volumeName: `pvc-${uid}`,
    },
    status: { phase: 'Bound', accessModes: tpl.spec?.accessModes ?? ['ReadWriteOnce'], capacity: { storage } },
  };
}

const ordinalOf = (sts: KubeObject, pod: KubeObject) => {
  const m = new RegExp(`^${sts.metadata.name}-(\\d+)$`).exec(pod.metadata.name ?? '');
  return m ? Number(m[1]) : -1;
};

export class StatefulSetController implements Controller {
  readonly name = 'statefulset-controller';

  constructor(private readonly ctx: SimContext) {}

  itemsFor(e: StoreEvent): string[] {
    if (e.key === KEYS.statefulsets && e.type !== 'DELETED') return [itemOf(e.object)];
    if (e.key === KEYS.pods) {
      const owner = ownerOf(e.object);
      if (owner?.kind === 'StatefulSet') return [`${e.object.metadata.namespace}/${owner.name}`];
    }
    return [];
  }

  /** Ensures a revision for the current template exists and is the newest; returns its name. */
  private syncRevision(sts: KubeObject): string {
    const store = this.ctx.store;
    const revisions = ownedBy(store.owned(KEYS.revisions, sts.metadata.uid), sts);
    const max = Math.max(0, ...revisions.map((r) => r.revision ?? 0));
    const wanted = controllerRevisionFor(sts, max + 1);
    const existing = revisions.find((r) => r.metadata.name === wanted.metadata.name);
    if (!existing) store.create(KEYS.revisions, wanted);
    else if ((existing.revision ?? 0) < max) {
      existing.revision = max + 1;
      store.update(KEYS.revisions, existing);
    }
    const keep = sts.spec?.revisionHistoryLimit ?? 10;
    const live = new Set([wanted.metadata.name, sts.status?.currentRevision]);
    const old = ownedBy(store.owned(KEYS.revisions, sts.metadata.uid), sts)
      .filter((r) => !live.has(r.metadata.name))
      .sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
    for (const r of old.slice(0, Math.max(0, old.length - keep))) store.delete(KEYS.revisions, r.metadata.namespace, r.metadata.name ?? '');
    return wanted.metadata.name ?? '';
  }

  sync(item: string): void {
    const [ns, name] = splitItem(item);
    const store = this.ctx.store;
    const sts = store.get(KEYS.statefulsets, ns, name);
    if (!sts) return;
    const updateRevision = this.syncRevision(sts);
    const want = sts.spec.replicas ?? 1;
    const event = (reason: string, message: string) => recordEvent(store, sts, { reason, message, component: 'statefulset-controller' });
    const pods = ownedBy(store.owned(KEYS.pods, sts.metadata.uid), sts).filter((p) => ordinalOf(sts, p) >= 0);
    const byOrdinal = new Map(pods.map((p) => [ordinalOf(sts, p), p]));
    const parallel = sts.spec.podManagementPolicy === 'Parallel';
    const settled = () => [...byOrdinal.values()].every((p) => !p.metadata.deletionTimestamp && isReady(p));

    for (let ord = 0; ord < want; ord++) {
      if (byOrdinal.has(ord)) {
        if (!parallel && !isReady(byOrdinal.get(ord)!)) break;
        continue;
      }
      const podName = `${name}-${ord}`;
      for (const tpl of sts.spec.volumeClaimTemplates ?? []) {
        const claim = claimFor(sts, tpl, podName);
        if (store.get(KEYS.pvcs, ns, claim.metadata.name ?? '')) continue;
        store.create(KEYS.pvcs, claim);
        event('SuccessfulCreate', `create Claim ${claim.metadata.name} Pod ${podName} in StatefulSet ${name} success`);
      }
      const pod = podFromTemplate(sts, sts.spec.template, podName, {
        [REVISION_LABEL]: updateRevision,
        'statefulset.kubernetes.io/pod-name': podName,
        'apps.kubernetes.io/pod-index': String(ord),
      });
      pod.spec.hostname = podName;
      if (sts.spec.serviceName) pod.spec.subdomain = sts.spec.serviceName;
      pod.spec.volumes = [
        ...(pod.spec.volumes ?? []),
        ...(sts.spec.volumeClaimTemplates ?? []).map((t: Json) => ({ name: t.metadata?.name, persistentVolumeClaim: { claimName: `${t.metadata?.name}-${podName}` } })),
      ];
      byOrdinal.set(ord, store.create(KEYS.pods, pod));
      event('SuccessfulCreate', `create Pod ${podName} in StatefulSet ${name} successful`);
      if (!parallel) break;
    }

    const extra = [...byOrdinal.entries()].filter(([ord, p]) => ord >= want && !p.metadata.deletionTimestamp).sort(([a], [b]) => b - a);
    if (extra.length && (parallel || settled())) {
      for (const [, p] of parallel ? extra : extra.slice(0, 1)) {
        deletePodGracefully(this.ctx, p);
        event('SuccessfulDelete', `delete Pod ${p.metadata.name} in StatefulSet ${name} successful`);
      }
    } else if (!extra.length && byOrdinal.size >= want && settled() && sts.spec.updateStrategy?.type !== 'OnDelete') {
      const partition = sts.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
      const stale = [...byOrdinal.entries()]
        .filter(([ord, p]) => ord >= partition && p.metadata.labels?.[REVISION_LABEL] !== updateRevision)
        .sort(([a], [b]) => b - a)[0];
      if (stale) {
        deletePodGracefully(this.ctx, stale[1]);
        event('SuccessfulDelete', `delete Pod ${stale[1].metadata.name} in StatefulSet ${name} successful`);
      }
    }
    this.updateStatus(ns, name, updateRevision);
  }

  private updateStatus(ns: string | undefined, name: string, updateRevision: string): void {
    const sts = this.ctx.store.get(KEYS.statefulsets, ns, name);
    if (!sts) return;
    const active = ownedBy(this.ctx.store.owned(KEYS.pods, sts.metadata.uid), sts).filter((p) => !p.metadata.deletionTimestamp);
    const want = sts.spec.replicas ?? 1;
    const updated = active.filter((p) => p.metadata.labels?.[REVISION_LABEL] === updateRevision);
    const ready = active.filter(isReady).length;
    let currentRevision = sts.status?.currentRevision || updateRevision;
    if (updated.length === want && active.length === want && ready === want) currentRevision = updateRevision;
    const status: Json = {
      observedGeneration: sts.metadata.generation ?? 1,
      replicas: active.length,
      readyReplicas: ready,
      currentReplicas: active.filter((p) => p.metadata.labels?.[REVISION_LABEL] === currentRevision).length,
      updatedReplicas: updated.length,
      currentRevision,
      updateRevision,
      collisionCount: 0,
      availableReplicas: ready,
    };
    for (const k of ['readyReplicas', 'currentReplicas', 'updatedReplicas']) if (!status[k]) delete status[k];
    sts.status = status;
    this.ctx.store.update(KEYS.statefulsets, sts);
  }
}
