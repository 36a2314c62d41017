// The s3api / cloudfront layer without servers: botocore's pagination rules,
// the response shape (model order, wire timestamps), argument parsing and
// what plan() says about each operation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GetDistributionResult$, UpdateDistributionRequest$ } from '@aws-sdk/client-cloudfront';
import { HeadObjectOutput$, ListObjectsV2Output$ } from '@aws-sdk/client-s3';
import { cloudfrontCommands, s3apiCommands } from '../../../../src/core/tools/aws/api';
import { looksLikePlaceholder } from '../../../../src/core/tools/aws/api/cloudfrontNotes';
import { CLOUDFRONT_MEMBER_ORDER, S3_MEMBER_ORDER } from '../../../../src/core/tools/aws/api/memberOrder';
import { encodeToken, paginate, type PaginatorSpec } from '../../../../src/core/tools/aws/api/paginate';
import { parseParams } from '../../../../src/core/tools/aws/api/params';
import { toCliShape, type CliObject } from '../../../../src/core/tools/aws/api/shape';
import { AwsUsageError } from '../../../../src/core/tools/aws/args';
import { validateRequest } from '../../../../src/core/tools/aws/api/validate';

const SPEC: PaginatorSpec = {
  inputTokens: ['ContinuationToken'],
  outputTokens: ['NextContinuationToken'],
  moreResults: 'IsTruncated',
  limitKey: 'MaxKeys',
  resultKeys: ['Contents', 'CommonPrefixes'],
  nonAggregateKeys: ['RequestCharged', 'Prefix'],
};

/** A bucket of `count` keys served `pageSize` at a time, recording the requests. */
function fakeBucket(count: number, pageSize: number) {
  const requests: Record<string, unknown>[] = [];
  const send = async (request: Record<string, unknown>): Promise<CliObject> => {
    requests.push({ ...request });
    const size = Number(request.MaxKeys ?? pageSize);
    const start = request.ContinuationToken ? Number(String(request.ContinuationToken).slice(1)) : 0;
    const keys = Array.from({ length: Math.min(size, count - start) }, (_, i) => ({ Key: `k${start + i}` }));
    const more = start + keys.length < count;
    return { IsTruncated: more, Contents: keys, Prefix: 'p/', ...(more ? { NextContinuationToken: `t${start + keys.length}` } : {}) };
  };
  return { requests, send };
}

describe('pagination', () => {
  it('follows continuation tokens to the end and merges the pages', async () => {
    const bucket = fakeBucket(5, 2);
    const result = await paginate(SPEC, { Bucket: 'b' }, {}, bucket.send);
    assert.equal(bucket.requests.length, 3);
    assert.deepEqual(result.fullResult(), { Contents: ['k0', 'k1', 'k2', 'k3', 'k4'].map((Key) => ({ Key })), RequestCharged: null, Prefix: 'p/' });
  });

  it('cuts at --max-items inside a page and resumes from the same request with a truncate amount', async () => {
    const bucket = fakeBucket(5, 10);
    const first = await paginate(SPEC, { Bucket: 'b' }, { maxItems: 2 }, bucket.send);
    const token = first.fullResult().NextToken as string;
    assert.equal(token, encodeToken({ ContinuationToken: null, boto_truncate_amount: 2 }));
    assert.equal(Buffer.from(token, 'base64').toString(), '{"ContinuationToken": null, "boto_truncate_amount": 2}');
    const rest = await paginate(SPEC, { Bucket: 'b' }, { startingToken: token }, bucket.send);
    assert.deepEqual((rest.fullResult().Contents as CliObject[]).map((o) => o.Key), ['k2', 'k3', 'k4']);
  });

  it('ends on a page boundary with the next page\'s token, and sends --page-size as the limit', async () => {
    const bucket = fakeBucket(6, 2);
    const result = await paginate(SPEC, {}, { maxItems: 4, pageSize: 2 }, bucket.send);
    assert.equal(bucket.requests[0]!.MaxKeys, 2);
    assert.equal(Buffer.from(String(result.resumeToken), 'base64').toString(), '{"ContinuationToken": "t4"}');
  });

  it('reads tokens written by the real CLI', async () => {
    const bucket = fakeBucket(5, 10);
    // `aws s3api list-objects-v2 ... --max-items 3` prints this NextToken.
    const real = 'eyJDb250aW51YXRpb25Ub2tlbiI6IG51bGwsICJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDN9';
    const rest = await paginate(SPEC, {}, { startingToken: real }, bucket.send);
    assert.deepEqual((rest.fullResult().Contents as CliObject[]).map((o) => o.Key), ['k3', 'k4']);
  });
});

describe('response shape', () => {
  it('orders members as the service model does, headers first, and drops undefined ones', () => {
    const shaped = toCliShape(HeadObjectOutput$, {
      Metadata: { a: '1' },
      ContentType: 'text/plain',
      ETag: '"x"',
      ContentLength: 3,
      LastModified: new Date('2026-11-28T06:47:19Z'),
      AcceptRanges: 'bytes',
      VersionId: undefined,
      $metadata: { httpStatusCode: 200 },
    }, { order: S3_MEMBER_ORDER });
    assert.deepEqual(Object.keys(shaped), ['AcceptRanges', 'LastModified', 'ContentLength', 'ETag', 'ContentType', 'Metadata']);
    assert.equal(shaped.LastModified, 'Sat, 28 Nov 2026 06:47:19 GMT');
  });

  it('writes body timestamps as ISO 8601 with milliseconds, and always has header maps', () => {
    const shaped = toCliShape(ListObjectsV2Output$, {
      Name: 'b', IsTruncated: false, Contents: [{ Size: 1, Key: 'k', LastModified: new Date('2026-11-28T06:47:19Z') }],
    }, { order: S3_MEMBER_ORDER });
    assert.deepEqual(Object.keys(shaped), ['IsTruncated', 'Contents', 'Name']);
    assert.deepEqual((shaped.Contents as CliObject[])[0], { Key: 'k', LastModified: '2026-11-28T06:47:19.000Z', Size: 1 });
    assert.deepEqual(toCliShape(HeadObjectOutput$, {}, { order: S3_MEMBER_ORDER }), { Metadata: {} });
  });

  it('puts CloudFront members back in model order (the SDK lists required ones first)', () => {
    const shaped = toCliShape(GetDistributionResult$, {
      ETag: 'E1',
      Distribution: { Id: 'E2', ARN: 'arn', Status: 'Deployed', LastModifiedTime: new Date(0), InProgressInvalidationBatches: 0, DomainName: 'd', DistributionConfig: { CallerReference: 'r', Origins: { Quantity: 0 }, DefaultCacheBehavior: { TargetOriginId: 'o', ViewerProtocolPolicy: 'allow-all' }, Comment: '', Enabled: true, Aliases: { Quantity: 0 } } },
    }, { order: CLOUDFRONT_MEMBER_ORDER });
    assert.deepEqual(Object.keys(shaped), ['ETag', 'Distribution']);
    const config = (shaped.Distribution as CliObject).DistributionConfig as CliObject;
    assert.deepEqual(Object.keys(config), ['CallerReference', 'Aliases', 'Origins', 'DefaultCacheBehavior', 'Comment', 'Enabled']);
  });
});

describe('arguments', () => {
  const table = {
    '--bucket': { member: 'Bucket', type: 'string', required: true },
    '--max-keys': { member: 'MaxKeys', type: 'integer' },
    '--fetch-owner': { member: 'FetchOwner', type: 'boolean' },
    '--paths': { member: 'Paths', type: 'list' },
    '--metadata': { member: 'Metadata', type: 'map' },
  } as const;

  it('maps flags to members with their types, and --no-X booleans', async () => {
    const parsed = await parseParams(['--bucket', 'b', '--max-keys=5', '--no-fetch-owner', '--paths', '/a', '/b', '--metadata', 'k=v,x=1', '--max-items', '3'], table, { cwd: '/', paginated: true });
    assert.deepEqual(parsed.request, { Bucket: 'b', MaxKeys: 5, FetchOwner: false, Paths: ['/a', '/b'], Metadata: { k: 'v', x: '1' } });
    assert.deepEqual(parsed.paging, { maxItems: 3 });
  });

  it('rejects missing required flags (exit 2) and unknown ones (exit 255) as aws-cli does', async () => {
    await assert.rejects(parseParams([], table, { cwd: '/', paginated: false }), (err: unknown) => {
      assert.ok(err instanceof AwsUsageError);
      assert.equal(err.exitCode, 2);
      assert.match(err.message, /aws: error: the following arguments are required: --bucket\n$/);
      return true;
    });
    await assert.rejects(parseParams(['--bucket', 'b', '--nope', '1'], table, { cwd: '/', paginated: false }), (err: unknown) => {
      assert.ok(err instanceof AwsUsageError);
      assert.equal(err.exitCode, 255);
      assert.match(err.message, /\n\nUnknown options: --nope, 1\n$/);
      return true;
    });
  });

  it('reads file:// values relative to the runbook folder and names a missing file', async () => {
    await assert.rejects(
      parseParams(['--bucket', 'b', '--metadata', 'file://nope.json'], table, { cwd: '/nonexistent-dir', paginated: false }),
      /Error parsing parameter '--metadata': Unable to load paramfile file:\/\/nope.json: \[Errno 2\] No such file or directory: 'nope.json'/,
    );
  });
});

describe('parameter validation', () => {
  it('reports what botocore reports before sending: missing, unknown, then mistyped members', () => {
    const request = { Id: 'E1', IfMatch: 'X', DistributionConfig: { CallerReference: 'x', Enabled: 'yes', Foo: 1, Origins: { Quantity: '1', Items: [{ DomainName: 'd' }] } } };
    assert.throws(() => validateRequest(UpdateDistributionRequest$, request, CLOUDFRONT_MEMBER_ORDER), (err: unknown) => {
      assert.ok(err instanceof AwsUsageError);
      assert.equal(err.exitCode, 255);
      const lines = err.message.split('\n');
      // As aws-cli 1.45 printed it for the same file.
      assert.deepEqual(lines.slice(0, 4), ['', 'Parameter validation failed:', 'Missing required parameter in DistributionConfig: "DefaultCacheBehavior"', 'Missing required parameter in DistributionConfig: "Comment"']);
      assert.match(lines[4]!, /^Unknown parameter in DistributionConfig: "Foo", must be one of: CallerReference, Aliases, DefaultRootObject, Origins, /);
      assert.deepEqual(lines.slice(5), [
        "Invalid type for parameter DistributionConfig.Enabled, value: yes, type: <class 'str'>, valid types: <class 'bool'>",
        "Invalid type for parameter DistributionConfig.Origins.Quantity, value: 1, type: <class 'str'>, valid types: <class 'int'>",
        'Missing required parameter in DistributionConfig.Origins.Items[0]: "Id"',
        '',
      ]);
      return true;
    });
  });
});

describe('plan', () => {
  it('marks writes as changes with an action naming the object or distribution', () => {
    assert.deepEqual(s3apiCommands['put-object']!.plan(['--bucket', 'b', '--key', 'k', '--body', 'f']), { effect: 'change', action: 'put-object s3://b/k' });
    assert.deepEqual(s3apiCommands['delete-object']!.plan(['--bucket=b', '--key=k']), { effect: 'change', action: 'delete-object s3://b/k' });
    assert.deepEqual(cloudfrontCommands['update-distribution']!.plan(['--id', 'E2TIKTOKTOE01', '--distribution-config', 'file://c.json']), { effect: 'change', action: 'update-distribution E2TIKTOKTOE01' });
    assert.equal(cloudfrontCommands['create-invalidation']!.plan(['--distribution-id', 'E2TIKTOKTOE01', '--paths', '/*']).effect, 'change');
    for (const op of ['list-objects-v2', 'head-object', 'get-object', 'get-bucket-versioning', 'list-object-versions']) {
      assert.equal(s3apiCommands[op]!.plan(['--bucket', 'b']).effect, 'read', op);
    }
    for (const op of ['get-distribution', 'get-distribution-config', 'get-invalidation', 'list-distributions']) {
      assert.equal(cloudfrontCommands[op]!.plan(['--id', 'E1']).effect, 'read', op);
    }
  });

  it('tells placeholder distribution ids from real ones', () => {
    assert.equal(looksLikePlaceholder('DISTID'), true);
    assert.equal(looksLikePlaceholder('<distribution-id>'), true);
    assert.equal(looksLikePlaceholder('E2TIKTOKTOE01'), false);
  });
});
