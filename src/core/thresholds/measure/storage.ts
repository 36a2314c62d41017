// Database storage: the database's size (psql: pg_database_size) over the
// capacity of its volume (kubectl get pvc). Either may come first; the
// session's tracker keeps the last of each, and whichever cell completes the
// pair measures it.

import type { KubeTableData, PostgresDatabaseSizeData } from '../../results/toolData';
import { groupsForPod } from '../bindings';
import type { Measurement, RowRef, ThresholdGroup } from '../types';
import { cellText, columnIndex, formatBytes, percent, quantityBytes, type MeasureContext } from './sample';

/** kubectl get pvc; `headerLines` as in RowRef. */
export function recordPvcTable(table: KubeTableData, headerLines: number, ctx: MeasureContext): void {
  const [name, capacity] = [columnIndex(table.columns, 'name'), columnIndex(table.columns, 'capacity')];
  if (name < 0 || capacity < 0) return;
  const rows = new Map<string, RowRef>();
  table.rows.forEach((cells, index) => {
    const pvc = cellText(cells[name]);
    const bytes = quantityBytes(cellText(cells[capacity]) ?? '');
    if (!pvc || !bytes) return;
    ctx.tracker.pvcCapacities.set(pvc, bytes);
    rows.set(pvc, { index, headerLines });
  });
  measureStorage(ctx, [...rows.keys()], rows);
}

export function recordDatabaseSize(data: PostgresDatabaseSizeData, ctx: MeasureContext): void {
  ctx.tracker.databaseSizes.set(data.database ?? '(current database)', data.bytes);
  measureStorage(ctx, [...ctx.tracker.pvcCapacities.keys()]);
}

/** The PVCs that hold a group's database: named like its pods (`data-postgresql-0` for pod `postgresql-0`). */
export function databaseVolumes(groups: readonly ThresholdGroup[], pvcs: readonly string[]): string[] {
  const databaseGroups = groups.filter((g) => g.component === 'postgres');
  return pvcs.filter((pvc) => {
    const pod = pvc.replace(/^[^-]+-/, '');
    return databaseGroups.some((g) => groupsForPod([g], pvc).length > 0 || groupsForPod([g], pod).length > 0);
  });
}

/** `rows`: where this command printed the PVCs, when it printed them. */
function measureStorage(ctx: MeasureContext, pvcs: readonly string[], rows?: ReadonlyMap<string, RowRef>): void {
  const sizes = [...ctx.tracker.databaseSizes.entries()];
  if (!sizes.length) return;
  for (const pvc of databaseVolumes(ctx.groups, pvcs)) {
    const capacity = ctx.tracker.pvcCapacities.get(pvc);
    if (!capacity) continue;
    ctx.samples.push({ select: { pvc }, measurement: { ...storageMeasurement(sizes, pvc, capacity), row: rows?.get(pvc), command: ctx.commandIndex } });
  }
}

/** The databases' sizes added up (name, bytes) over the capacity of the volume that holds them. */
export function storageMeasurement(sizes: readonly (readonly [string, number])[], pvc: string, capacity: number): Measurement {
  const used = sizes.reduce((sum, [, b]) => sum + b, 0);
  const names = sizes.map(([n]) => n).join(', ');
  return { component: 'postgres', metric: 'storage', value: percent(used, capacity), unit: '%', subject: pvc, detail: `${formatBytes(used)} (${names}) of ${formatBytes(capacity)} (PVC ${pvc})` };
}
