// aws-cli's wording for failed calls: service errors name the code and the
// operation, unreachable endpoints name the URL that was being sent, and a
// connection that drops before the answer is complete says so.

import { STATUS_CODES } from 'node:http';
import { requestUrlOf } from '../clients';

const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'ECONNABORTED']);
/** Codes of a connection that was open and then dropped (botocore's ConnectionClosedError). */
const CLOSED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

interface SdkError {
  name?: string;
  code?: string;
  Code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
  $fault?: string;
  $response?: unknown;
  cause?: unknown;
}

/** Query parameters in the order botocore sends them for the operations `aws s3` calls. */
const QUERY_ORDER: Record<string, string[]> = {
  ListObjectsV2: ['list-type', 'prefix', 'delimiter', 'continuation-token', 'encoding-type'],
};

/** botocore asks for URL-encoded keys in every listing it sends (and decodes them). */
const ENCODED_LISTINGS = new Set(['ListObjectsV2', 'ListObjects', 'ListObjectVersions']);

/** The request URL as aws-cli prints it in "Could not connect" (its query order, no SDK extras). */
function cliUrl(sdkUrl: string, operation: string): string {
  // The SDK sends bucket operations to `/bucket/` in path style; botocore to `/bucket`.
  const url = sdkUrl.replace(/^(\w+:\/\/[^/]+\/[^/?]+)\/(?=\?|$)/, '$1');
  const q = url.indexOf('?');
  if (q < 0) return url;
  const order = QUERY_ORDER[operation];
  const keyOf = (p: string) => p.split('=')[0]!;
  // `x-id=Operation` is the SDK's own addition.
  const kept = url.slice(q + 1).split('&').filter((p) => p && keyOf(p) !== 'x-id');
  if (ENCODED_LISTINGS.has(operation) && !kept.some((p) => keyOf(p) === 'encoding-type')) kept.push('encoding-type=url');
  if (order) kept.sort((a, b) => order.indexOf(keyOf(a)) - order.indexOf(keyOf(b)));
  return `${url.slice(0, q)}${kept.length ? `?${kept.join('&')}` : ''}`;
}

export function isConnectionError(error: unknown): boolean {
  const e = error as SdkError | undefined;
  if (!e || typeof e !== 'object') return false;
  if (e.$metadata?.httpStatusCode) return false;
  const code = codeOf(e);
  return (code !== undefined && CONNECT_CODES.has(code)) || e.name === 'TimeoutError';
}

/** Whether the endpoint's host name did not resolve. */
export function isUnresolvedHost(error: unknown): boolean {
  return isConnectionError(error) && ['ENOTFOUND', 'EAI_AGAIN'].includes(codeOf(error as SdkError) ?? '');
}

/** Whether an open connection dropped before the answer was complete. */
export function isClosedConnection(error: unknown): boolean {
  return isConnectionError(error) && CLOSED_CODES.has(codeOf(error as SdkError) ?? '');
}

function codeOf(e: SdkError): string | undefined {
  return e.code ?? (e.cause as SdkError | undefined)?.code;
}

/** `An error occurred (Code) when calling the Op operation: Message`, or the connection failure. */
export function describeAwsError(error: unknown, operation: string): string {
  const e = (error ?? {}) as SdkError;
  if (isConnectionError(error)) {
    const url = requestUrlOf(error);
    if (!url) return e.message ?? String(error);
    if (isClosedConnection(error)) return `Connection was closed before we received a valid response from endpoint URL: "${cliUrl(url, operation)}".`;
    return `Could not connect to the endpoint URL: "${cliUrl(url, operation)}"`;
  }
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined) {
    let code = e.Code ?? e.name ?? String(status);
    let message = e.message ?? '';
    if (!e.Code && (message === 'UnknownError' || code === 'NotFound' || code === 'Unknown' || code === 'Forbidden' || /^\d+$/.test(code))) {
      code = String(status);
      message = STATUS_CODES[status] ?? '';
    }
    return `An error occurred (${code}) when calling the ${operation} operation${retriesOf(error)}: ${message}`;
  }
  return e.message ?? String(error);
}

/** How many times the call was sent before it failed. */
export function attemptsOf(error: unknown): number {
  return (error as SdkError | undefined)?.$metadata?.attempts ?? 1;
}

/** The error code of a service error (`SlowDown`, `Throttling`), if it has one. */
export function errorCodeOf(error: unknown): string | undefined {
  const e = error as SdkError | undefined;
  return e?.$metadata?.httpStatusCode ? (e.Code ?? e.name) : undefined;
}

/** botocore names the retries it made before giving up on a retryable error: ` (reached max retries: 4)`. */
function retriesOf(error: unknown): string {
  const attempts = attemptsOf(error);
  return attempts > 1 ? ` (reached max retries: ${attempts - 1})` : '';
}

/** The HTTP status of a service error, if it was one. */
export function statusOf(error: unknown): number | undefined {
  return (error as SdkError | undefined)?.$metadata?.httpStatusCode;
}
