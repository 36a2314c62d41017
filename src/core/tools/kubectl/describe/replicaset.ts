// kubectl describe replicaset, and the pod phase counts that replica sets and
// stateful sets show (`Pods Status: 3 Running / 0 Waiting / ...`).

import { listAll, namespacedPath, type DescribeContext } from './context';
import { describePodTemplate } from './containers';
import { describeEvents, eventsOf } from './events';
import { controllerOf, DescribeWriter, formatLabelSelector, printAnnotations, printLabels, selectorString, type Json } from './format';

export interface PodCounts {
  running: number;
  waiting: number;
  succeeded: number;
  failed: number;
}

/** Phases of the pods that match the selector and are controlled by the object with this UID. */
export async function podStatusFor(ctx: DescribeContext, namespace: string, selector: Json | undefined, uid: string | undefined): Promise<PodCounts> {
  const pods = await listAll(ctx, namespacedPath('/api/v1', namespace, 'pods'), { labelSelector: selectorString(selector) || undefined });
  const counts: PodCounts = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  for (const pod of pods) {
    const owner = ((pod.metadata?.ownerReferences ?? []) as Json[]).find((r) => r.controller === true);
    if (!owner || owner.uid !== uid) continue;
    const phase = pod.status?.phase;
    if (phase === 'Running') counts.running++;
    else if (phase === 'Pending') counts.waiting++;
    else if (phase === 'Succeeded') counts.succeeded++;
    else if (phase === 'Failed') counts.failed++;
  }
  return counts;
}

export function formatCounts(c: PodCounts): string {
  return `${c.running} Running / ${c.waiting} Waiting / ${c.succeeded} Succeeded / ${c.failed} Failed`;
}

export async function describeReplicaSet(rs: Json, ctx: DescribeContext): Promise<string> {
  const meta = rs.metadata ?? {};
  const spec = rs.spec ?? {};
  let counts: PodCounts | undefined;
  let podError = '';
  try {
    counts = await podStatusFor(ctx, meta.namespace ?? '', spec.selector, meta.uid);
  } catch (error) {
    if (ctx.run.ctx.signal.aborted) throw error;
    podError = (error as Error).message;
  }
  const events = ctx.showEvents ? await eventsOf(ctx, rs, 'ReplicaSet') : undefined;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${meta.name ?? ''}\n`);
  w.write(0, `Namespace:\t${meta.namespace ?? ''}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(spec.selector)}\n`);
  printLabels(w, 'Labels', meta.labels);
  printAnnotations(w, 'Annotations', meta.annotations);
  const controller = controllerOf(rs);
  if (controller) w.write(0, `Controlled By:\t${controller}\n`);
  w.write(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${spec.replicas ?? 0} desired\n`);
  w.write(0, 'Pods Status:\t');
  w.write(0, counts ? `${formatCounts(counts)}\n` : `error in fetching pods: ${podError}\n`);
  describePodTemplate(spec.template, w, ctx.clock);
  const conditions = (rs.status?.conditions ?? []) as Json[];
  if (conditions.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of conditions) w.write(1, `${c.type ?? ''} \t${c.status ?? ''}\t${c.reason ?? ''}\n`);
  }
  describeEvents(events, w, ctx.clock);
  return w.toString();
}
