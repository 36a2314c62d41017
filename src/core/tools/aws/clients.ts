// The session's SDK clients and the context every aws command receives. The
// SDK modules load on the first aws cell; one client per region, endpoint and
// identity stays open until the notebook session ends.

import type { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import type { S3Client } from '@aws-sdk/client-s3';
import { loadClient } from '../../clients/load';
import { sdkClientConfig } from '../../connections/aws';
import type { ToolContext } from '../../engine/tool';
import type { AwsSettings } from './config';
import type { AwsCommandContext } from './context';

type S3Module = typeof import('@aws-sdk/client-s3') & { getSignedUrl: typeof import('@aws-sdk/s3-request-presigner').getSignedUrl };
type CloudFrontModule = typeof import('@aws-sdk/client-cloudfront');

/** The SDK warns on stderr of the process about Node versions it will drop; cells never show it. */
function silenceNodeVersionWarning(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

export function s3Module(): S3Module {
  silenceNodeVersionWarning();
  const sdk = loadClient<S3Module>('s3', '@aws-sdk/client-s3');
  if (typeof sdk.getSignedUrl === 'function') return sdk;
  // From source without dist/clients/s3.js the package itself is loaded, which has no presigner.
  const load = (specifier: string): unknown => require(specifier);
  const presigner = load('@aws-sdk/s3-request-presigner') as typeof import('@aws-sdk/s3-request-presigner');
  return Object.assign(Object.create(sdk) as S3Module, { getSignedUrl: presigner.getSignedUrl });
}

export function cloudfrontModule(): CloudFrontModule {
  silenceNodeVersionWarning();
  return loadClient<CloudFrontModule>('cloudfront', '@aws-sdk/client-cloudfront');
}

/** The URL of the request a failed call was sending (aws-cli names it in connection errors). */
export const REQUEST_URL = Symbol('aws request url');

interface UrlCarrier {
  [REQUEST_URL]?: string;
}

export function requestUrlOf(error: unknown): string | undefined {
  return error && typeof error === 'object' ? (error as UrlCarrier)[REQUEST_URL] : undefined;
}

interface SdkRequest {
  protocol?: string;
  hostname?: string;
  port?: number;
  path?: string;
  query?: Record<string, string | string[] | null>;
}

function requestUrl(req: SdkRequest): string {
  const port = req.port ? `:${req.port}` : '';
  const query = Object.entries(req.query ?? {})
    .flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x] as const) : [[k, v] as const]))
    .map(([k, v]) => (v === null ? encodeURIComponent(k) : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`))
    .join('&');
  return `${req.protocol ?? 'https:'}//${req.hostname ?? ''}${port}${req.path ?? '/'}${query ? `?${query}` : ''}`;
}

interface StackClient {
  middlewareStack: { add(mw: unknown, options: Record<string, unknown>): void };
}

/** Records the request URL on errors, so failures can be reported as aws-cli does. */
function addUrlRecorder(client: StackClient): void {
  client.middlewareStack.add(
    (next: (args: { request: SdkRequest }) => Promise<unknown>) => async (args: { request: SdkRequest }) => {
      try {
        return await next(args);
      } catch (error) {
        if (error && typeof error === 'object' && !(REQUEST_URL in error)) (error as UrlCarrier)[REQUEST_URL] = requestUrl(args.request);
        throw error;
      }
    },
    { step: 'build', name: 'runbookRequestUrl', override: true },
  );
}

function clientKey(service: string, s: AwsSettings): string {
  const c = s.credentials;
  return ['aws', service, s.region, s.endpointUrl ?? '', c?.accessKeyId ?? '', c?.secretAccessKey ?? '', c?.sessionToken ?? '', s.sdkProfile ?? '', String(s.noVerifySsl), String(s.maxAttempts), JSON.stringify(s.hostMappings ?? [])].join('\0');
}

export async function sessionS3(tool: Pick<ToolContext, 'session' | 'env'>, s: AwsSettings): Promise<S3Client> {
  return tool.session.client(
    clientKey('s3', s),
    async () => {
      const sdk = s3Module();
      const client = new sdk.S3Client({
        ...sdkClientConfig(s),
        // s3rver and other S3-compatible servers do not all accept the newer default checksums.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
      addUrlRecorder(client as unknown as StackClient);
      return client;
    },
    (c) => c.destroy(),
  );
}

export async function sessionCloudFront(tool: Pick<ToolContext, 'session' | 'env'>, s: AwsSettings): Promise<CloudFrontClient> {
  return tool.session.client(
    clientKey('cloudfront', s),
    async () => {
      const sdk = cloudfrontModule();
      const client = new sdk.CloudFrontClient(sdkClientConfig(s));
      addUrlRecorder(client as unknown as StackClient);
      return client;
    },
    (c) => c.destroy(),
  );
}

/** The context handed to `aws s3`, `aws s3api` and `aws cloudfront` commands. */
export function createAwsContext(tool: ToolContext, settings: AwsSettings): AwsCommandContext & { settings: AwsSettings } {
  return {
    tool,
    globals: settings,
    settings,
    s3: () => sessionS3(tool, settings),
    cloudfront: () => sessionCloudFront(tool, settings),
    s3Sdk: s3Module,
    cloudfrontSdk: cloudfrontModule,
  };
}
