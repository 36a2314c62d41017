// kubectl describe statefulset: replicas, update strategy, pod phases, pod
// template, volume claim templates and events.

import type { DescribeContext } from './context';
import { describePodTemplate } from './containers';
import { describeEvents, eventsOf } from './events';
import { DescribeWriter, goList, printAnnotations, printLabels, selectorString, type Json } from './format';
import { Quantity } from '../../../units';
import { formatCounts, podStatusFor } from './replicaset';
import { claimClass } from './volumes';

export async function describeStatefulSet(sts: Json, ctx: DescribeContext): Promise<string> {
  const meta = sts.metadata ?? {};
  const spec = sts.spec ?? {};
  const counts = await podStatusFor(ctx, meta.namespace ?? '', spec.selector, meta.uid);
  const events = ctx.showEvents ? await eventsOf(ctx, sts, 'StatefulSet') : undefined;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${meta.name ?? ''}\n`);
  w.write(0, `Namespace:\t${meta.namespace ?? ''}\n`);
  w.write(0, `CreationTimestamp:\t${ctx.clock.rfc1123z(meta.creationTimestamp)}\n`);
  w.write(0, `Selector:\t${selectorString(spec.selector)}\n`);
  printLabels(w, 'Labels', meta.labels);
  printAnnotations(w, 'Annotations', meta.annotations);
  w.write(0, `Replicas:\t${spec.replicas ?? 0} desired | ${sts.status?.replicas ?? 0} total\n`);
  w.write(0, `Update Strategy:\t${spec.updateStrategy?.type ?? ''}\n`);
  const rolling = spec.updateStrategy?.rollingUpdate;
  if (rolling && rolling.partition !== undefined && rolling.partition !== null) {
    w.write(1, `Partition:\t${rolling.partition}\n`);
    if (rolling.maxUnavailable !== undefined && rolling.maxUnavailable !== null) w.write(1, `MaxUnavailable:\t${rolling.maxUnavailable}\n`);
  }
  w.write(0, `Pods Status:\t${formatCounts(counts)}\n`);
  describePodTemplate(spec.template, w, ctx.clock);
  describeClaimTemplates(spec.volumeClaimTemplates, w);
  describeEvents(events, w, ctx.clock);
  return w.toString();
}

function describeClaimTemplates(templates: Json[] | undefined, w: DescribeWriter): void {
  if (!templates?.length) return w.write(0, 'Volume Claims:\t<none>\n');
  w.write(0, 'Volume Claims:\n');
  for (const pvc of templates) {
    w.write(1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
    w.write(1, `StorageClass:\t${claimClass(pvc)}\n`);
    printLabels(w, 'Labels', pvc.metadata?.labels, '  ');
    printLabels(w, 'Annotations', pvc.metadata?.annotations, '  ');
    const storage = pvc.spec?.resources?.requests?.storage;
    w.write(1, `Capacity:\t${storage !== undefined ? Quantity.canonical(storage) : '<default>'}\n`);
    w.write(1, `Access Modes:\t${goList(pvc.spec?.accessModes)}\n`);
  }
}
