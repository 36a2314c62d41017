// Measuring a cell: every structured item its commands emitted, turned into
// samples (values with what they are about) and built-in findings.

import type { CellResult } from '../../results/cellResult';
import type { CommandResult, Target } from '../../results/commandResult';
import type { PrintedRows, ToolData } from '../../results/toolData';
import type { BreachTracker } from '../tracker';
import type { ThresholdGroup } from '../types';
import { measurePostgres, measureHttp, measureRedis } from './connections';
import { measureHpaObject, measureHpaTable } from './hpa';
import { measureTopPods } from './pods';
import { measurePodRows, type PodRow } from './podStatus';
import { cellText, type FoundFinding, type MeasureContext, type Sample } from './sample';
import { recordDatabaseSize, recordPvcTable } from './storage';

export type { FoundFinding, Sample, Selector } from './sample';

export function measureCell(result: CellResult, groups: readonly ThresholdGroup[], tracker: BreachTracker): { samples: Sample[]; findings: FoundFinding[] } {
  const samples: Sample[] = [];
  const findings: FoundFinding[] = [];
  (result.commands ?? []).forEach((command, commandIndex) => {
    if (!command.data?.length) return;
    measureCommand(command.data, { groups, tracker, command, commandIndex, samples, findings });
  });
  return { samples, findings };
}

/**
 * What a reader outside a cell (the health view) got, as the tools' structured data, measured exactly as a
 * cell's command with that data and target would be.
 */
export function measureToolData(data: readonly ToolData[], target: Target | undefined, groups: readonly ThresholdGroup[], tracker: BreachTracker, at = new Date()): { samples: Sample[]; findings: FoundFinding[] } {
  const samples: Sample[] = [];
  const findings: FoundFinding[] = [];
  const command: CommandResult = { command: '', tool: target?.kind ?? '', status: 'ok', exitCode: 0, startedAt: at.toISOString(), durationMs: 0, ...(target ? { target } : {}) };
  measureCommand(data, { groups, tracker, command, commandIndex: 0, samples, findings });
  return { samples, findings };
}

function measureCommand(data: readonly ToolData[], ctx: MeasureContext): void {
  // Lines of table output so far: kubectl get prints its tables (and -w its events' rows) one after another.
  let printed = 0;
  const rowsStart = (rows: PrintedRows): number => {
    const headerLines = printed + rows.headerLines;
    printed = headerLines + rows.rows.length;
    return headerLines;
  };
  // kubectl get pods -w: the first table, then watch events that update its rows.
  let podColumns: string[] | undefined;
  const podRows = new Map<string, PodRow>();
  const setPodRows = (rows: PrintedRows, deleted = false) => {
    const headerLines = rowsStart(rows);
    rows.rows.forEach((cells, index) => {
      const name = cellText(cells[0]) ?? '';
      if (deleted) podRows.delete(name);
      else podRows.set(name, { cells, row: { index, headerLines } });
    });
  };
  for (const item of data) {
    switch (item.kind) {
      case 'top-pods':
        measureTopPods(item, ctx);
        break;
      case 'table':
        if (item.resource === 'pods') {
          podColumns = item.columns;
          setPodRows(item);
        } else if (item.resource === 'horizontalpodautoscalers') measureHpaTable(item, rowsStart(item), ctx);
        else if (item.resource === 'persistentvolumeclaims') recordPvcTable(item, rowsStart(item), ctx);
        else rowsStart(item);
        break;
      case 'watch-event':
        if (podColumns) setPodRows(item, item.type === 'DELETED');
        else rowsStart(item);
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
