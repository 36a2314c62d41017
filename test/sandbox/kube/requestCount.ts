// How many requests the simulator has served, by verb and path: a list, a
// watch and a single object's GET count apart, so a benchmark can tell a
// relist from a metrics poll.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type RequestCounts = Record<string, number>;

/** `GET /api/v1/pods`, `WATCH /api/v1/pods` (a `?watch=` or `/watch/` request), `PATCH /apis/...`. */
export function requestKey(method: string, url: string): string {
  const parsed = new URL(url, 'http://sandbox');
  const watch = parsed.searchParams.get('watch');
  const path = parsed.pathname.replace(/\/+$/, '') || '/';
  const isWatch = (watch !== null && watch !== 'false' && watch !== '0') || /^\/apis?\/(?:[^/]+\/)*watch\//.test(path);
  return `${isWatch ? 'WATCH' : method} ${path}`;
}

export class RequestCounter {
  private readonly counts = new Map<string, number>();

  /** Wraps a request handler so that every request it is given is counted first. */
  counting(handle: (req: IncomingMessage, res: ServerResponse) => void): (req: IncomingMessage, res: ServerResponse) => void {
    return (req, res) => {
      const key = requestKey(req.method ?? 'GET', req.url ?? '/');
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      handle(req, res);
    };
  }

  snapshot(): RequestCounts {
    return Object.fromEntries(this.counts);
  }
}
