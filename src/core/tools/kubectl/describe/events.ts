// The Events section: the events whose involvedObject is the described
// object (one field-selector query, followed through `continue` pages), and
// the table kubectl prints for them, oldest last-seen first.

import { listAll, namespacedPath, type DescribeContext } from './context';
import { DescribeWriter, type Json } from './format';
import type { Clock } from './time';

export interface EventReference {
  name: string;
  namespace: string;
  /** Left out for pods: kubelet events name the pod without a kind. */
  kind?: string;
  uid?: string;
}

/** The events about one object; throws the server's error when the query fails. */
export function searchEvents(ctx: DescribeContext, ref: EventReference): Promise<Json[]> {
  const selector = [`involvedObject.name=${ref.name}`, `involvedObject.namespace=${ref.namespace}`];
  if (ref.kind) selector.push(`involvedObject.kind=${ref.kind}`);
  if (ref.uid) selector.push(`involvedObject.uid=${ref.uid}`);
  return listAll(ctx, namespacedPath('/api/v1', ref.namespace, 'events'), { fieldSelector: selector.join(',') });
}

/** Events of an object, for the describers that show none when the query fails. */
export async function eventsOf(ctx: DescribeContext, object: Json, kind: string | undefined): Promise<Json[]> {
  const meta = object.metadata ?? {};
  try {
    return await searchEvents(ctx, { name: meta.name ?? '', namespace: meta.namespace ?? '', kind, uid: meta.uid });
  } catch (error) {
    if (ctx.run.ctx.signal.aborted) throw error;
    return [];
  }
}

export function describeEvents(events: readonly Json[] | undefined, w: DescribeWriter, clock: Clock): void {
  if (!events) return;
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  const lastSeen = (e: Json) => (e.lastTimestamp ? new Date(e.lastTimestamp).getTime() : -Infinity);
  const sorted = [...events].sort((a, b) => lastSeen(a) - lastSeen(b));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = e.eventTime ? clock.since(e.eventTime) : clock.since(e.firstTimestamp);
    let interval = first;
    if (e.series) interval = `${clock.since(e.series.lastObservedTime)} (x${e.series.count ?? 0} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${clock.since(e.lastTimestamp)} (x${e.count} over ${first})`;
    const source = e.source?.component || e.reportingComponent || '';
    w.write(1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${String(e.message ?? '').trim()}\n`);
  }
}
