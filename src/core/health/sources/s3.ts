// An S3 bucket a runbook's steps name, for the health view: reachable or not,
// and what one ListObjectsV2 page (up to 1,000 objects) says about its
// contents, marked truncated when the bucket holds more. Region, endpoint and
// credentials are resolved as for aws cells (AWS_* variables, ~/.aws files),
// over what the caller passes; connections go where RUNBOOK_HOSTS says.

import type { S3Client } from '@aws-sdk/client-s3';
import { loadClient } from '../../clients/load';
import { AwsConfigError, resolveAwsConnection, sdkClientConfig } from '../../connections/aws';
import { startPoller, type HealthSource, type Unreachable } from './poller';

type Env = Readonly<Record<string, string | undefined>>;
type S3Module = typeof import('@aws-sdk/client-s3');

/** Where the bucket is served, as --region, --endpoint-url and --profile would say; each part left out is resolved as for aws cells. */
export interface S3Endpoint {
  region?: string;
  endpointUrl?: string;
  profile?: string;
}

export interface S3SourceOptions {
  env: Env;
  bucket: string;
  endpoint?: S3Endpoint;
  intervalMs: number;
}

export interface S3BucketSnapshot {
  bucket: string;
  /** Objects on the first page (all of them unless `truncated`). */
  objects: number;
  /** Their size in bytes. */
  bytes: number;
  /** The bucket holds more than one page: `objects` and `bytes` count only the first. */
  truncated: boolean;
}

export function startS3Source(options: S3SourceOptions): HealthSource<S3BucketSnapshot> {
  const { env, bucket } = options;
  let client: S3Client | undefined;
  let sdk: S3Module | undefined;
  let endpointUrl: string | undefined;

  const read = async (signal: AbortSignal): Promise<S3BucketSnapshot> => {
    sdk ??= s3Module();
    if (!client) {
      const connection = resolveAwsConnection({ ...options.endpoint, noVerifySsl: false }, env, 's3');
      endpointUrl = connection.endpointUrl;
      client = new sdk.S3Client({
        ...sdkClientConfig(connection),
        // A health read reports a failure at once; the next refresh is the retry.
        maxAttempts: 1,
        // s3rver and other S3-compatible servers do not all accept the newer default checksums.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
    }
    const page = await client.send(new sdk.ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1000 }), { abortSignal: signal });
    const contents = page.Contents ?? [];
    return { bucket, objects: contents.length, bytes: contents.reduce((sum, o) => sum + (o.Size ?? 0), 0), truncated: page.IsTruncated === true };
  };

  const close = async () => {
    client?.destroy();
    client = undefined;
  };

  return startPoller({ read, explain: (error) => explainS3(error, bucket, endpointUrl), close, intervalMs: options.intervalMs });
}

function s3Module(): S3Module {
  // The SDK warns on stderr of the process about Node versions it will drop; the view never shows it.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return loadClient<S3Module>('s3', '@aws-sdk/client-s3');
}

interface SdkError {
  name?: string;
  Code?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

/** The service's error (or the connection's), and what to check. */
export function explainS3(error: unknown, bucket: string, endpointUrl: string | undefined): Unreachable {
  if (error instanceof AwsConfigError) return { error: error.message, hint: 'Check the AWS settings: AWS_PROFILE and ~/.aws/config, and RUNBOOK_HOSTS.' };
  const e = (error ?? {}) as SdkError;
  const code = e.Code ?? e.name ?? e.code ?? 'Error';
  const status = e.$metadata?.httpStatusCode;
  const where = endpointUrl ?? 'AWS';
  const message = `${code}${status ? ` (HTTP ${status})` : ''}: ${e.message ?? String(error)}`;
  if (code === 'NoSuchBucket' || status === 404) return { error: message, hint: `No bucket ${bucket} at ${where}: check the bucket the runbook's step names, and AWS_ENDPOINT_URL_S3 / AWS_REGION.` };
  if (code === 'AccessDenied' || code === 'InvalidAccessKeyId' || code === 'SignatureDoesNotMatch' || status === 403) {
    return { error: message, hint: 'Check the credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE.' };
  }
  if (!status) return { error: message, hint: `Could not reach ${where}: check AWS_ENDPOINT_URL_S3 (or AWS_ENDPOINT_URL) and RUNBOOK_HOSTS.` };
  return { error: message, hint: `The S3 endpoint ${where} answered with an error for ${bucket}.` };
}
