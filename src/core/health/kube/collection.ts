// All objects of one resource type in one context, kept current by list and
// watch: a paginated list, then a watch from the list's resourceVersion (with
// bookmarks) that applies each event to a map keyed by uid. A 410 Gone
// relists; a dropped connection reconnects with a capped exponential backoff
// and resumes from the last resourceVersion seen. Objects are slimmed before
// they are kept. Each event costs the same whatever the collection's size.

import { abortableSleep } from '../../util/abortableSleep';
import { backoffDelay, DEFAULT_BACKOFF, type Backoff } from './backoff';
import { describeProblem, KubeExpiredError, statusError } from './problems';
import type { KubeResourceType } from './resources';
import type { SourceState } from './state';
import { slimObject, type Json, type KubeItem } from './transform';
import type { KubeTransport } from './transport';

export interface KubeChange {
  type: 'added' | 'modified' | 'deleted';
  object: KubeItem;
}

export interface CollectionOptions {
  /** The kubeconfig context, for messages. */
  context: string;
  /** Objects per list page (default 500). */
  pageSize?: number;
  backoff?: Backoff;
  /** How long the server keeps one watch open (default 300 s); the client gives up 30 s after that. */
  watchTimeoutSeconds?: number;
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: Json;
}

export class KubeCollection {
  private items = new Map<string, KubeItem>();
  private readonly changeListeners = new Set<(change: KubeChange) => void>();
  private readonly stateListeners = new Set<(state: SourceState) => void>();
  private current: SourceState = { phase: 'listing' };
  private lastUpdate?: number;
  private resourceVersion?: string;
  private readonly stopping = new AbortController();
  private running?: Promise<void>;
  private readonly pageSize: number;
  private readonly backoff: Backoff;
  private readonly watchTimeoutSeconds: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;

  constructor(
    private readonly transport: KubeTransport,
    readonly resource: KubeResourceType,
    private readonly options: CollectionOptions,
  ) {
    this.pageSize = options.pageSize ?? 500;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.watchTimeoutSeconds = options.watchTimeoutSeconds ?? 300;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? abortableSleep;
  }

  get state(): SourceState {
    return this.current;
  }

  get size(): number {
    return this.items.size;
  }

  get(uid: string): KubeItem | undefined {
    return this.items.get(uid);
  }

  values(): IterableIterator<KubeItem> {
    return this.items.values();
  }

  /** Called with every change to the kept objects; returns the unsubscribe. */
  subscribe(listener: (change: KubeChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  onStateChange(listener: (state: SourceState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Resolves at the first state that is `live` or `failed`: the first complete answer, good or bad. */
  settled(): Promise<SourceState> {
    const isAnswer = (state: SourceState) => state.phase === 'live' || state.phase === 'failed';
    if (isAnswer(this.current)) return Promise.resolve(this.current);
    return new Promise((resolve) => {
      const off = this.onStateChange((state) => {
        if (!isAnswer(state)) return;
        off();
        resolve(state);
      });
    });
  }

  /** Starts listing and watching; a second call does nothing. */
  start(): this {
    this.running ??= this.run();
    return this;
  }

  /** Ends the watch and any wait; resolves once the loop has ended. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
  }

  private async run(): Promise<void> {
    const signal = this.stopping.signal;
    let failures = 0;
    while (!signal.aborted) {
      try {
        if (this.resourceVersion === undefined) {
          await this.list(signal);
          failures = 0;
        }
        const eventsSeen = await this.watch(signal);
        if (eventsSeen > 0) failures = 0;
        else if (!signal.aborted) await this.sleep(backoffDelay(++failures, this.backoff), signal);
      } catch (error) {
        if (signal.aborted) return;
        failures += 1;
        let lasting = false;
        if (error instanceof KubeExpiredError) this.resourceVersion = undefined;
        else lasting = this.report(error);
        await this.sleep(lasting ? this.backoff.maxMs : backoffDelay(failures, this.backoff), signal);
      }
    }
  }

  /** Lists every page into a new map, then replaces the kept objects, telling subscribers what changed. */
  private async list(signal: AbortSignal): Promise<void> {
    if (this.current.phase !== 'listing') this.setState({ phase: 'listing', lastUpdate: this.lastUpdate });
    const fresh = new Map<string, KubeItem>();
    let token: string | undefined;
    let resourceVersion = '';
    do {
      const query = { limit: this.pageSize, continue: token, fieldSelector: this.resource.fieldSelector };
      const response = await this.transport.get(this.resource.path, query, signal);
      if (response.status >= 400) throw statusError(response.status, response.text);
      const page = JSON.parse(response.text) as { metadata?: { resourceVersion?: string; continue?: string }; items?: Json[] };
      for (const raw of page.items ?? []) {
        const item = slimObject(this.resource.name, raw);
        fresh.set(item.metadata.uid, item);
      }
      token = page.metadata?.continue || undefined;
      resourceVersion = page.metadata?.resourceVersion ?? '';
    } while (token);
    const previous = this.items;
    this.items = fresh;
    this.resourceVersion = resourceVersion;
    for (const [uid, item] of fresh) {
      const before = previous.get(uid);
      if (!before) this.emit({ type: 'added', object: item });
      else if (before.metadata.resourceVersion !== item.metadata.resourceVersion) this.emit({ type: 'modified', object: item });
    }
    for (const [uid, item] of previous) if (!fresh.has(uid)) this.emit({ type: 'deleted', object: item });
    this.updated();
  }

  /** One watch from the last resourceVersion, until the server ends it; returns how many lines it read. */
  private async watch(signal: AbortSignal): Promise<number> {
    const watchEnd = new AbortController();
    const endWatch = () => watchEnd.abort();
    signal.addEventListener('abort', endWatch, { once: true });
    // A watch the server forgets to end (a silently dead connection) is ended here.
    const deadline = setTimeout(endWatch, (this.watchTimeoutSeconds + 30) * 1000);
    deadline.unref?.();
    let lines = 0;
    try {
      const query = {
        watch: 1,
        allowWatchBookmarks: true,
        resourceVersion: this.resourceVersion,
        timeoutSeconds: this.watchTimeoutSeconds,
        fieldSelector: this.resource.fieldSelector,
      };
      const result = await this.transport.watch(
        this.resource.path,
        query,
        (line) => {
          lines += 1;
          this.apply(JSON.parse(line) as WatchEvent);
        },
        watchEnd.signal,
      );
      if (result.status >= 400) throw statusError(result.status, result.text);
      return lines;
    } finally {
      clearTimeout(deadline);
      signal.removeEventListener('abort', endWatch);
    }
  }

  private apply(event: WatchEvent): void {
    if (event.type === 'ERROR') throw statusError(Number(event.object?.code) || 500, JSON.stringify(event.object ?? {}));
    const rv = event.object?.metadata?.resourceVersion as string | undefined;
    if (event.type !== 'BOOKMARK') {
      const item = slimObject(this.resource.name, event.object);
      const uid = item.metadata.uid;
      if (event.type === 'DELETED') {
        if (this.items.delete(uid)) this.emit({ type: 'deleted', object: item });
      } else {
        const known = this.items.has(uid);
        this.items.set(uid, item);
        this.emit({ type: known ? 'modified' : 'added', object: item });
      }
    }
    if (rv) this.resourceVersion = rv;
    this.updated();
  }

  private updated(): void {
    this.lastUpdate = this.now();
    if (this.current.phase === 'live') this.current = { phase: 'live', lastUpdate: this.lastUpdate };
    else this.setState({ phase: 'live', lastUpdate: this.lastUpdate });
  }

  /** Shows the failure: `failed` if it will not pass or nothing was ever listed, else `reconnecting`. Returns whether it will last. */
  private report(error: unknown): boolean {
    const problem = describeProblem(error, { context: this.options.context, server: this.transport.server, what: this.resource.name });
    const { lastUpdate } = this;
    if (problem.lasting || lastUpdate === undefined) {
      this.setState({ phase: 'failed', error: problem.error, hint: problem.hint, lastUpdate, notMeasured: problem.notMeasured });
    } else {
      const since = this.current.phase === 'reconnecting' ? this.current.since : this.now();
      this.setState({ phase: 'reconnecting', since, lastUpdate, error: problem.error, hint: problem.hint });
    }
    return problem.lasting;
  }

  private setState(state: SourceState): void {
    this.current = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }

  private emit(change: KubeChange): void {
    for (const listener of this.changeListeners) listener(change);
  }
}
