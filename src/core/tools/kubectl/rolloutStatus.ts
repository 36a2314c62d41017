// kubectl rollout status: kubectl's progress line for the workload's status
// each time the server reports a change, until the rollout is complete,
// --timeout passes, or the cell is stopped.

import { flagInt, flagString } from './args';
import { abortError } from '../../connections/kubeConnection';
import type { Json } from './describe/format';
import { resourcePath, type ResourceType } from './discovery';
import { durationFlag } from './durations';
import { REVISION_ANNOTATION, workloadKind } from './rolloutHistory';
import { KubectlError, type KubectlRun } from './session';
import { writeError } from './writes';

interface Status {
  text: string;
  done: boolean;
}

/** kubectl's status viewers for Deployments, StatefulSets and DaemonSets. */
export function rolloutStatusOf(kind: string, o: Json, revision: number): Status {
  const name = o.metadata?.name ?? '';
  const spec = o.spec ?? {};
  const status = o.status ?? {};
  const generation = o.metadata?.generation ?? 0;
  const observed = status.observedGeneration ?? 0;
  if (kind === 'Deployment') {
    if (revision > 0) {
      const running = Number(o.metadata?.annotations?.[REVISION_ANNOTATION] ?? 0);
      if (running !== revision) throw new KubectlError(`error: desired revision (${revision}) is different from the running revision (${running})`);
    }
    if (generation > observed) return { text: 'Waiting for deployment spec update to be observed...\n', done: false };
    const progressing = ((status.conditions ?? []) as Json[]).find((c) => c.type === 'Progressing');
    if (progressing?.reason === 'ProgressDeadlineExceeded') throw new KubectlError(`error: deployment "${name}" exceeded its progress deadline`);
    const updated = status.updatedReplicas ?? 0;
    if (spec.replicas !== undefined && updated < spec.replicas) return waiting(`deployment "${name}" rollout to finish: ${updated} out of ${spec.replicas} new replicas have been updated...`);
    if ((status.replicas ?? 0) > updated) return waiting(`deployment "${name}" rollout to finish: ${(status.replicas ?? 0) - updated} old replicas are pending termination...`);
    if ((status.availableReplicas ?? 0) < updated) return waiting(`deployment "${name}" rollout to finish: ${status.availableReplicas ?? 0} of ${updated} updated replicas are available...`);
    return { text: `deployment "${name}" successfully rolled out\n`, done: true };
  }
  if (kind === 'DaemonSet') {
    if (spec.updateStrategy?.type !== 'RollingUpdate') throw new KubectlError('error: rollout status is only available for RollingUpdate strategy type');
    if (generation > observed) return { text: 'Waiting for daemon set spec update to be observed...\n', done: false };
    const desired = status.desiredNumberScheduled ?? 0;
    if ((status.updatedNumberScheduled ?? 0) < desired) return waiting(`daemon set "${name}" rollout to finish: ${status.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...`);
    if ((status.numberAvailable ?? 0) < desired) return waiting(`daemon set "${name}" rollout to finish: ${status.numberAvailable ?? 0} of ${desired} updated pods are available...`);
    return { text: `daemon set "${name}" successfully rolled out\n`, done: true };
  }
  if (spec.updateStrategy?.type !== 'RollingUpdate') throw new KubectlError('error: rollout status is only available for RollingUpdate strategy type');
  if (observed === 0 || generation > observed) return { text: 'Waiting for statefulset spec update to be observed...\n', done: false };
  if (spec.replicas !== undefined && (status.readyReplicas ?? 0) < spec.replicas) return { text: `Waiting for ${spec.replicas - (status.readyReplicas ?? 0)} pods to be ready...\n`, done: false };
  const partition = spec.updateStrategy?.rollingUpdate?.partition;
  if (spec.updateStrategy?.rollingUpdate) {
    if (spec.replicas !== undefined && partition !== undefined && (status.updatedReplicas ?? 0) < spec.replicas - partition) {
      return { text: `Waiting for partitioned roll out to finish: ${status.updatedReplicas ?? 0} out of ${spec.replicas - partition} new pods have been updated...\n`, done: false };
    }
    return { text: `partitioned roll out complete: ${status.updatedReplicas ?? 0} new pods have been updated...\n`, done: true };
  }
  if (status.updateRevision !== status.currentRevision) {
    return { text: `waiting for statefulset rolling update to complete ${status.updatedReplicas ?? 0} pods at revision ${status.updateRevision}...\n`, done: false };
  }
  return { text: `statefulset rolling update complete ${status.currentReplicas ?? 0} pods at revision ${status.currentRevision}...\n`, done: true };
}

function waiting(text: string): Status {
  return { text: `Waiting for ${text}\n`, done: false };
}

interface WatchEvent {
  type: string;
  object: Json;
}

/** Prints the status now and on every change; resolves when the rollout is complete. */
export async function watchRollout(run: KubectlRun, type: ResourceType, name: string, namespace: string): Promise<number> {
  const { args, ctx } = run;
  const kind = workloadKind(type);
  if (!kind) throw new KubectlError(`error: no status viewer has been implemented for ${type.kind}`);
  const revision = flagInt(args, 'revision') ?? 0;
  const watch = args.flags.get('watch') !== false;
  const timeoutMs = durationFlag(flagString(args, 'timeout'), 'timeout', 'kubectl rollout status') ?? 0;
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  const timer = timeoutMs > 0 ? setTimeout(() => ((timedOut = true), stop.abort()), timeoutMs) : undefined;
  const fieldSelector = `metadata.name=${name}`;
  const path = resourcePath(type, namespace);
  let done = false;
  let failure: unknown;
  const show = (object: Json) => {
    const status = rolloutStatusOf(kind, object, revision);
    ctx.stdout.write(status.text);
    ctx.emit({ kind: 'rollout-status', object: `${type.resource}/${name}`, status: status.text.trim(), done: status.done });
    if (status.done || !watch) done = true;
  };
  try {
    while (!done && !stop.signal.aborted) {
      const list = await run.request({ path, query: { fieldSelector } });
      if (list.status >= 400) throw writeError(list);
      const body = JSON.parse(list.text) as { items: Json[]; metadata?: { resourceVersion?: string } };
      const object = body.items[0];
      if (!object) throw new KubectlError(`Error from server (NotFound): ${type.group ? `${type.resource}.${type.group}` : type.resource} "${name}" not found`);
      show(object);
      if (done) break;
      const connection = await run.connection();
      let buffer = '';
      const result = await connection.stream(
        { path, query: { fieldSelector, watch: 1, resourceVersion: body.metadata?.resourceVersion, allowWatchBookmarks: true }, signal: stop.signal },
        (chunk) => {
          buffer += chunk;
          let newline: number;
          while (!done && (newline = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, newline).trim();
            buffer = buffer.slice(newline + 1);
            if (!line) continue;
            const event = JSON.parse(line) as WatchEvent;
            try {
              if (event.type === 'DELETED') throw new KubectlError('error: object has been deleted');
              if (event.type === 'ADDED' || event.type === 'MODIFIED') show(event.object);
            } catch (error) {
              failure = error;
              done = true;
            }
            if (done) stop.abort();
          }
        },
      );
      if (failure) throw failure;
      if (result.status >= 400) throw writeError({ status: result.status, headers: {}, text: result.text ?? '' });
    }
  } finally {
    clearTimeout(timer);
    ctx.signal.removeEventListener('abort', onAbort);
  }
  if (done) return 0;
  if (timedOut) throw new KubectlError('error: timed out waiting for the condition');
  throw abortError();
}
