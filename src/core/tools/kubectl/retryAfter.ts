// kubectl's client answers a 429 or 5xx response that carries a Retry-After
// of whole seconds by waiting that long and sending the request again, up to
// 10 times; the answer after the last try is the one reported.

import { setTimeout as sleep } from 'node:timers/promises';
import type { KubeResponse } from '../../connections/kubeConnection';

/** Retries after the first try, as client-go's default. */
export const MAX_RETRIES = 10;

/** The seconds to wait before sending again, or undefined when the response is not one to retry. */
export function retryAfterSeconds(response: Pick<KubeResponse, 'status' | 'headers'>): number | undefined {
  if (response.status !== 429 && Math.floor(response.status / 100) !== 5) return undefined;
  const header = response.headers['retry-after'];
  if (typeof header !== 'string' || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header.trim());
}

/** Sends, and sends again while the server asks to retry after a while; Stop ends the wait. */
export async function withRetryAfter(send: () => Promise<KubeResponse>, signal: AbortSignal): Promise<KubeResponse> {
  let response = await send();
  for (let retry = 0; retry < MAX_RETRIES; retry++) {
    const seconds = retryAfterSeconds(response);
    if (seconds === undefined) return response;
    await sleep(seconds * 1000, undefined, { signal });
    response = await send();
  }
  return response;
}
