// kubectl get -w: after the list, rows arrive as the server reports changes,
// aligned with what was already printed, until the cell is stopped. With an
// object printer (go-template), each object is printed on its own.

import { flagString } from '../args';
import { TABLE_ACCEPT } from '../../../connections/kubeConnection';
import { resourcePath } from '../discovery';
import { tableCells, tableData, type Table, type TableOptions } from '../printers/table';
import type { TabWriter } from '../../../text';
import { KubectlStreamCut, type KubectlRun } from '../session';
import type { TargetGroup } from '../targets';
import type { KubeObject } from '../printers/objects';
import { watchEventReader } from '../watchEvents';

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
  const fieldSelector = group.names.length === 1 ? [query.fieldSelector, `metadata.name=${group.names[0]}`].filter(Boolean).join(',') : query.fieldSelector;
  let headerPending = !options.noHeaders;
  let buffer = '';
  await untilCut(run, run.stream(
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
  ));
  return 0;
}

/**
 * `kubectl get -w -o go-template=...`: each listed object (unless --watch-only),
 * then each object the server reports, printed one at a time until stopped.
 */
export async function watchObjects(
  run: KubectlRun,
  group: TargetGroup,
  namespace: string,
  all: boolean,
  query: { labelSelector?: string; fieldSelector?: string },
  output: { listFirst: boolean; print: (object: KubeObject) => void },
): Promise<number> {
  const path = resourcePath(group.type, all ? undefined : namespace);
  const fieldSelector = group.names.length === 1 ? [query.fieldSelector, `metadata.name=${group.names[0]}`].filter(Boolean).join(',') : query.fieldSelector;
  const list = await run.json<{ items: KubeObject[]; metadata?: { resourceVersion?: string } }>({ path, query: { labelSelector: query.labelSelector, fieldSelector } });
  const apiVersion = group.type.group ? `${group.type.group}/${group.type.version}` : group.type.version;
  if (output.listFirst) for (const item of list.items) output.print({ apiVersion, kind: group.type.kind, ...item });
  await untilCut(run, run.stream(
    { path, query: { labelSelector: query.labelSelector, fieldSelector, watch: 1, resourceVersion: list.metadata?.resourceVersion, allowWatchBookmarks: true }, signal: run.ctx.signal },
    watchEventReader<KubeObject>((event) => {
      if (event.type === 'BOOKMARK' || event.type === 'ERROR') return;
      output.print(event.object);
    }),
  ));
  return 0;
}

/** A watch whose connection is cut (the server went down) ends as kubectl's does: quietly, with exit code 0, not reconnected. */
export async function untilCut(run: KubectlRun, watching: Promise<void>): Promise<void> {
  try {
    await watching;
  } catch (error) {
    if (!(error instanceof KubectlStreamCut)) throw error;
    run.ctx.note('The connection to the API server closed and the watch ended, as kubectl\'s does. Run the cell again to watch again once the server is back.');
  }
}
