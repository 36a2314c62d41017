// --request-timeout as kubectl checks it when it builds its client (a whole
// number of seconds, or a Go duration: `30s`, `2m`), and as its client
// applies it: each request that takes longer fails.

import { flagString, KubectlUsageError, type ParsedArgs } from './args';
import { DurationSyntaxError, parseGoDuration } from './durations';
import { KubeTransportError, type KubeConnection, type KubeRequest, type KubeResponse } from '../../connections/kubeConnection';

const INVALID =
  'error: Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)';

/** Throws kubectl's error for a --request-timeout value it cannot read. */
export function checkRequestTimeout(args: ParsedArgs): void {
  const value = flagString(args, 'request-timeout');
  if (value === undefined || /^\+?\d+$/.test(value)) return;
  try {
    parseGoDuration(value);
  } catch (error) {
    if (!(error instanceof DurationSyntaxError)) throw error;
    throw new KubectlUsageError(INVALID);
  }
}

/** The limit on each request in ms (`0`, the default, is none). Call after checkRequestTimeout. */
export function requestTimeoutMs(args: ParsedArgs): number | undefined {
  const value = flagString(args, 'request-timeout');
  if (value === undefined) return undefined;
  const ms = /^\+?\d+$/.test(value) ? Number(value) * 1000 : parseGoDuration(value);
  return ms > 0 ? ms : undefined;
}

/** A request that fails as kubectl's does when the server has not answered within `limitMs`. */
export async function timedRequest(connection: KubeConnection, req: KubeRequest, limitMs: number | undefined): Promise<KubeResponse> {
  if (limitMs === undefined) return connection.request(req);
  const deadline = AbortSignal.timeout(limitMs);
  try {
    return await connection.request({ ...req, signal: req.signal ? AbortSignal.any([req.signal, deadline]) : deadline });
  } catch (error) {
    if (deadline.aborted && !req.signal?.aborted) throw new KubeTransportError('Unable to connect to the server: context deadline exceeded', 'ETIMEDOUT', `The server did not answer within --request-timeout (${limitMs / 1000} s): it is slow or overloaded. Try again, or allow a longer --request-timeout.`);
    throw error;
  }
}
