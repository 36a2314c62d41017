// What to do when an aws call fails for reasons on the far side — a service
// that asks to slow down, one that fails on its side, a connection that drops
// mid-answer, an endpoint whose name does not resolve. The note sits beside
// aws-cli's own message, never in it.

import type { ToolContext } from '../../engine/tool';
import { unresolvedHostNote } from '../../connections/unresolvedHost';
import { requestUrlOf } from './clients';
import { attemptsOf, errorCodeOf, isClosedConnection, isUnresolvedHost, statusOf } from './s3/errors';

/** Service error codes that mean "too many requests" (S3's SlowDown, CloudFront's Throttling, ...). */
const THROTTLED = /^(SlowDown|Throttl\w*|TooManyRequests\w*|RequestLimitExceeded|RequestThrottled\w*)$/;

const times = (n: number) => (n === 1 ? 'once' : `${n} times`);

/** A note for the failure, when one helps; undefined for errors the message already explains. */
export function faultNote(error: unknown): string | undefined {
  const tried = times(attemptsOf(error));
  const status = statusOf(error);
  if (THROTTLED.test(errorCodeOf(error) ?? '') || status === 429) {
    return `The service asked for fewer requests (${errorCodeOf(error) ?? status}); aws tried ${tried} and gave up. Wait a minute and run the cell again; AWS_MAX_ATTEMPTS (or AWS_RETRY_MODE=adaptive) makes aws retry longer.`;
  }
  if (status !== undefined && status >= 500) {
    return `The service failed on its side (HTTP ${status}); aws tried ${tried}. Such errors are usually brief: run the cell again in a minute, and if they persist check the service's health or the endpoint.`;
  }
  const url = requestUrlOf(error);
  if (isUnresolvedHost(error) && url) {
    const { protocol, hostname, port } = new URL(url);
    return unresolvedHostNote(`${hostname}:${port || (protocol === 'http:' ? 80 : 443)}`, 'the endpoint (--endpoint-url, AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL or the profile)');
  }
  if (isClosedConnection(error)) {
    return 'The connection dropped before the answer was complete: anything printed above is only part of it. Run the cell again; if it keeps happening, check what sits between here and the endpoint (proxy, VPN, load balancer).';
  }
  return undefined;
}

/** Adds the note for a failed call to the command's notes, if one helps. */
export function noteFault(tool: Pick<ToolContext, 'note'>, error: unknown): void {
  const note = faultNote(error);
  if (note) tool.note(note);
}
