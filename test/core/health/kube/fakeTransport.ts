// A scripted API server for the collection's unit tests: list replies are
// queued by the test, and each watch the collection opens is handed to the
// test, which sends its lines and ends or breaks it. Nothing waits on time.

import type { KubeTransport, Query } from '../../../../src/core/health/kube/transport';

export type Reply = { status: number; body: unknown } | Error;

export class FakeWatch {
  private finish!: (result: { status: number; text?: string }) => void;
  private fail!: (error: Error) => void;
  readonly done: Promise<{ status: number; text?: string }>;

  constructor(
    readonly query: Query,
    private readonly onLine: (line: string) => void,
    signal: AbortSignal,
  ) {
    this.done = new Promise((resolve, reject) => {
      this.finish = resolve;
      this.fail = reject;
    });
    signal.addEventListener('abort', () => this.finish({ status: 200 }), { once: true });
  }

  /** Sends one event line; throws what the collection throws for it (an ERROR event). */
  send(type: string, object: unknown): void {
    try {
      this.onLine(JSON.stringify({ type, object }));
    } catch (error) {
      this.fail(error as Error);
    }
  }

  /** The server ends the stream normally. */
  end(): void {
    this.finish({ status: 200 });
  }

  /** The connection drops. */
  drop(error: Error): void {
    this.fail(error);
  }
}

export class FakeTransport implements KubeTransport {
  readonly server = 'kube.example:6443';
  readonly gets: { path: string; query: Query }[] = [];
  readonly watches: FakeWatch[] = [];
  /** Replies to watch requests with an error status instead of opening a stream, in order. */
  readonly watchRefusals: Reply[] = [];
  private readonly replies: Reply[] = [];
  private waiters: (() => void)[] = [];
  closed = false;

  reply(...replies: Reply[]): void {
    this.replies.push(...replies);
  }

  /** Resolves with the watch after the `count` already opened. */
  async watchNumber(count: number): Promise<FakeWatch> {
    while (this.watches.length <= count) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.watches[count];
  }

  async get(path: string, query: Query, signal: AbortSignal): Promise<{ status: number; text: string }> {
    this.gets.push({ path, query });
    const reply = this.replies.shift();
    if (!reply) return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
    if (reply instanceof Error) throw reply;
    return { status: reply.status, text: JSON.stringify(reply.body) };
  }

  async watch(_path: string, query: Query, onLine: (line: string) => void, signal: AbortSignal): Promise<{ status: number; text?: string }> {
    const refusal = this.watchRefusals.shift();
    if (refusal instanceof Error) throw refusal;
    if (refusal) return { status: refusal.status, text: JSON.stringify(refusal.body) };
    const watch = new FakeWatch(query, onLine, signal);
    this.watches.push(watch);
    for (const wake of this.waiters.splice(0)) wake();
    return watch.done;
  }

  close(): void {
    this.closed = true;
  }
}

/** A list page of objects in the API's shape. */
export function page(items: unknown[], resourceVersion: string, next?: string): Reply {
  return { status: 200, body: { kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion, ...(next ? { continue: next } : {}) }, items } };
}

export function pod(name: string, uid: string, resourceVersion: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { metadata: { name, namespace: 'default', uid, resourceVersion }, spec: { nodeName: 'node-1', containers: [] }, status: { phase: 'Running' }, ...extra };
}
