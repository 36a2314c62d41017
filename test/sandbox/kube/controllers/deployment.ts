// Deployment controller: one ReplicaSet per pod template (pod-template-hash),
// revisions in deployment.kubernetes.io/revision, a surge-then-retire rollout,
// ScalingReplicaSet events, old ReplicaSets trimmed to revisionHistoryLimit, and
// the status/conditions `kubectl rollout status` reads.
import type { SimContext } from '../context';
import { recordEvent } from '../events';
import { KEYS } from '../resources';
import type { StoreEvent } from '../store';
import { clone, ownerOf, ownerRef, rfc3339, type Json, type KubeObject } from '../util';
import { itemOf, splitItem, templateHash, type Controller } from './manager';
import { ownedBy } from './replicaset';

export const REVISION = 'deployment.kubernetes.io/revision';
const HISTORY = 'deployment.kubernetes.io/revision-history';
const DESIRED = 'deployment.kubernetes.io/desired-replicas';
const MAX = 'deployment.kubernetes.io/max-replicas';
export const HASH_LABEL = 'pod-template-hash';

const revisionOf = (rs: KubeObject) => Number(rs.metadata.annotations?.[REVISION] ?? 0);

function maxSurge(d: KubeObject): number {
  const replicas = d.spec?.replicas ?? 1;
  const v = d.spec?.strategy?.rollingUpdate?.maxSurge ?? '25%';
  return typeof v === 'string' && v.endsWith('%') ? Math.ceil((replicas * Number(v.slice(0, -1))) / 100) : Number(v);
}

function maxUnavailable(d: KubeObject): number {
  const replicas = d.spec?.replicas ?? 1;
  const v = d.spec?.strategy?.rollingUpdate?.maxUnavailable ?? '25%';
  return typeof v === 'string' && v.endsWith('%') ? Math.floor((replicas * Number(v.slice(0, -1))) / 100) : Number(v);
}

/** The ReplicaSet a deployment creates for a template (also used by the seed). */
export function replicaSetFor(d: KubeObject, template: KubeObject, revision: number, replicas: number): KubeObject {
  const hash = templateHash(template);
  const t = clone(template);
  t.metadata = { ...(t.metadata ?? {}), labels: { ...(t.metadata?.labels ?? {}), [HASH_LABEL]: hash } };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: { ...(template.metadata?.labels ?? {}), [HASH_LABEL]: hash },
      annotations: { [DESIRED]: String(d.spec?.replicas ?? 1), [MAX]: String((d.spec?.replicas ?? 1) + maxSurge(d)), [REVISION]: String(revision) },
      ownerReferences: [ownerRef(d)],
    },
    spec: {
      replicas,
      selector: { ...d.spec.selector, matchLabels: { ...(d.spec.selector?.matchLabels ?? {}), [HASH_LABEL]: hash } },
      template: t,
    },
  };
}

export class DeploymentController implements Controller {
  readonly name = 'deployment-controller';

  constructor(private readonly ctx: SimContext) {}

  itemsFor(e: StoreEvent): string[] {
    if (e.key === KEYS.deployments && e.type !== 'DELETED') return [itemOf(e.object)];
    if (e.key === KEYS.replicasets) {
      const owner = ownerOf(e.object);
      if (owner?.kind === 'Deployment') return [`${e.object.metadata.namespace}/${owner.name}`];
    }
    return [];
  }

  sync(item: string): void {
    const [ns, name] = splitItem(item);
    const d = this.ctx.store.get(KEYS.deployments, ns, name);
    if (!d) return;
    const store = this.ctx.store;
    const owned = ownedBy(store.owned(KEYS.replicasets, d.metadata.uid), d);
    const hash = templateHash(d.spec.template);
    let newRs = owned.find((rs) => rs.metadata.labels?.[HASH_LABEL] === hash);
    const old = owned.filter((rs) => rs !== newRs);
    const maxOld = Math.max(0, ...old.map(revisionOf));
    const want = d.spec.replicas ?? 1;
    const event = (message: string) => recordEvent(store, d, { reason: 'ScalingReplicaSet', message, component: 'deployment-controller' });

    if (d.spec.paused) return this.updateStatus(d, newRs, owned);
    if (!newRs) {
      newRs = store.create(KEYS.replicasets, replicaSetFor(d, d.spec.template, maxOld + 1, want));
      if (want > 0) event(`Scaled up replica set ${newRs.metadata.name} from 0 to ${want}`);
    } else {
      let changed = false;
      if (revisionOf(newRs) <= maxOld) {
        const history = [newRs.metadata.annotations?.[HISTORY], String(revisionOf(newRs))].filter(Boolean).join(',');
        newRs.metadata.annotations = { ...newRs.metadata.annotations, [REVISION]: String(maxOld + 1), [HISTORY]: history };
        changed = true;
      }
      const annotations = { [DESIRED]: String(want), [MAX]: String(want + maxSurge(d)) };
      if (Object.entries(annotations).some(([k, v]) => newRs!.metadata.annotations?.[k] !== v)) {
        newRs.metadata.annotations = { ...newRs.metadata.annotations, ...annotations };
        changed = true;
      }
      const from = newRs.spec.replicas ?? 0;
      if (from !== want) {
        newRs.spec.replicas = want;
        changed = true;
      }
      if (changed) newRs = store.update(KEYS.replicasets, newRs);
      if (from !== want) event(`Scaled ${from < want ? 'up' : 'down'} replica set ${newRs.metadata.name} to ${want} from ${from}`);
    }
    const newReady = newRs.status?.readyReplicas ?? 0;
    if (newReady >= want || want === 0) {
      for (const rs of old) {
        const from = rs.spec?.replicas ?? 0;
        if (from === 0) continue;
        rs.spec.replicas = 0;
        store.update(KEYS.replicasets, rs);
        event(`Scaled down replica set ${rs.metadata.name} to 0 from ${from}`);
      }
    }
    this.cleanup(d, old);
    const revision = newRs.metadata.annotations?.[REVISION];
    const fresh = store.get(KEYS.deployments, ns, name);
    if (fresh && revision && fresh.metadata.annotations?.[REVISION] !== revision) {
      fresh.metadata.annotations = { ...fresh.metadata.annotations, [REVISION]: revision };
      store.update(KEYS.deployments, fresh);
    }
    const latest = store.get(KEYS.deployments, ns, name);
    if (latest) this.updateStatus(latest, newRs, ownedBy(store.owned(KEYS.replicasets, latest.metadata.uid), latest));
  }

  private cleanup(d: KubeObject, old: KubeObject[]): void {
    const limit = d.spec?.revisionHistoryLimit ?? 10;
    const idle = old.filter((rs) => (rs.spec?.replicas ?? 0) === 0 && (rs.status?.replicas ?? 0) === 0).sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) {
      this.ctx.store.delete(KEYS.replicasets, rs.metadata.namespace, rs.metadata.name ?? '');
    }
  }

  private updateStatus(d: KubeObject, newRs: KubeObject | undefined, all: KubeObject[]): void {
    const sum = (f: string) => all.reduce((n, rs) => n + (rs.status?.[f] ?? 0), 0);
    const want = d.spec.replicas ?? 1;
    const replicas = sum('replicas');
    const updated = all.find((rs) => rs.metadata.uid === newRs?.metadata.uid)?.status?.replicas ?? 0;
    const ready = sum('readyReplicas');
    const available = sum('availableReplicas');
    const now = rfc3339();
    const prev: Json[] = d.status?.conditions ?? [];
    const cond = (type: string, status: string, reason: string, message: string): Json => {
      const p = prev.find((c) => c.type === type);
      const same = p && p.status === status && p.reason === reason;
      return {
        type,
        status,
        lastUpdateTime: same && p.message === message ? p.lastUpdateTime : now,
        lastTransitionTime: p && p.status === status ? p.lastTransitionTime : now,
        reason,
        message,
      };
    };
    const minAvailable = want - maxUnavailable(d);
    const complete = updated === want && replicas === want && available >= want;
    const rsName = newRs?.metadata.name ?? '';
    const status: Json = {
      observedGeneration: d.metadata.generation ?? 1,
      replicas,
      updatedReplicas: updated,
      readyReplicas: ready,
      availableReplicas: available,
      unavailableReplicas: Math.max(0, want - available),
      conditions: [
        available >= minAvailable
          ? cond('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
          : cond('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'),
        complete
          ? cond('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`)
          : cond('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`),
      ],
    };
    for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas']) if (!status[k]) delete status[k];
    d.status = status;
    this.ctx.store.update(KEYS.deployments, d);
  }
}
