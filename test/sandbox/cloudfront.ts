// A CloudFront-compatible endpoint (REST/XML, API 2020-05-31) with one
// TikTokToe distribution: list/get distributions, get and update the
// distribution config with CloudFront's ETag / If-Match rules, and create and
// read invalidations. Signatures are not checked. Enough for
// `aws cloudfront ... --endpoint-url` and the SDKs.
import { randomUUID, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { wallClock, type Clock } from './clock';
import { child, childText, el, parseXml, serializeXml, XmlError, type XmlElement } from './cloudfront-xml';
import { SEED_DISTRIBUTION_CONFIG } from './cloudfront-seed';
import { freePort } from './processes';

export const API_VERSION = '2020-05-31';
const NS = `http://cloudfront.amazonaws.com/doc/${API_VERSION}/`;
/** Seconds-scale stand-ins for CloudFront's minutes: InProgress, then Deployed / Completed. */
export const DEPLOY_MS = 1500;

export interface CloudFrontEndpoint {
  url: string;
  port: number;
  distributionId: string;
  domainName: string;
  stop(): Promise<void>;
}

interface Invalidation {
  id: string;
  created: Date;
  batch: XmlElement;
}

interface Distribution {
  id: string;
  domainName: string;
  config: XmlElement;
  etag: string;
  lastModified: Date;
  deployedAt: number;
  invalidations: Invalidation[];
}

class CloudFrontError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

const ACCOUNT = '123456789012';
const newId = (prefix: string, length: number) =>
  prefix + Array.from(randomBytes(length), (b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[b % 36]).join('');

function status(d: Distribution, now: number): string {
  return now >= d.deployedAt ? 'Deployed' : 'InProgress';
}

function distributionXml(d: Distribution, now: number): XmlElement {
  return el('Distribution', [
    el('Id', d.id),
    el('ARN', `arn:aws:cloudfront::${ACCOUNT}:distribution/${d.id}`),
    el('Status', status(d, now)),
    el('LastModifiedTime', d.lastModified.toISOString()),
    el('InProgressInvalidationBatches', d.invalidations.filter((i) => invalidationStatus(i, now) === 'InProgress').length),
    el('DomainName', d.domainName),
    el('ActiveTrustedSigners', [el('Enabled', false), el('Quantity', 0)]),
    el('ActiveTrustedKeyGroups', [el('Enabled', false), el('Quantity', 0)]),
    d.config,
  ]);
}

const SUMMARY_FIELDS = [
  'Aliases', 'Origins', 'OriginGroups', 'DefaultCacheBehavior', 'CacheBehaviors', 'CustomErrorResponses',
  'Comment', 'PriceClass', 'Enabled', 'ViewerCertificate', 'Restrictions', 'WebACLId', 'HttpVersion',
  'IsIPV6Enabled', 'Staging',
];

function summaryXml(d: Distribution, now: number): XmlElement {
  return el('DistributionSummary', [
    el('Id', d.id),
    el('ARN', `arn:aws:cloudfront::${ACCOUNT}:distribution/${d.id}`),
    el('ETag', d.etag),
    el('Status', status(d, now)),
    el('LastModifiedTime', d.lastModified.toISOString()),
    el('DomainName', d.domainName),
    ...SUMMARY_FIELDS.flatMap((f) => {
      const c = child(d.config, f);
      return c ? [c] : [];
    }),
  ]);
}

function invalidationStatus(i: Invalidation, now: number): string {
  return now - i.created.getTime() >= DEPLOY_MS ? 'Completed' : 'InProgress';
}

function invalidationXml(i: Invalidation, now: number): XmlElement {
  return el('Invalidation', [el('Id', i.id), el('Status', invalidationStatus(i, now)), el('CreateTime', i.created.toISOString()), i.batch]);
}

/** Checks an UpdateDistribution body the way CloudFront's validation would, coarsely. */
function validateConfig(body: string, current: XmlElement | undefined): XmlElement {
  if (body.trim() === '') throw new CloudFrontError(400, 'MissingBody', 'This operation requires a body. Ensure that the body is present and the Content-Type header is set.');
  let config: XmlElement;
  try {
    config = parseXml(body);
  } catch (err) {
    throw new CloudFrontError(400, 'MalformedInput', `Could not parse XML: ${(err as XmlError).message}`);
  }
  if (config.name !== 'DistributionConfig') {
    throw new CloudFrontError(400, 'MalformedInput', `Unexpected root element ${config.name}; expected DistributionConfig`);
  }
  for (const required of ['CallerReference', 'Origins', 'DefaultCacheBehavior', 'Comment', 'Enabled']) {
    if (!child(config, required)) throw new CloudFrontError(400, 'InvalidArgument', `1 validation error detected: Value null at '${required}' failed to satisfy constraint: Member must not be null`);
  }
  const origins = child(config, 'Origins')!;
  const items = child(origins, 'Items')?.children ?? [];
  if (Number(childText(origins, 'Quantity')) !== items.length) {
    throw new CloudFrontError(400, 'InconsistentQuantities', 'The value of Quantity and the size of Items don\'t match.');
  }
  const target = childText(child(config, 'DefaultCacheBehavior')!, 'TargetOriginId');
  if (!items.some((o) => childText(o, 'Id') === target)) {
    throw new CloudFrontError(400, 'NoSuchOrigin', `One or more of your origins or origin groups do not exist (${target}).`);
  }
  if (current && childText(config, 'CallerReference') !== childText(current, 'CallerReference')) {
    throw new CloudFrontError(400, 'IllegalUpdate', 'The value of CallerReference can not be changed.');
  }
  return config;
}

function send(res: ServerResponse, code: number, body: XmlElement | undefined, headers: Record<string, string> = {}): void {
  const text = body ? `<?xml version="1.0"?>\n${serializeXml(body, NS)}` : '';
  res.writeHead(code, {
    'content-type': 'text/xml',
    'content-length': String(Buffer.byteLength(text)),
    'x-amz-request-id': randomUUID(),
    ...headers,
  });
  res.end(text);
}

function sendError(res: ServerResponse, err: CloudFrontError): void {
  const requestId = randomUUID();
  send(
    res,
    err.status,
    el('ErrorResponse', [el('Error', [el('Type', 'Sender'), el('Code', err.code), el('Message', err.message)]), el('RequestId', requestId)]),
    { 'x-amz-request-id': requestId },
  );
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function createDistributionStore(now: number) {
  const seed = parseXml(SEED_DISTRIBUTION_CONFIG);
  const first: Distribution = {
    id: 'E2TIKTOKTOE01',
    domainName: 'd1tiktoktoe01.cloudfront.net',
    config: seed,
    etag: newId('E', 13),
    lastModified: new Date(now - 7 * 24 * 3600 * 1000),
    deployedAt: 0,
    invalidations: [],
  };
  return new Map<string, Distribution>([[first.id, first]]);
}

async function handle(store: Map<string, Distribution>, now: number, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://cloudfront');
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== API_VERSION || parts[1] !== 'distribution') {
    throw new CloudFrontError(404, 'InvalidArgument', `No such operation: ${req.method} ${url.pathname}`);
  }
  const method = req.method ?? 'GET';
  if (parts.length === 2 && method === 'GET') {
    const all = [...store.values()];
    return send(res, 200, el('DistributionList', [
      el('Marker', url.searchParams.get('Marker') ?? ''),
      el('MaxItems', Number(url.searchParams.get('MaxItems') ?? 100)),
      el('IsTruncated', false),
      el('Quantity', all.length),
      el('Items', all.map((d) => summaryXml(d, now))),
    ]));
  }
  const d = store.get(parts[2] ?? '');
  if (!d) throw new CloudFrontError(404, 'NoSuchDistribution', 'The specified distribution does not exist.');
  const rest = parts.slice(3).join('/');

  if (rest === '' && method === 'GET') return send(res, 200, distributionXml(d, now), { ETag: d.etag });
  if (rest === 'config' && method === 'GET') return send(res, 200, d.config, { ETag: d.etag });
  if (rest === 'config' && method === 'PUT') {
    const ifMatch = req.headers['if-match'];
    const body = await readBody(req);
    if (!ifMatch) throw new CloudFrontError(400, 'InvalidIfMatchVersion', 'The If-Match version is missing or not valid for the resource.');
    if (ifMatch !== d.etag) {
      throw new CloudFrontError(412, 'PreconditionFailed', "The request failed because it didn't meet the preconditions in one or more request-header fields.");
    }
    d.config = validateConfig(body, d.config);
    d.etag = newId('E', 13);
    d.lastModified = new Date(now);
    d.deployedAt = now + DEPLOY_MS;
    return send(res, 200, distributionXml(d, now), { ETag: d.etag });
  }
  if (parts[3] === 'invalidation') {
    if (parts.length === 4 && method === 'POST') {
      const body = await readBody(req);
      if (body.trim() === '') throw new CloudFrontError(400, 'MissingBody', 'This operation requires a body. Ensure that the body is present and the Content-Type header is set.');
      let batch: XmlElement;
      try {
        batch = parseXml(body);
      } catch (err) {
        throw new CloudFrontError(400, 'MalformedInput', `Could not parse XML: ${(err as Error).message}`);
      }
      const paths = child(batch, 'Paths');
      const items = paths ? child(paths, 'Items')?.children ?? [] : [];
      if (batch.name !== 'InvalidationBatch' || !paths || !childText(batch, 'CallerReference')) {
        throw new CloudFrontError(400, 'InvalidArgument', 'InvalidationBatch needs Paths and CallerReference.');
      }
      if (Number(childText(paths, 'Quantity')) !== items.length) {
        throw new CloudFrontError(400, 'InconsistentQuantities', 'The value of Quantity and the size of Items don\'t match.');
      }
      const same = d.invalidations.find((i) => childText(i.batch, 'CallerReference') === childText(batch, 'CallerReference'));
      const inv = same ?? { id: newId('I', 13), created: new Date(now), batch };
      if (!same) d.invalidations.unshift(inv);
      const location = `http://${req.headers.host}/${API_VERSION}/distribution/${d.id}/invalidation/${inv.id}`;
      return send(res, 201, invalidationXml(inv, now), { Location: location });
    }
    if (parts.length === 4 && method === 'GET') {
      return send(res, 200, el('InvalidationList', [
        el('Marker', ''),
        el('MaxItems', 100),
        el('IsTruncated', false),
        el('Quantity', d.invalidations.length),
        el('Items', d.invalidations.map((i) =>
          el('InvalidationSummary', [el('Id', i.id), el('CreateTime', i.created.toISOString()), el('Status', invalidationStatus(i, now))]))),
      ]));
    }
    if (parts.length === 5 && method === 'GET') {
      const inv = d.invalidations.find((i) => i.id === parts[4]);
      if (!inv) throw new CloudFrontError(404, 'NoSuchInvalidation', 'The specified invalidation does not exist.');
      return send(res, 200, invalidationXml(inv, now));
    }
  }
  throw new CloudFrontError(405, 'InvalidArgument', `Unsupported operation: ${method} ${url.pathname}`);
}

/** `clock`: where statuses, creation and modification times come from (default: the wall clock). */
export async function startCloudFront(opts: { clock?: Clock } = {}): Promise<CloudFrontEndpoint> {
  const clock = opts.clock ?? wallClock;
  const store = createDistributionStore(clock());
  const server = createServer((req, res) => {
    handle(store, clock(), req, res).catch((err: unknown) => {
      if (err instanceof CloudFrontError) sendError(res, err);
      else sendError(res, new CloudFrontError(500, 'InternalError', err instanceof Error ? err.message : String(err)));
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const [d] = store.values();
  let stopped = false;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    distributionId: d!.id,
    domainName: d!.domainName,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
