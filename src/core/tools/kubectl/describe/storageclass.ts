// kubectl describe storageclass: default-class flag, provisioner,
// parameters, expansion, mount options, policies, topologies and events.

import type { DescribeContext } from './context';
import { describeEvents, eventsOf } from './events';
import { DescribeWriter, formatLabels, type Json } from './format';

const DEFAULT_CLASS = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];

export async function describeStorageClass(sc: Json, ctx: DescribeContext): Promise<string> {
  const meta = sc.metadata ?? {};
  const events = ctx.showEvents ? await eventsOf(ctx, sc, 'StorageClass') : undefined;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${meta.name ?? ''}\n`);
  w.write(0, `IsDefaultClass:\t${DEFAULT_CLASS.some((a) => meta.annotations?.[a] === 'true') ? 'Yes' : 'No'}\n`);
  w.write(0, `Annotations:\t${formatLabels(meta.annotations)}\n`);
  w.write(0, `Provisioner:\t${sc.provisioner ?? ''}\n`);
  w.write(0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
  const expansion = sc.allowVolumeExpansion;
  w.write(0, `AllowVolumeExpansion:\t${expansion === undefined || expansion === null ? '<unset>' : expansion ? 'True' : 'False'}\n`);
  if (!sc.mountOptions?.length) w.write(0, 'MountOptions:\t<none>\n');
  else {
    w.write(0, 'MountOptions:\n');
    for (const option of sc.mountOptions as string[]) w.write(1, `${option}\n`);
  }
  if (sc.reclaimPolicy) w.write(0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
  if (sc.volumeBindingMode) w.write(0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
  if (Array.isArray(sc.allowedTopologies)) {
    w.write(0, 'AllowedTopologies:\t');
    const terms = sc.allowedTopologies as Json[];
    w.line(terms.length ? '' : '<none>');
    terms.forEach((term, i) => {
      w.write(1, `Term ${i}:\t`);
      const requirements = (term.matchLabelExpressions ?? []) as Json[];
      if (!requirements.length) w.line('<none>');
      requirements.forEach((r, j) => {
        if (j) w.write(1, '\t');
        w.write(0, `${r.key} in${r.values?.length ? ` [${r.values.join(', ')}]` : ''}\n`);
      });
    });
  }
  describeEvents(events, w, ctx.clock);
  return w.toString();
}
