// Faults a test can put in front of the simulator's API: the next requests
// that match answer with a status of the test's choosing (429 or 503 with
// Retry-After), are held for a while first (a slow server), or lose their
// connection without an answer. Tests only; the shared sandbox never has any.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface KubeFault {
  /** The requests it applies to: an HTTP method and a pattern the path (with its query) must match; default every request. */
  method?: string;
  path?: RegExp;
  /** How many matching requests it applies to (default 1; Infinity until cleared). */
  times?: number;
  /** Hold the request this long before answering (or serving it). */
  delayMs?: number;
  /** Answer with this status, headers and body instead of serving the request. */
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Close the connection without answering. */
  destroy?: boolean;
  /** Told when a request meets the fault (a test acts at that point, not after a delay). */
  onHit?: () => void;
  /** Told when the client of a held request went away before the hold ended (it gave up or was stopped). */
  onAbandoned?: () => void;
}

interface Armed {
  fault: KubeFault;
  left: number;
}

export class KubeFaults {
  private readonly armed: Armed[] = [];
  /** Requests a fault applied to. */
  hits = 0;
  /** Held requests whose client went away before the hold ended. */
  abandoned = 0;
  private readonly open = new Set<ServerResponse>();
  private readonly waiting: { path: RegExp; resolve: () => void }[] = [];

  add(fault: KubeFault): void {
    this.armed.push({ fault, left: fault.times ?? 1 });
  }

  clear(): void {
    this.armed.length = 0;
  }

  /** Resolves once the server has sent the status line of a response to a request whose path matches (a watch is then open). */
  answered(path: RegExp): Promise<void> {
    return new Promise((resolve) => this.waiting.push({ path, resolve }));
  }

  /** Cuts every connection with a request in progress (a watch, a held request), as a crashed server does: no end, no status. */
  dropConnections(): number {
    const cut = this.open.size;
    for (const res of this.open) res.socket?.destroy();
    this.open.clear();
    return cut;
  }

  /** Wraps a request handler: a request a fault matches meets the fault; any other is served. */
  wrap(handle: (req: IncomingMessage, res: ServerResponse) => void): (req: IncomingMessage, res: ServerResponse) => void {
    return (req, res) => {
      this.open.add(res);
      res.on('close', () => this.open.delete(res));
      this.tellWhenAnswered(req, res);
      const armed = this.armed.find((a) => a.left > 0 && matches(a.fault, req));
      if (!armed) return handle(req, res);
      armed.left--;
      this.hits++;
      const { fault } = armed;
      fault.onHit?.();
      const apply = () => {
        if (fault.destroy) res.destroy();
        else if (fault.status !== undefined) answer(res, fault);
        else handle(req, res);
      };
      if (!fault.delayMs) return apply();
      let held = true;
      const timer = setTimeout(() => ((held = false), apply()), fault.delayMs);
      res.on('close', () => {
        if (!held) return;
        clearTimeout(timer);
        this.abandoned++;
        fault.onAbandoned?.();
      });
    };
  }

  private tellWhenAnswered(req: IncomingMessage, res: ServerResponse): void {
    const waiters = this.waiting.filter((w) => w.path.test(req.url ?? '/'));
    if (!waiters.length) return;
    for (const w of waiters) this.waiting.splice(this.waiting.indexOf(w), 1);
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
    res.writeHead = ((...args: unknown[]) => {
      const result = writeHead(...args);
      res.flushHeaders();
      // Told once the bytes so far have left for the client.
      res.socket?.write('', () => waiters.forEach((w) => w.resolve()));
      return result;
    }) as typeof res.writeHead;
  }
}

function matches(fault: KubeFault, req: IncomingMessage): boolean {
  if (fault.method && fault.method !== req.method) return false;
  return !fault.path || fault.path.test(req.url ?? '/');
}

function answer(res: ServerResponse, fault: KubeFault): void {
  const body = fault.body ?? '';
  res.writeHead(fault.status!, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...fault.headers });
  res.end(body);
}
