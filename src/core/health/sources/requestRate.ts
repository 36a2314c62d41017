// Requests per second from a Prometheus text endpoint the runbook names
// (front matter `metrics: {Application Servers: https://.../metrics}`): the
// `http_requests_total` counters added up, read twice a second apart on the
// first read (a rate needs two samples), then once a poll, the rate being the
// difference over the time between reads.

import { abortableSleep } from '../../util/abortableSleep';
import { explainHttp, fetchUrl } from './http';
import { startPoller, type HealthSource } from './poller';

type Env = Readonly<Record<string, string | undefined>>;

export const REQUESTS_COUNTER = 'http_requests_total';

export interface RequestRateSnapshot {
  url: string;
  /** The counter's total at the last read. */
  total: number;
  perSecond: number;
  /** Seconds between the two reads the rate comes from. */
  overSeconds: number;
}

export function startRequestRateSource(options: { env: Env; url: string; intervalMs: number; firstGapMs?: number }): HealthSource<RequestRateSnapshot> {
  let previous: { total: number; at: number } | undefined;
  const sample = async (signal: AbortSignal) => {
    const { data, body } = await fetchUrl(options.url, options.env, signal, true);
    if (data.status < 200 || data.status >= 300) throw new Error(`The requested URL returned error: ${data.status}`);
    const total = counterTotal(body, REQUESTS_COUNTER);
    if (total === undefined) throw new Error(`${options.url} has no ${REQUESTS_COUNTER} counter`);
    return { total, at: performance.now() };
  };
  const read = async (signal: AbortSignal): Promise<RequestRateSnapshot> => {
    if (!previous) {
      previous = await sample(signal);
      await abortableSleep(options.firstGapMs ?? 1000, signal);
    }
    const now = await sample(signal);
    const overSeconds = (now.at - previous.at) / 1000;
    // A counter that went down was reset (the app restarted): count from zero.
    const grown = now.total >= previous.total ? now.total - previous.total : now.total;
    previous = now;
    return { url: options.url, total: now.total, perSecond: overSeconds > 0 ? grown / overSeconds : 0, overSeconds };
  };
  return startPoller({ read, explain: (error) => explainHttp(error, options.url), close: async () => undefined, intervalMs: options.intervalMs });
}

/** The sum of a counter's samples in Prometheus text format (every label set), or undefined when it has none. */
export function counterTotal(text: string, name: string): number | undefined {
  let total: number | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!m || m[1] !== name) continue;
    const value = Number(m[3]);
    if (Number.isFinite(value)) total = (total ?? 0) + value;
  }
  return total;
}
