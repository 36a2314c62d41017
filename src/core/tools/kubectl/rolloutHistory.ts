// A workload's rollout history as kubectl reads it: a Deployment's revisions
// are its ReplicaSets (annotation deployment.kubernetes.io/revision), a
// StatefulSet's or DaemonSet's are its ControllerRevisions. Also the
// `REVISION  CHANGE-CAUSE` table and the pod template of one revision.

import { Clock } from './describe/time';
import { describePodTemplate } from './describe/containers';
import { DescribeWriter, selectorString, type Json } from './describe/format';
import { alignTabbed } from './printers/tabwriter';
import { resourcePath, type ResourceType } from './discovery';
import { KubectlError, type KubectlRun } from './session';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';

export interface Revision {
  revision: number;
  template: Json;
  changeCause?: string;
  /** The ReplicaSet or ControllerRevision that records it. */
  source: Json;
}

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet';

export function workloadKind(type: ResourceType): WorkloadKind | undefined {
  if (type.group !== 'apps' && type.group !== 'extensions') return undefined;
  return (['Deployment', 'StatefulSet', 'DaemonSet'] as const).find((k) => k === type.kind);
}

/** The revisions of a workload, oldest first. */
export async function rolloutHistory(run: KubectlRun, type: ResourceType, workload: Json, namespace: string): Promise<Revision[]> {
  const uid = workload.metadata?.uid;
  const owned = (item: Json) => ((item.metadata?.ownerReferences ?? []) as Json[]).some((r) => r.controller === true && r.uid === uid);
  const labelSelector = selectorString(workload.spec?.selector) || undefined;
  const revisions: Revision[] = [];
  if (type.kind === 'Deployment') {
    const rsType = { ...type, resource: 'replicasets', kind: 'ReplicaSet' };
    const list = await run.json<{ items: Json[] }>({ path: resourcePath(rsType, namespace), query: { labelSelector } });
    for (const rs of list.items.filter(owned)) {
      const revision = Number(rs.metadata?.annotations?.[REVISION_ANNOTATION]);
      if (!Number.isInteger(revision)) continue;
      revisions.push({ revision, template: rs.spec?.template ?? {}, changeCause: rs.metadata?.annotations?.[CHANGE_CAUSE], source: rs });
    }
  } else {
    const crType = { ...type, resource: 'controllerrevisions', kind: 'ControllerRevision' };
    const list = await run.json<{ items: Json[] }>({ path: resourcePath(crType, namespace), query: { labelSelector } });
    for (const cr of list.items.filter(owned)) {
      const template = { ...(cr.data?.spec?.template ?? {}) };
      delete template.$patch;
      revisions.push({ revision: Number(cr.revision ?? 0), template, changeCause: cr.metadata?.annotations?.[CHANGE_CAUSE], source: cr });
    }
  }
  // One entry a revision (the newest record wins), oldest first.
  const byRevision = new Map<number, Revision>();
  for (const r of revisions) byRevision.set(r.revision, r);
  return [...byRevision.values()].sort((a, b) => a.revision - b.revision);
}

/** `\nREVISION  CHANGE-CAUSE\n1         <none>\n`: what follows `deployment.apps/x ` in the history output. */
export function historyTable(revisions: readonly Revision[]): string {
  if (revisions.length === 0) return 'No rollout history found.';
  let text = 'REVISION\tCHANGE-CAUSE\n';
  for (const r of revisions) text += `${r.revision}\t${r.changeCause || '<none>'}\n`;
  return '\n' + alignTabbed(text);
}

/** The `Pod Template:` block of one revision (tabs as kubectl writes them, not aligned). */
export function templateText(template: Json, changeCause: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  const shown = changeCause ? { ...template, metadata: { ...template.metadata, annotations: { ...(template.metadata?.annotations ?? {}), [CHANGE_CAUSE]: changeCause } } } : template;
  const sink = { text: '' };
  describePodTemplate(shown, new DescribeWriter(sink), new Clock(env));
  return sink.text;
}

export function findRevisionOrNone(revisions: readonly Revision[], revision: number): Revision | undefined {
  return revisions.find((r) => r.revision === revision);
}

export function findRevision(revisions: readonly Revision[], revision: number): Revision {
  const found = findRevisionOrNone(revisions, revision);
  if (!found) throw new KubectlError('error: unable to find the specified revision');
  return found;
}
