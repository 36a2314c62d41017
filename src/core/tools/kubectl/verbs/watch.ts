// kubectl get -w: after the list, rows arrive as the server reports changes,
// aligned with what was already printed, until the cell is stopped.

import { flagString } from '../args';
import { TABLE_ACCEPT } from '../connection';
import { resourcePath } from '../discovery';
import { tableCells, tableData, type Table, type TableOptions } from '../printers/table';
import type { TabWriter } from '../../../text';
import { serverError, type KubectlRun } from '../session';
import type { TargetGroup } from '../targets';

interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: Table | { kind?: string; message?: string };
}

export async function watchTable(
  run: KubectlRun,
  group: TargetGroup,
  namespace: string,
  all: boolean,
  query: { labelSelector?: string; fieldSelector?: string },
  resourceVersion: string | undefined,
  writer: TabWriter,
  options: TableOptions,
): Promise<number> {
  const connection = await run.connection();
  const fieldSelector = group.names.length === 1 ? [query.fieldSelector, `metadata.name=${group.names[0]}`].filter(Boolean).join(',') : query.fieldSelector;
  let headerPending = !options.noHeaders;
  let buffer = '';
  const result = await connection.stream(
    {
      path: resourcePath(group.type, all ? undefined : namespace),
      accept: TABLE_ACCEPT,
      query: { labelSelector: query.labelSelector ?? flagString(run.args, 'selector'), fieldSelector, watch: 1, resourceVersion, allowWatchBookmarks: true },
      signal: run.ctx.signal,
    },
    (chunk) => {
      buffer += chunk;
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (!line) continue;
        const event = JSON.parse(line) as WatchEvent;
        if (event.type === 'BOOKMARK' || event.object.kind !== 'Table') continue;
        const table = event.object as Table;
        run.ctx.stdout.write(writer.formatRows(tableCells(table, options, headerPending)));
        run.ctx.emit({ kind: 'watch-event', type: event.type, rows: tableData(table, options.wide).rows, headerLines: Number(headerPending) });
        headerPending = false;
      }
    },
  );
  if (result.status >= 400) throw serverError({ status: result.status, headers: {}, text: result.text ?? '' });
  return 0;
}
