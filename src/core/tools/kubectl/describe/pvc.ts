// kubectl describe persistentvolumeclaim: class, status, volume, capacity,
// access modes, the pods that mount it (or own it), conditions and events.

import { listAll, namespacedPath, type DescribeContext } from './context';
import { describeEvents, eventsOf } from './events';
import { byteOrder, DescribeWriter, type Json } from './format';
import { printClaim } from './volumes';

export async function describePvc(pvc: Json, ctx: DescribeContext): Promise<string> {
  const meta = pvc.metadata ?? {};
  const pods = usedBy(pvc, await listAll(ctx, namespacedPath('/api/v1', meta.namespace, 'pods')));
  const events = ctx.showEvents ? await eventsOf(ctx, pvc, 'PersistentVolumeClaim') : undefined;
  const { clock } = ctx;
  const w = new DescribeWriter();
  printClaim(w, pvc, true, clock);
  w.write(0, 'Used By:\t');
  if (!pods.length) w.line('<none>');
  const names = pods.map((p) => String(p.metadata?.name ?? '')).sort(byteOrder);
  names.forEach((name, i) => {
    if (i) w.write(0, '\t');
    w.write(0, `${name}\n`);
  });
  const conditions = (pvc.status?.conditions ?? []) as Json[];
  if (conditions.length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(1, `${c.type ?? ''} \t${c.status ?? ''} \t${clock.rfc1123z(c.lastProbeTime)} \t${clock.rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  describeEvents(events, w, clock);
  return w.toString();
}

/** Pods with a volume that names the claim (once per such volume), then pods that own it. */
function usedBy(pvc: Json, pods: Json[]): Json[] {
  const name = pvc.metadata?.name;
  const result: Json[] = [];
  for (const pod of pods) {
    for (const volume of (pod.spec?.volumes ?? []) as Json[]) if (volume.persistentVolumeClaim?.claimName === name) result.push(pod);
  }
  for (const owner of (pvc.metadata?.ownerReferences ?? []) as Json[]) {
    if (owner.kind !== 'Pod') continue;
    const pod = pods.find((p) => p.metadata?.uid === owner.uid);
    if (pod && !result.some((p) => p.metadata?.uid === pod.metadata?.uid)) result.push(pod);
  }
  return result;
}
