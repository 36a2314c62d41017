// Watch streams: chunked newline-delimited {"type","object"} events, replay from a
// resourceVersion, BOOKMARKs on request, and one-row Tables for kubectl get -w.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimContext } from './context';
import { expired } from './errors';
import { apiVersionOf, resourceKey, type ResourceType } from './resources';
import type { StoreEvent } from './store';
import { toTable, type IncludeObject } from './tables';
import type { Json, KubeObject } from './util';

export interface WatchParams {
  rt: ResourceType;
  ns: string | undefined;
  match: (o: KubeObject) => boolean;
  resourceVersion: string | null;
  allowBookmarks: boolean;
  timeoutSeconds: number;
  sendInitialEvents: boolean;
  /** Set when the client asked for Table output. */
  table?: IncludeObject;
}

/** When the first bookmark is sent, and how often after that, when the client allows them. */
export const FIRST_BOOKMARK_MS = 1_000;
export const BOOKMARK_INTERVAL_MS = 10_000;

export function serveWatch(ctx: SimContext, req: IncomingMessage, res: ServerResponse, p: WatchParams): void {
  const key = resourceKey(p.rt);
  let sentColumns = false;
  let closed = false;
  const encode = (type: string, obj: Json): string => {
    let object: Json = obj;
    if (p.table && type !== 'BOOKMARK' && type !== 'ERROR') {
      object = toTable(p.rt, [obj], {
        include: p.table,
        resourceVersion: obj.metadata.resourceVersion ?? '',
        withColumns: !sentColumns,
      });
      sentColumns = true;
    }
    return `${JSON.stringify({ type, object })}\n`;
  };
  const write = (type: string, obj: Json) => {
    if (!closed) res.write(encode(type, obj));
  };
  const inScope = (o: KubeObject) => p.ns === undefined || o.metadata.namespace === p.ns;
  const deliver = (e: StoreEvent) => {
    if (e.key !== key || !inScope(e.object)) return;
    const now = p.match(e.object);
    const before = e.old ? p.match(e.old) : false;
    if (e.type === 'ADDED' && now) write('ADDED', e.object);
    else if (e.type === 'DELETED' && before) write('DELETED', e.object);
    else if (e.type === 'MODIFIED') {
      if (now && before) write('MODIFIED', e.object);
      else if (now) write('ADDED', e.object);
      else if (before) write('DELETED', e.object);
    }
  };
  const bookmark = (annotations?: Record<string, string>) => {
    const metadata: Json = { resourceVersion: String(ctx.store.currentRv()) };
    if (annotations) metadata.annotations = annotations;
    write('BOOKMARK', { kind: p.rt.kind, apiVersion: apiVersionOf(p.rt), metadata });
  };

  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
  res.flushHeaders();
  ctx.streams.add(res);

  const rv = p.resourceVersion;
  if (!rv || rv === '0' || p.sendInitialEvents) {
    ctx.store.scan(key, p.ns, (o) => {
      if (p.match(o)) write('ADDED', o);
    });
    if (p.sendInitialEvents && p.allowBookmarks) bookmark({ 'k8s.io/initial-events-end': 'true' });
  } else {
    const history = ctx.store.since(Number(rv));
    // A version newer than any this server issued comes from another store (a
    // simulator restarted on the same port): its changes are not in this
    // history either, so it is answered like a version older than the history.
    if (!history || Number(rv) > ctx.store.currentRv()) {
      const err = expired(`too old resource version: ${rv} (${ctx.store.currentRv()})`);
      write('ERROR', err.status);
      res.end();
      ctx.streams.delete(res);
      return;
    }
    for (const e of history) deliver(e);
  }

  const unsubscribe = ctx.store.subscribe(deliver);
  let stopBookmarks: () => void = () => undefined;
  if (p.allowBookmarks && !p.table) {
    ctx.timers.after(FIRST_BOOKMARK_MS, () => {
      if (closed) return;
      bookmark();
      stopBookmarks = ctx.timers.every(BOOKMARK_INTERVAL_MS, () => bookmark());
    });
  }
  const cleanup = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    stopBookmarks();
    ctx.streams.delete(res);
    if (!res.writableEnded) res.end();
  };
  ctx.timers.after(p.timeoutSeconds * 1000, cleanup);
  req.on('close', cleanup);
  res.on('close', cleanup);
}
