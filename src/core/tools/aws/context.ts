// What every `aws` command implementation receives: the engine's tool context,
// the global options as the aws CLI resolved them, and the session's kept-alive
// SDK clients. The service tables (`s3` high-level commands, `s3api`,
// `cloudfront`) are written against this, so they never read config files or
// the environment themselves.

import type { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import type { S3Client } from '@aws-sdk/client-s3';
import type { ToolContext, ToolPlan } from '../../engine/tool';

export type AwsOutput = 'json' | 'text' | 'table' | 'yaml' | 'yaml-stream';

/** Global options after the CLI's precedence: flag, then AWS_* variable, then profile, then default. */
export interface AwsGlobals {
  profile?: string;
  region: string;
  output: AwsOutput;
  /** The raw JMESPath expression given with --query. */
  query?: string;
  /** --endpoint-url, else AWS_ENDPOINT_URL_<SERVICE>, else AWS_ENDPOINT_URL, else the service's own. */
  endpointUrl?: string;
  noVerifySsl: boolean;
  noPaginate: boolean;
}

export interface AwsCommandContext {
  tool: ToolContext;
  globals: AwsGlobals;
  /** The session's S3 client for these globals (created once, kept open). */
  s3(): Promise<S3Client>;
  cloudfront(): Promise<CloudFrontClient>;
  /** The lazily loaded SDK modules, for command classes (`new sdk.ListObjectsV2Command(...)`). */
  s3Sdk(): typeof import('@aws-sdk/client-s3') & { getSignedUrl: typeof import('@aws-sdk/s3-request-presigner').getSignedUrl };
  cloudfrontSdk(): typeof import('@aws-sdk/client-cloudfront');
}

/** One `aws SERVICE OPERATION`: `args` are the words after the operation name. */
export interface AwsCommand {
  /** Whether it reads, changes or destroys, and what to name in a confirmation (`s3 rm s3://bucket/key`). */
  plan(args: readonly string[]): Pick<ToolPlan, 'effect' | 'streams' | 'action' | 'reason'>;
  /** Resolves with the exit code the real aws CLI returns for the same outcome (check it against the `aws` on PATH). */
  run(args: readonly string[], ctx: AwsCommandContext): Promise<number>;
}

/** Operation name (`ls`, `list-objects-v2`, `get-distribution`) to its implementation. */
export type AwsCommandTable = Readonly<Record<string, AwsCommand>>;
