// A health source polls one thing (a database, a Redis server, a bucket, a
// URL) on its own interval: a typed snapshot when the read succeeds, the
// error and what to do about it when it does not, and the time of the last
// good read, so a view can show the last snapshot as stale.

export type SourceState = { status: 'ok' } | { status: 'unreachable'; error: string; hint: string };

export interface SourceReading<T> {
  state: SourceState;
  /** The last snapshot read; kept while the source is unreachable. */
  snapshot?: T;
  /** ISO time of the last successful read. */
  lastUpdate?: string;
  /** ISO time of the last attempt, successful or not. */
  checkedAt: string;
}

/** Why a read failed, for people: the error as the CLI would word it, and what to check. */
export interface Unreachable {
  error: string;
  hint: string;
}

export interface PollerOptions<T> {
  /** Reads one snapshot; `signal` aborts when the source stops or the read takes longer than `timeoutMs`. */
  read(signal: AbortSignal): Promise<T>;
  explain(error: unknown): Unreachable;
  /** Closes what `read` opened. */
  close(): Promise<void>;
  intervalMs: number;
  /** Default 10 s. */
  timeoutMs?: number;
}

export interface HealthSource<T> {
  /** The latest reading; undefined before the first read has finished. */
  current(): SourceReading<T> | undefined;
  /** Called after every read. Returns the unsubscribe function. */
  onUpdate(listener: (reading: SourceReading<T>) => void): () => void;
  /** Reads now (joining a read already under way) and resolves with its reading. */
  refresh(): Promise<SourceReading<T>>;
  stop(): Promise<void>;
}

export function startPoller<T>(options: PollerOptions<T>): HealthSource<T> {
  const stopping = new AbortController();
  const listeners = new Set<(reading: SourceReading<T>) => void>();
  let reading: SourceReading<T> | undefined;
  let inFlight: Promise<SourceReading<T>> | undefined;
  let timer: NodeJS.Timeout | undefined;

  const readOnce = async (): Promise<SourceReading<T>> => {
    const signal = AbortSignal.any([stopping.signal, AbortSignal.timeout(options.timeoutMs ?? 10_000)]);
    let next: SourceReading<T>;
    try {
      const snapshot = await options.read(signal);
      const now = new Date().toISOString();
      next = { state: { status: 'ok' }, snapshot, lastUpdate: now, checkedAt: now };
    } catch (error) {
      const { error: message, hint } = options.explain(error);
      next = { state: { status: 'unreachable', error: message, hint }, snapshot: reading?.snapshot, lastUpdate: reading?.lastUpdate, checkedAt: new Date().toISOString() };
    }
    if (stopping.signal.aborted) return next;
    reading = next;
    for (const listener of listeners) listener(next);
    return next;
  };

  const poll = (): Promise<SourceReading<T>> => {
    if (stopping.signal.aborted) return Promise.reject(new Error('the health source has stopped'));
    inFlight ??= readOnce().finally(() => {
      inFlight = undefined;
      schedule();
    });
    return inFlight;
  };

  const schedule = () => {
    clearTimeout(timer);
    if (!stopping.signal.aborted) timer = setTimeout(() => void poll(), options.intervalMs);
  };

  void poll();
  return {
    current: () => reading,
    onUpdate(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refresh: poll,
    async stop() {
      stopping.abort();
      clearTimeout(timer);
      await inFlight?.catch(() => undefined);
      await options.close();
    },
  };
}
