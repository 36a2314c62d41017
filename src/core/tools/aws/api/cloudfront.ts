// `aws cloudfront` operations a runbook uses: read a distribution and its
// config, update it (conditional on the config's ETag, `--if-match`), and
// create and follow invalidations.

import type { CloudFrontDistributionData, CloudFrontInvalidationData } from '../../../results/toolData';
import type { AwsCommandContext, AwsCommandTable } from '../context';
import { AwsUsageError } from '../args';
import { defineOperation, flagValue } from './operation';
import type { PaginatorSpec } from './paginate';
import type { ParsedParams } from './params';
import type { CliObject, CliValue } from './shape';
import { explainCloudFrontError } from './cloudfrontNotes';

const LIST_DISTRIBUTIONS: PaginatorSpec = {
  inputTokens: ['Marker'],
  outputTokens: ['DistributionList.NextMarker'],
  moreResults: 'DistributionList.IsTruncated',
  limitKey: 'MaxItems',
  resultKeys: ['DistributionList.Items'],
  nonAggregateKeys: [],
};

const LIST_INVALIDATIONS: PaginatorSpec = {
  inputTokens: ['Marker'],
  outputTokens: ['InvalidationList.NextMarker'],
  moreResults: 'InvalidationList.IsTruncated',
  limitKey: 'MaxItems',
  resultKeys: ['InvalidationList.Items'],
  nonAggregateKeys: [],
};

const read = () => ({ effect: 'read' as const });
const obj = (v: CliValue | undefined): CliObject => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
const items = (v: CliValue | undefined): CliValue[] => (Array.isArray(obj(v).Items) ? (obj(v).Items as CliValue[]) : []);

function distributionData(d: CliObject, etag: CliValue | undefined): CloudFrontDistributionData {
  const config = obj(d.DistributionConfig);
  return {
    kind: 'cloudfront-distribution',
    id: d.Id ?? null,
    status: d.Status ?? null,
    domainName: d.DomainName ?? null,
    lastModified: d.LastModifiedTime ?? null,
    etag: etag ?? null,
    aliases: items(config.Aliases),
    origins: items(config.Origins).map((o) => ({ id: obj(o).Id ?? null, domainName: obj(o).DomainName ?? null })),
    enabled: config.Enabled ?? null,
  };
}

function invalidationData(distributionId: unknown, inv: CliObject, location?: CliValue): CloudFrontInvalidationData {
  const batch = obj(inv.InvalidationBatch);
  return {
    kind: 'cloudfront-invalidation',
    distributionId: String(distributionId),
    id: inv.Id ?? null,
    status: inv.Status ?? null,
    createTime: inv.CreateTime ?? null,
    paths: items(batch.Paths),
    callerReference: batch.CallerReference ?? null,
    ...(location !== undefined ? { location } : {}),
  };
}

/** aws-cli's reference for --paths batches: `cli-<unix time>-<random>`. */
function callerReference(): string {
  return `cli-${Math.floor(Date.now() / 1000)}-${1 + Math.floor(Math.random() * 1_000_000)}`;
}

function explain(error: unknown, parsed: ParsedParams | undefined, ctx: AwsCommandContext, operation: string): void {
  explainCloudFrontError(error, operation, parsed?.request ?? {}, ctx);
}

export const cloudfrontCommands: AwsCommandTable = {
  'list-distributions': defineOperation({
    name: 'ListDistributions',
    service: 'cloudfront',
    paginator: LIST_DISTRIBUTIONS,
    params: { '--marker': { member: 'Marker', type: 'string' } },
    plan: read,
    after(result, _parsed, ctx) {
      ctx.tool.emit({
        kind: 'cloudfront-distributions',
        distributions: items(result.DistributionList).map((d) => ({
          id: obj(d).Id ?? null,
          domainName: obj(d).DomainName ?? null,
          status: obj(d).Status ?? null,
          aliases: items(obj(d).Aliases),
          etag: obj(d).ETag ?? null,
        })),
      });
    },
  }),

  'get-distribution': defineOperation({
    name: 'GetDistribution',
    service: 'cloudfront',
    params: { '--id': { member: 'Id', type: 'string', required: true } },
    plan: read,
    after: (result, _parsed, ctx) => ctx.tool.emit(distributionData(obj(result.Distribution), result.ETag)),
    explain: (err, parsed, ctx) => explain(err, parsed, ctx, 'get-distribution'),
  }),

  'get-distribution-config': defineOperation({
    name: 'GetDistributionConfig',
    service: 'cloudfront',
    params: { '--id': { member: 'Id', type: 'string', required: true } },
    plan: read,
    after(result, parsed, ctx) {
      ctx.tool.emit({ kind: 'cloudfront-distribution-config', id: String(parsed.request.Id), etag: result.ETag ?? null, comment: obj(result.DistributionConfig).Comment ?? null });
    },
    explain: (err, parsed, ctx) => explain(err, parsed, ctx, 'get-distribution-config'),
  }),

  'update-distribution': defineOperation({
    name: 'UpdateDistribution',
    service: 'cloudfront',
    params: {
      '--distribution-config': { member: 'DistributionConfig', type: 'structure', required: true },
      '--id': { member: 'Id', type: 'string', required: true },
      '--if-match': { member: 'IfMatch', type: 'string' },
    },
    plan: (args) => ({ effect: 'change', action: `update-distribution ${flagValue(args, '--id') ?? ''}`.trim() }),
    after: (result, _parsed, ctx) => ctx.tool.emit(distributionData(obj(result.Distribution), result.ETag)),
    explain: (err, parsed, ctx) => explain(err, parsed, ctx, 'update-distribution'),
  }),

  'create-invalidation': defineOperation({
    name: 'CreateInvalidation',
    service: 'cloudfront',
    params: {
      '--distribution-id': { member: 'DistributionId', type: 'string', required: true },
      '--invalidation-batch': { member: 'InvalidationBatch', type: 'structure' },
      '--paths': { member: 'Paths', type: 'list' },
    },
    plan: (args) => {
      const id = flagValue(args, '--distribution-id') ?? '';
      return { effect: 'change', action: `create-invalidation ${id}`.trim() };
    },
    prepare(parsed) {
      const paths = parsed.request.Paths as string[] | undefined;
      delete parsed.request.Paths;
      if (paths && parsed.request.InvalidationBatch !== undefined) {
        throw new AwsUsageError('\nThe key "paths" cannot be specified when one of the following keys are also specified: invalidation_batch\n', 255);
      }
      if (paths) parsed.request.InvalidationBatch = { Paths: { Quantity: paths.length, Items: paths }, CallerReference: callerReference() };
    },
    after(result, parsed, ctx) {
      ctx.tool.emit(invalidationData(parsed.request.DistributionId, obj(result.Invalidation), result.Location));
    },
    explain: (err, parsed, ctx) => explain(err, parsed, ctx, 'create-invalidation'),
  }),

  'get-invalidation': defineOperation({
    name: 'GetInvalidation',
    service: 'cloudfront',
    params: {
      '--distribution-id': { member: 'DistributionId', type: 'string', required: true },
      '--id': { member: 'Id', type: 'string', required: true },
    },
    plan: read,
    after: (result, parsed, ctx) => ctx.tool.emit(invalidationData(parsed.request.DistributionId, obj(result.Invalidation))),
    explain: (err, parsed, ctx) => explain(err, parsed, ctx, 'get-invalidation'),
  }),

  'list-invalidations': defineOperation({
    name: 'ListInvalidations',
    service: 'cloudfront',
    paginator: LIST_INVALIDATIONS,
    params: {
      '--distribution-id': { member: 'DistributionId', type: 'string', required: true },
      '--marker': { member: 'Marker', type: 'string' },
    },
    plan: read,
    after(result, parsed, ctx) {
      ctx.tool.emit({
        kind: 'cloudfront-invalidations',
        distributionId: String(parsed.request.DistributionId),
        invalidations: items(result.InvalidationList).map((i) => ({ id: obj(i).Id ?? null, status: obj(i).Status ?? null, createTime: obj(i).CreateTime ?? null })),
      });
    },
    explain: (err, parsed, ctx) => explain(err, parsed, ctx, 'list-invalidations'),
  }),
};
