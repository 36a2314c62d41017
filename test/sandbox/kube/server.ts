// HTTP routing of the Kubernetes REST API: version, discovery, OpenAPI, and the
// resource paths /api/v1/... and /apis/<group>/<version>/... with their verbs.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, authorize, verbOf } from './auth';
import type { SimContext } from './context';
import { CUSTOM_METRICS_GROUP, customMetricsRead } from './custommetrics';
import { aggregatedDiscovery, AGGREGATED_CONTENT_TYPE, apiGroup, apiGroupList, apiResourceList, apiVersions, VERSION_INFO } from './discovery';
import * as errors from './errors';
import { isSyntaxError, parseJson } from './jsonerror';
import { serveLogs } from './logs';
import { metricsRead } from './metrics';
import { openApiV2, openApiV3Document, openApiV3Index, parseV3Path } from './openapi';
import { patchObject, patchScale, toScale, writeScale } from './patching';
import { apiVersionOf, type ResourceType } from './resources';
import { gr, Rest, type WriteOptions } from './rest';
import { parseIncludeObject, toTable } from './tables';
import type { Json, KubeObject } from './util';
import { serveWatch } from './watch';

class NotFoundPage extends Error {}

function sendJson(res: ServerResponse, code: number, body: Json, contentType = 'application/json'): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache, private' });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 3 * 1024 * 1024) reject(errors.badRequest('request entity too large: limit is 3145728'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function decodeBody(text: string): Json {
  if (!text.trim()) return undefined;
  try {
    return parseJson(text);
  } catch (e) {
    throw errors.badRequest(`${isSyntaxError(e) ? e.message : String(e)}`);
  }
}

interface Target {
  rt: ResourceType;
  ns?: string;
  name?: string;
  sub?: string;
  watch: boolean;
}

export class ApiServer {
  private readonly rest: Rest;

  constructor(private readonly ctx: SimContext) {
    this.rest = new Rest(ctx);
  }

  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    this.route(req, res).catch((err) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof errors.ApiError) sendJson(res, err.code, err.status);
      else if (err instanceof NotFoundPage) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
        res.end('404 page not found\n');
      } else {
        console.error('[kube-sim] internal error:', err);
        sendJson(res, 500, errors.internalError(String(err instanceof Error ? err.message : err)).status);
      }
    });
  };

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const user = authenticate(req);
    if (user instanceof errors.ApiError) throw user;
    const accept = req.headers.accept ?? '';
    const aggregated = accept.includes('as=APIGroupDiscoveryList');
    const reg = this.ctx.registry;
    if (path === '/version') return sendJson(res, 200, VERSION_INFO);
    if (path === '/healthz' || path === '/livez' || path === '/readyz') {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      return void res.end('ok');
    }
    if (path === '/api') {
      return aggregated ? sendJson(res, 200, aggregatedDiscovery(reg, true), AGGREGATED_CONTENT_TYPE) : sendJson(res, 200, apiVersions(req.headers.host ?? ''));
    }
    if (path === '/apis') {
      return aggregated ? sendJson(res, 200, aggregatedDiscovery(reg, false), AGGREGATED_CONTENT_TYPE) : sendJson(res, 200, apiGroupList(reg));
    }
    if (path === '/openapi/v3') return sendJson(res, 200, openApiV3Index(reg));
    if (path.startsWith('/openapi/v3/')) {
      const gv = parseV3Path(path);
      const doc = gv && openApiV3Document(reg, gv.group, gv.version);
      if (!doc) throw new NotFoundPage();
      return sendJson(res, 200, doc);
    }
    if (path === '/openapi/v2') return sendJson(res, 200, openApiV2(reg));
    const segs = path.split('/').filter(Boolean).map(decodeURIComponent);
    let group: string;
    let version: string;
    let rest: string[];
    if (segs[0] === 'api' && segs.length >= 2) [group, version, rest] = ['', segs[1], segs.slice(2)];
    else if (segs[0] === 'apis' && segs.length === 2) {
      const g = apiGroup(reg, segs[1]);
      if (!g) throw new NotFoundPage();
      return sendJson(res, 200, g);
    } else if (segs[0] === 'apis' && segs.length >= 3) [group, version, rest] = [segs[1], segs[2], segs.slice(3)];
    else throw new NotFoundPage();
    if (!rest.length) {
      const list = apiResourceList(reg, group, version);
      if (!list) throw new NotFoundPage();
      return sendJson(res, 200, list);
    }
    if (group === CUSTOM_METRICS_GROUP && apiResourceList(reg, group, version)) {
      if (req.method !== 'GET') throw errors.methodNotSupported({ group, resource: rest[2] ?? '' }, (req.method ?? '').toLowerCase());
      return sendJson(res, 200, customMetricsRead(this.ctx, version, rest, url.searchParams));
    }
    const target = this.target(group, version, rest);
    const verb = verbOf(req.method ?? 'GET', target.name, target.watch || url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1');
    const denied = authorize(user, verb, target.rt, target.ns, target.name, target.sub);
    if (denied) throw denied;
    return this.resource(req, res, url, target);
  }

  private target(group: string, version: string, input: string[]): Target {
    let segs = input;
    const watch = segs[0] === 'watch';
    if (watch) segs = segs.slice(1);
    let ns: string | undefined;
    let plural: string;
    let name: string | undefined;
    let sub: string | undefined;
    const namespaceSub = segs.length === 3 && ['status', 'finalize'].includes(segs[2]);
    if (segs[0] === 'namespaces' && segs.length >= 3 && !namespaceSub) [ns, plural, name, sub] = [segs[1], segs[2], segs[3], segs[4]];
    else [plural, name, sub] = [segs[0], segs[1], segs[2]];
    const rt = this.ctx.registry.find(group, version, plural);
    if (!rt && this.ctx.registry.groupVersions().some((gv) => gv.group === group && gv.version === version)) {
      throw errors.genericResponse(404);
    }
    if (!rt || (ns !== undefined && !rt.namespaced) || (sub && !rt.subresources.includes(sub)) || segs.length > (ns !== undefined ? 5 : 3)) {
      throw new NotFoundPage();
    }
    return { rt, ns, name, sub, watch };
  }

  private async resource(req: IncomingMessage, res: ServerResponse, url: URL, t: Target): Promise<void> {
    const q = url.searchParams;
    const { rt, ns, name, sub } = t;
    const method = req.method ?? 'GET';
    const table = (req.headers.accept ?? '').includes('as=Table') ? parseIncludeObject(q.get('includeObject')) : undefined;
    const opts: WriteOptions = { dryRun: q.getAll('dryRun').includes('All'), subresource: sub === 'status' ? 'status' : undefined };
    const listQuery = { labelSelector: q.get('labelSelector'), fieldSelector: q.get('fieldSelector') };

    if (rt.virtual) {
      if (method !== 'GET') throw errors.methodNotSupported(gr(rt), method.toLowerCase());
      const match = this.rest.matcher({ ...rt, custom: true }, listQuery);
      return sendJson(res, 200, metricsRead(this.ctx, rt.plural, ns, name, match));
    }

    if (method === 'GET') {
      if (name && sub === 'log') return serveLogs(this.ctx, req, res, this.rest.get(rt, ns, name), q);
      if (name && sub === 'scale') return sendJson(res, 200, toScale(rt, this.rest.get(rt, ns, name)));
      if (name) {
        const obj = this.rest.get(rt, ns, name);
        return sendJson(res, 200, table ? toTable(rt, [obj], { include: table, resourceVersion: obj.metadata.resourceVersion ?? '' }) : obj);
      }
      const match = this.rest.matcher(rt, listQuery);
      if (t.watch || q.get('watch') === 'true' || q.get('watch') === '1') {
        const timeout = Number(q.get('timeoutSeconds') ?? NaN);
        return serveWatch(this.ctx, req, res, {
          rt,
          ns,
          match,
          resourceVersion: q.get('resourceVersion'),
          allowBookmarks: q.get('allowWatchBookmarks') === 'true',
          sendInitialEvents: q.get('sendInitialEvents') === 'true',
          timeoutSeconds: Number.isFinite(timeout) && timeout > 0 ? timeout : 1800,
          table,
        });
      }
      const limit = Number(q.get('limit') ?? 0);
      const result = this.rest.list(rt, ns, { ...listQuery, limit: Number.isFinite(limit) ? limit : 0, continueToken: q.get('continue') });
      if (table) {
        return sendJson(res, 200, toTable(rt, result.items, { include: table, resourceVersion: result.resourceVersion, continueToken: result.continueToken, remaining: result.remaining }));
      }
      return sendJson(res, 200, this.listBody(rt, result.items, result.resourceVersion, result.continueToken, result.remaining));
    }

    const body = await readBody(req);
    const media = (req.headers['content-type'] ?? '').split(';')[0].trim();
    if (media === 'application/vnd.kubernetes.protobuf' || media === 'application/cbor') {
      throw errors.unsupportedMediaType(media, ['application/json', 'application/yaml']);
    }
    if (method === 'POST' && !name) return sendJson(res, 201, this.rest.create(rt, ns, decodeBody(body), opts));
    if (method === 'PUT' && name) {
      if (sub === 'scale') return sendJson(res, 200, writeScale(this.rest, rt, this.rest.get(rt, ns, name), decodeBody(body), opts));
      return sendJson(res, 200, this.rest.update(rt, ns, name, decodeBody(body), opts));
    }
    if (method === 'PATCH' && name) {
      const contentType = req.headers['content-type'];
      if (sub === 'scale') return sendJson(res, 200, patchScale(this.rest, rt, ns, name, contentType, body, opts));
      const r = patchObject(this.rest, rt, ns, name, contentType, body, opts);
      return sendJson(res, r.code, r.body);
    }
    if (method === 'DELETE') {
      const options = { ...(decodeBody(body) ?? {}) };
      if (q.get('propagationPolicy')) options.propagationPolicy = q.get('propagationPolicy');
      if (q.get('gracePeriodSeconds')) options.gracePeriodSeconds = Number(q.get('gracePeriodSeconds'));
      // DeleteOptions in the body may ask for a dry run too (kubectl sends it there).
      const bodyDryRun = (options as { dryRun?: unknown }).dryRun;
      if (Array.isArray(bodyDryRun) && bodyDryRun.includes('All')) opts.dryRun = true;
      if (name) {
        const r = this.rest.delete(rt, ns, name, options, opts.dryRun);
        return sendJson(res, r.code, r.body);
      }
      const doomed = this.rest.list(rt, ns, listQuery).items;
      const gone = doomed.map((o) => this.rest.delete(rt, ns, o.metadata.name ?? '', options, opts.dryRun).body as KubeObject);
      return sendJson(res, 200, this.listBody(rt, gone.filter((o) => o.kind !== 'Status'), String(this.ctx.store.currentRv())));
    }
    throw errors.methodNotSupported(gr(rt), method.toLowerCase());
  }

  private listBody(rt: ResourceType, items: readonly KubeObject[], resourceVersion: string, continueToken?: string, remaining?: number): Json {
    const metadata: Json = { resourceVersion };
    if (continueToken) metadata.continue = continueToken;
    if (remaining) metadata.remainingItemCount = remaining;
    const typed = !rt.custom;
    return {
      kind: rt.listKind,
      apiVersion: apiVersionOf(rt),
      metadata,
      items: items.map((o) => {
        if (!typed) return o;
        const { apiVersion: _a, kind: _k, ...rest } = o;
        void _a;
        void _k;
        return rest;
      }),
    };
  }
}
