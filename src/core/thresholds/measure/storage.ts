// Database storage: the database's size (psql: pg_database_size) over the
// capacity of its volume (kubectl get pvc). Either may come first; the
// session's tracker keeps the last of each, and whichever cell completes the
// pair measures it.

import { groupsForPod } from '../bindings';
import type { ThresholdGroup } from '../types';
import { formatBytes, num, percent, quantityBytes, str, type Data, type MeasureContext } from './sample';

export function recordPvcTable(columns: string[], rows: unknown[][], ctx: MeasureContext): void {
  const at = (name: string) => columns.findIndex((c) => c.toLowerCase() === name);
  const [name, capacity] = [at('name'), at('capacity')];
  if (name < 0 || capacity < 0) return;
  const seen: string[] = [];
  for (const row of rows) {
    const pvc = str(row[name]);
    const bytes = quantityBytes(str(row[capacity]) ?? '');
    if (!pvc || !bytes) continue;
    ctx.tracker.pvcCapacities.set(pvc, bytes);
    seen.push(pvc);
  }
  measureStorage(ctx, seen, true);
}

export function recordDatabaseSize(data: Data, ctx: MeasureContext): void {
  const bytes = num(data.bytes);
  if (bytes === undefined) return;
  ctx.tracker.databaseSizes.set(str(data.database) ?? '(current database)', bytes);
  measureStorage(ctx, [...ctx.tracker.pvcCapacities.keys()], false);
}

/** The PVCs that hold a group's database: named like its pods (`data-postgresql-0` for pod `postgresql-0`). */
export function databaseVolumes(groups: readonly ThresholdGroup[], pvcs: readonly string[]): string[] {
  const databaseGroups = groups.filter((g) => g.component === 'postgres');
  return pvcs.filter((pvc) => {
    const pod = pvc.replace(/^[^-]+-/, '');
    return databaseGroups.some((g) => groupsForPod([g], pvc).length > 0 || groupsForPod([g], pod).length > 0);
  });
}

function measureStorage(ctx: MeasureContext, pvcs: readonly string[], rows: boolean): void {
  const sizes = [...ctx.tracker.databaseSizes.entries()];
  if (!sizes.length) return;
  const used = sizes.reduce((sum, [, b]) => sum + b, 0);
  const names = sizes.map(([n]) => n).join(', ');
  for (const pvc of databaseVolumes(ctx.groups, pvcs)) {
    const capacity = ctx.tracker.pvcCapacities.get(pvc);
    if (!capacity) continue;
    ctx.samples.push({
      select: { pvc },
      measurement: {
        component: 'postgres',
        metric: 'storage',
        value: percent(used, capacity),
        unit: '%',
        subject: pvc,
        row: rows || undefined,
        command: ctx.commandIndex,
        detail: `${formatBytes(used)} (${names}) of ${formatBytes(capacity)} (PVC ${pvc})`,
      },
    });
  }
}
