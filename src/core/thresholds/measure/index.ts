// Measuring a cell: every structured item its commands emitted, turned into
// samples (values with what they are about) and built-in findings.

import type { CellResult } from '../../results/cellResult';
import type { BreachTracker } from '../tracker';
import type { ThresholdGroup } from '../types';
import { measurePostgres, measureHttp, measureRedis } from './connections';
import { measureHpaObject, measureHpaTable } from './hpa';
import { measureTopPods } from './pods';
import { measurePodRows } from './podStatus';
import { str, type Data, type FoundFinding, type MeasureContext, type Sample } from './sample';
import { recordDatabaseSize, recordPvcTable } from './storage';

export type { FoundFinding, Sample, Selector } from './sample';

export function measureCell(result: CellResult, groups: readonly ThresholdGroup[], tracker: BreachTracker): { samples: Sample[]; findings: FoundFinding[] } {
  const samples: Sample[] = [];
  const findings: FoundFinding[] = [];
  (result.commands ?? []).forEach((command, commandIndex) => {
    if (!command.data?.length) return;
    const ctx: MeasureContext = { groups, tracker, command, commandIndex, samples, findings };
    measureCommand(command.data as Data[], ctx);
  });
  return { samples, findings };
}

function measureCommand(data: readonly Data[], ctx: MeasureContext): void {
  // kubectl get pods -w: the first table, then watch events that update its rows.
  let podColumns: string[] | undefined;
  const podRows = new Map<string, unknown[]>();
  for (const item of data) {
    switch (item.kind) {
      case 'top-pods':
        measureTopPods(item, ctx);
        break;
      case 'table': {
        const columns = Array.isArray(item.columns) ? item.columns.map(String) : [];
        const rows = Array.isArray(item.rows) ? (item.rows as unknown[][]) : [];
        if (item.resource === 'horizontalpodautoscalers') measureHpaTable(columns, rows, ctx);
        else if (item.resource === 'persistentvolumeclaims') recordPvcTable(columns, rows, ctx);
        else if (item.resource === 'pods') {
          podColumns = columns;
          for (const row of rows) podRows.set(str(row[0]) ?? '', row);
        }
        break;
      }
      case 'watch-event':
        if (podColumns && Array.isArray(item.rows)) {
          for (const row of item.rows as unknown[][]) {
            if (item.type === 'DELETED') podRows.delete(str(row[0]) ?? '');
            else podRows.set(str(row[0]) ?? '', row);
          }
        }
        break;
      case 'hpa':
        measureHpaObject(item, ctx);
        break;
      case 'postgres-connections':
      case 'postgres-replication':
        measurePostgres(item, ctx);
        break;
      case 'postgres-database-size':
        recordDatabaseSize(item, ctx);
        break;
      case 'redis-memory':
      case 'redis-stats':
        measureRedis(item, ctx);
        break;
      case 'http':
        measureHttp(item, ctx);
        break;
    }
  }
  if (podColumns) measurePodRows(podColumns, podRows, ctx);
}
