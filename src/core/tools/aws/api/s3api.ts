// `aws s3api` operations a runbook uses: listing, reading, writing and
// deleting objects, and a bucket's versioning state.

import { createWriteStream } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3ObjectSummary } from '../../../results/toolData';
import type { AwsCommandTable } from '../context';
import { defineOperation, flagValue } from './operation';
import type { PaginatorSpec } from './paginate';
import type { ParamTable } from './params';
import type { CliObject, CliValue } from './shape';

const BUCKET = { member: 'Bucket', type: 'string', required: true } as const;
const KEY = { member: 'Key', type: 'string', required: true } as const;
const OWNER = { member: 'ExpectedBucketOwner', type: 'string' } as const;
const PAYER = { member: 'RequestPayer', type: 'string' } as const;

const CONDITIONAL_READ: ParamTable = {
  '--if-match': { member: 'IfMatch', type: 'string' },
  '--if-modified-since': { member: 'IfModifiedSince', type: 'timestamp' },
  '--if-none-match': { member: 'IfNoneMatch', type: 'string' },
  '--if-unmodified-since': { member: 'IfUnmodifiedSince', type: 'timestamp' },
  '--range': { member: 'Range', type: 'string' },
  '--version-id': { member: 'VersionId', type: 'string' },
  '--part-number': { member: 'PartNumber', type: 'integer' },
  '--sse-customer-algorithm': { member: 'SSECustomerAlgorithm', type: 'string' },
  '--sse-customer-key': { member: 'SSECustomerKey', type: 'string' },
  '--sse-customer-key-md5': { member: 'SSECustomerKeyMD5', type: 'string' },
  '--checksum-mode': { member: 'ChecksumMode', type: 'string' },
  '--request-payer': PAYER,
  '--expected-bucket-owner': OWNER,
};

const RESPONSE_OVERRIDES: ParamTable = {
  '--response-cache-control': { member: 'ResponseCacheControl', type: 'string' },
  '--response-content-disposition': { member: 'ResponseContentDisposition', type: 'string' },
  '--response-content-encoding': { member: 'ResponseContentEncoding', type: 'string' },
  '--response-content-language': { member: 'ResponseContentLanguage', type: 'string' },
  '--response-content-type': { member: 'ResponseContentType', type: 'string' },
  '--response-expires': { member: 'ResponseExpires', type: 'timestamp' },
};

/** botocore's paginators, with the non-aggregated keys its S3 extras add. */
const LIST_OBJECTS_V2: PaginatorSpec = {
  inputTokens: ['ContinuationToken'],
  outputTokens: ['NextContinuationToken'],
  moreResults: 'IsTruncated',
  limitKey: 'MaxKeys',
  resultKeys: ['Contents', 'CommonPrefixes'],
  nonAggregateKeys: ['RequestCharged', 'Prefix'],
};

const LIST_OBJECT_VERSIONS: PaginatorSpec = {
  inputTokens: ['KeyMarker', 'VersionIdMarker'],
  outputTokens: ['NextKeyMarker', 'NextVersionIdMarker'],
  moreResults: 'IsTruncated',
  limitKey: 'MaxKeys',
  resultKeys: ['Versions', 'DeleteMarkers', 'CommonPrefixes'],
  nonAggregateKeys: ['RequestCharged', 'Prefix'],
};

const objectUrl = (args: readonly string[]) => `s3://${flagValue(args, '--bucket') ?? ''}/${flagValue(args, '--key') ?? ''}`;
const read = () => ({ effect: 'read' as const });

function objectSummaries(list: CliValue | undefined): S3ObjectSummary[] {
  if (!Array.isArray(list)) return [];
  return list.slice(0, 200).map((o) => {
    const obj = (o ?? {}) as CliObject;
    return { key: obj.Key ?? null, size: obj.Size ?? null, lastModified: obj.LastModified ?? null, ...(obj.VersionId !== undefined ? { versionId: obj.VersionId } : {}) };
  });
}

export const s3apiCommands: AwsCommandTable = {
  'list-objects-v2': defineOperation({
    name: 'ListObjectsV2',
    service: 's3',
    paginator: LIST_OBJECTS_V2,
    params: {
      '--bucket': BUCKET,
      '--delimiter': { member: 'Delimiter', type: 'string' },
      '--encoding-type': { member: 'EncodingType', type: 'string' },
      '--max-keys': { member: 'MaxKeys', type: 'integer' },
      '--prefix': { member: 'Prefix', type: 'string' },
      '--continuation-token': { member: 'ContinuationToken', type: 'string' },
      '--fetch-owner': { member: 'FetchOwner', type: 'boolean' },
      '--start-after': { member: 'StartAfter', type: 'string' },
      '--request-payer': PAYER,
      '--expected-bucket-owner': OWNER,
      '--optional-object-attributes': { member: 'OptionalObjectAttributes', type: 'list' },
    },
    plan: read,
    after(result, parsed, ctx) {
      const contents = Array.isArray(result.Contents) ? result.Contents : [];
      ctx.tool.emit({
        kind: 's3-objects',
        bucket: String(parsed.request.Bucket),
        prefix: String(parsed.request.Prefix ?? ''),
        count: contents.length,
        commonPrefixes: Array.isArray(result.CommonPrefixes) ? result.CommonPrefixes.map((p) => (p as CliObject).Prefix ?? null) : [],
        objects: objectSummaries(contents),
        ...(typeof result.NextToken === 'string' ? { nextToken: result.NextToken } : {}),
      });
    },
  }),

  'list-object-versions': defineOperation({
    name: 'ListObjectVersions',
    service: 's3',
    paginator: LIST_OBJECT_VERSIONS,
    params: {
      '--bucket': BUCKET,
      '--delimiter': { member: 'Delimiter', type: 'string' },
      '--encoding-type': { member: 'EncodingType', type: 'string' },
      '--key-marker': { member: 'KeyMarker', type: 'string' },
      '--max-keys': { member: 'MaxKeys', type: 'integer' },
      '--prefix': { member: 'Prefix', type: 'string' },
      '--version-id-marker': { member: 'VersionIdMarker', type: 'string' },
      '--request-payer': PAYER,
      '--expected-bucket-owner': OWNER,
      '--optional-object-attributes': { member: 'OptionalObjectAttributes', type: 'list' },
    },
    plan: read,
    after(result, parsed, ctx) {
      ctx.tool.emit({
        kind: 's3-object-versions',
        bucket: String(parsed.request.Bucket),
        prefix: String(parsed.request.Prefix ?? ''),
        versions: objectSummaries(result.Versions),
        deleteMarkers: objectSummaries(result.DeleteMarkers),
      });
    },
  }),

  'head-object': defineOperation({
    name: 'HeadObject',
    service: 's3',
    params: { '--bucket': BUCKET, '--key': KEY, ...CONDITIONAL_READ, ...RESPONSE_OVERRIDES },
    plan: read,
    after(result, parsed, ctx) {
      ctx.tool.emit({ kind: 's3-object', bucket: String(parsed.request.Bucket), key: String(parsed.request.Key), metadata: result });
    },
  }),

  'get-object': defineOperation({
    name: 'GetObject',
    service: 's3',
    params: { '--bucket': BUCKET, '--key': KEY, ...CONDITIONAL_READ, ...RESPONSE_OVERRIDES },
    positionals: ['outfile'],
    plan: (args) => {
      // Writes a local file, changes nothing remote.
      return { effect: 'read', action: `get-object ${objectUrl(args)}` };
    },
    async call(parsed, ctx, send) {
      const output = await send(parsed.request);
      const outfile = parsed.positionals[0]!;
      const path = isAbsolute(outfile) ? outfile : resolve(ctx.tool.cwd, outfile);
      const body = output.Body as Readable | { transformToByteArray(): Promise<Uint8Array> } | undefined;
      if (body instanceof Readable) await pipeline(body, createWriteStream(path), { signal: ctx.tool.signal });
      else {
        const bytes = body ? await body.transformToByteArray() : new Uint8Array();
        await pipeline(Readable.from([Buffer.from(bytes)]), createWriteStream(path));
      }
      return { output, omit: ['Body'] };
    },
    after(result, parsed, ctx) {
      ctx.tool.emit({ kind: 's3-object', bucket: String(parsed.request.Bucket), key: String(parsed.request.Key), outfile: parsed.positionals[0], metadata: result });
    },
  }),

  'put-object': defineOperation({
    name: 'PutObject',
    service: 's3',
    params: {
      '--bucket': BUCKET,
      '--key': KEY,
      '--body': { member: 'Body', type: 'blob' },
      '--acl': { member: 'ACL', type: 'string' },
      '--cache-control': { member: 'CacheControl', type: 'string' },
      '--content-disposition': { member: 'ContentDisposition', type: 'string' },
      '--content-encoding': { member: 'ContentEncoding', type: 'string' },
      '--content-language': { member: 'ContentLanguage', type: 'string' },
      '--content-length': { member: 'ContentLength', type: 'integer' },
      '--content-md5': { member: 'ContentMD5', type: 'string' },
      '--content-type': { member: 'ContentType', type: 'string' },
      '--checksum-algorithm': { member: 'ChecksumAlgorithm', type: 'string' },
      '--expires': { member: 'Expires', type: 'timestamp' },
      '--if-match': { member: 'IfMatch', type: 'string' },
      '--if-none-match': { member: 'IfNoneMatch', type: 'string' },
      '--metadata': { member: 'Metadata', type: 'map' },
      '--server-side-encryption': { member: 'ServerSideEncryption', type: 'string' },
      '--storage-class': { member: 'StorageClass', type: 'string' },
      '--website-redirect-location': { member: 'WebsiteRedirectLocation', type: 'string' },
      '--tagging': { member: 'Tagging', type: 'string' },
      '--request-payer': PAYER,
      '--expected-bucket-owner': OWNER,
    },
    plan: (args) => ({ effect: 'change', action: `put-object ${objectUrl(args)}` }),
    after(result, parsed, ctx) {
      ctx.tool.emit({ kind: 's3-put-object', bucket: String(parsed.request.Bucket), key: String(parsed.request.Key), etag: result.ETag ?? null });
    },
  }),

  'get-bucket-versioning': defineOperation({
    name: 'GetBucketVersioning',
    service: 's3',
    params: { '--bucket': BUCKET, '--expected-bucket-owner': OWNER },
    plan: read,
    after(result, parsed, ctx) {
      ctx.tool.emit({ kind: 's3-bucket-versioning', bucket: String(parsed.request.Bucket), status: result.Status ?? null, mfaDelete: result.MFADelete ?? null });
      if (result.Status === undefined) ctx.tool.note(`Versioning has never been enabled on ${String(parsed.request.Bucket)}, so the CLI prints nothing.`);
    },
  }),

  'delete-object': defineOperation({
    name: 'DeleteObject',
    service: 's3',
    params: {
      '--bucket': BUCKET,
      '--key': KEY,
      '--mfa': { member: 'MFA', type: 'string' },
      '--version-id': { member: 'VersionId', type: 'string' },
      '--bypass-governance-retention': { member: 'BypassGovernanceRetention', type: 'boolean' },
      '--if-match': { member: 'IfMatch', type: 'string' },
      '--request-payer': PAYER,
      '--expected-bucket-owner': OWNER,
    },
    plan: (args) => ({ effect: 'change', action: `delete-object ${objectUrl(args)}` }),
    after(result, parsed, ctx) {
      ctx.tool.emit({ kind: 's3-delete-object', bucket: String(parsed.request.Bucket), key: String(parsed.request.Key), deleteMarker: result.DeleteMarker ?? null, versionId: result.VersionId ?? null });
    },
  }),
};
