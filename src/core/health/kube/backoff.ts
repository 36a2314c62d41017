// How long to wait before the next attempt after `attempt` failures in a
// row: doubling from the first delay, never more than the cap.

export interface Backoff {
  firstMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { firstMs: 500, maxMs: 30_000 };

export function backoffDelay(attempt: number, backoff: Backoff): number {
  if (attempt <= 0) return 0;
  return Math.min(backoff.maxMs, backoff.firstMs * 2 ** Math.min(attempt - 1, 30));
}
