// kubectl describe deployment: replicas, strategy, pod template, conditions,
// the old and new replica sets it owns, and its events.

import { listAll, namespacedPath, type DescribeContext } from './context';
import { describePodTemplate } from './containers';
import { describeEvents, eventsOf } from './events';
import { DescribeWriter, printAnnotations, printLabels, selectorString, type Json } from './format';

const HASH_LABEL = 'pod-template-hash';

export async function describeDeployment(d: Json, ctx: DescribeContext): Promise<string> {
  const meta = d.metadata ?? {};
  const spec = d.spec ?? {};
  const status = d.status ?? {};
  const events = ctx.showEvents ? await eventsOf(ctx, d, 'Deployment') : undefined;
  let sets: { old: Json[]; current: Json[] } = { old: [], current: [] };
  try {
    sets = await replicaSetsOf(d, ctx);
  } catch (error) {
    if (ctx.run.ctx.signal.aborted) throw error;
  }
  const w = new DescribeWriter();
  w.write(0, `Name:\t${meta.name ?? ''}\n`);
  w.write(0, `Namespace:\t${meta.namespace ?? ''}\n`);
  w.write(0, `CreationTimestamp:\t${ctx.clock.rfc1123z(meta.creationTimestamp)}\n`);
  printLabels(w, 'Labels', meta.labels);
  printAnnotations(w, 'Annotations', meta.annotations);
  w.write(0, `Selector:\t${selectorString(spec.selector)}\n`);
  w.write(0, `Replicas:\t${spec.replicas ?? 0} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`);
  w.write(0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
  w.write(0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  const rolling = spec.strategy?.rollingUpdate;
  if (rolling) w.write(0, `RollingUpdateStrategy:\t${intOrString(rolling.maxUnavailable)} max unavailable, ${intOrString(rolling.maxSurge)} max surge\n`);
  describePodTemplate(spec.template, w, ctx.clock);
  const conditions = (status.conditions ?? []) as Json[];
  if (conditions.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of conditions) w.write(1, `${c.type ?? ''} \t${c.status ?? ''}\t${c.reason ?? ''}\n`);
  }
  if (sets.old.length || sets.current.length) {
    w.write(0, `OldReplicaSets:\t${replicaSetList(sets.old)}\n`);
    w.write(0, `NewReplicaSet:\t${replicaSetList(sets.current)}\n`);
  }
  describeEvents(events, w, ctx.clock);
  return w.toString();
}

function intOrString(value: unknown): string {
  return value === undefined || value === null ? '<nil>' : String(value);
}

function replicaSetList(sets: Json[]): string {
  const text = sets.map((rs) => `${rs.metadata?.name ?? ''} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ');
  return text || '<none>';
}

/**
 * The replica sets the deployment controls, oldest first: the new one is the
 * oldest whose pod template equals the deployment's (ignoring the hash label).
 */
async function replicaSetsOf(d: Json, ctx: DescribeContext): Promise<{ old: Json[]; current: Json[] }> {
  const all = await listAll(ctx, namespacedPath('/apis/apps/v1', d.metadata?.namespace, 'replicasets'), { labelSelector: selectorString(d.spec?.selector) || undefined });
  const owned = all.filter((rs) => ((rs.metadata?.ownerReferences ?? []) as Json[]).some((r) => r.controller === true && r.uid === d.metadata?.uid));
  const created = (rs: Json) => (rs.metadata?.creationTimestamp ? new Date(rs.metadata.creationTimestamp).getTime() : 0);
  owned.sort((a, b) => created(a) - created(b) || (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  const wanted = normalize(withoutHash(d.spec?.template));
  const current = owned.find((rs) => normalize(withoutHash(rs.spec?.template)) === wanted);
  return { old: owned.filter((rs) => rs !== current), current: current ? [current] : [] };
}

function withoutHash(template: Json | undefined): Json {
  const copy = JSON.parse(JSON.stringify(template ?? {})) as Json;
  if (copy.metadata?.labels) delete copy.metadata.labels[HASH_LABEL];
  return copy;
}

/** Canonical JSON where unset, null and empty values compare equal (as semantic equality does). */
function normalize(value: unknown): string {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.length ? v.map(strip) : undefined;
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v).sort()) {
        const inner = strip((v as Json)[key]);
        if (inner !== undefined && inner !== null) out[key] = inner;
      }
      return Object.keys(out).length ? out : undefined;
    }
    return v;
  };
  return JSON.stringify(strip(value) ?? null);
}
