// kubectl rollout undo: a Deployment gets the pod template of an older
// ReplicaSet back (a JSON patch replacing spec.template and the
// annotations); a StatefulSet or DaemonSet gets the ControllerRevision's
// recorded patch. `rolled back`, or `skipped rollback (...)` when the
// template already matches.

import type { Json } from './describe/format';
import { resourcePath, type ResourceType } from './discovery';
import { findRevisionOrNone, rolloutHistory, templateText, type Revision } from './rolloutHistory';
import { KubectlError, type KubectlRun } from './session';
import { jsonEqual, withoutNulls } from './strategicMerge';
import { dryRunQuery, statusMessage, type DryRun } from './writes';

const HASH_LABEL = 'pod-template-hash';
const SKIPPED_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

function withoutHash(template: Json): Json {
  const labels = { ...(template.metadata?.labels ?? {}) };
  delete labels[HASH_LABEL];
  return { ...template, metadata: { ...template.metadata, labels } };
}

/** The operation text (`rolled back`, `skipped rollback (...)`, or the template for a client dry run). */
export async function undoRollout(run: KubectlRun, type: ResourceType, workload: Json, namespace: string, toRevision: number, mode: DryRun): Promise<string> {
  if (toRevision < 0) throw new KubectlError(`unable to find specified revision ${toRevision} in history`);
  const name = workload.metadata?.name ?? '';
  const revisions = await rolloutHistory(run, type, workload, namespace);
  const path = resourcePath(type, namespace, name);
  const fail = (message: string) => new KubectlError(`failed restoring revision ${toRevision}: ${message}`);
  if (type.kind === 'Deployment') {
    const target = pickDeploymentRevision(revisions, toRevision, name);
    if (mode === 'client') return templateText(target.template, undefined, run.ctx.env);
    if (workload.spec?.paused) throw new KubectlError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
    if (jsonEqual(withoutNulls(withoutHash(target.template)), withoutNulls(withoutHash(workload.spec?.template ?? {})))) {
      return `skipped rollback (current template already matches revision ${toRevision})`;
    }
    const annotations: Record<string, string> = {};
    const current = (workload.metadata?.annotations ?? {}) as Record<string, string>;
    for (const key of SKIPPED_ANNOTATIONS) if (key in current) annotations[key] = current[key];
    for (const [key, value] of Object.entries((target.source.metadata?.annotations ?? {}) as Record<string, string>)) if (!SKIPPED_ANNOTATIONS.has(key)) annotations[key] = value;
    const body = [
      { op: 'replace', path: '/spec/template', value: withoutHash(target.template) },
      { op: 'replace', path: '/metadata/annotations', value: annotations },
    ];
    const response = await run.request({ method: 'PATCH', path, body, contentType: 'application/json-patch+json', query: dryRunQuery(mode) });
    if (response.status >= 400) throw fail(statusMessage(response));
    return 'rolled back';
  }
  if (toRevision === 0 && revisions.length <= 1) throw new KubectlError('no last revision to roll back to');
  const target = toRevision === 0 ? revisions[revisions.length - 2] : findRevisionOrNone(revisions, toRevision);
  if (!target) throw new KubectlError(`unable to find specified revision ${toRevision} in history`);
  if (mode === 'client') return templateText(target.template, undefined, run.ctx.env);
  if (jsonEqual(withoutNulls(target.template), withoutNulls(workload.spec?.template ?? {}))) {
    return `skipped rollback (current template already matches revision ${toRevision})`;
  }
  const response = await run.request({ method: 'PATCH', path, body: target.source.data, contentType: 'application/strategic-merge-patch+json', query: dryRunQuery(mode) });
  if (response.status >= 400) throw fail(statusMessage(response));
  return 'rolled back';
}

/** The revision to go back to: the one asked for, or the newest but one. */
function pickDeploymentRevision(revisions: readonly Revision[], toRevision: number, name: string): Revision {
  if (toRevision > 0) {
    const found = findRevisionOrNone(revisions, toRevision);
    if (!found) throw new KubectlError(`unable to find specified revision ${toRevision} in history`);
    return found;
  }
  if (revisions.length < 2) throw new KubectlError(`no rollout history found for deployment "${name}"`);
  return revisions[revisions.length - 2];
}
