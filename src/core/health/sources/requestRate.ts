// Requests per second from a Prometheus text endpoint the runbook names
// (a group's binding `metrics: https://.../metrics`): the
// `http_requests_total` counters added up, read twice a second apart on the
// first read (a rate needs two samples), then once a poll, the rate being the
// difference over the time between reads.

import { abortableSleep } from '../../util/abortableSleep';
import { fetchUrl } from './http';

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

export interface PrometheusRateOptions {
  env: Env;
  url: string;
  /** The wait between the first two reads (default 1 s). */
  firstGapMs?: number;
}

/** Reads the endpoint's rate: twice on the first call, then once a call against the call before. */
export function prometheusRateReader(options: PrometheusRateOptions): (signal: AbortSignal) => Promise<RequestRateSnapshot> {
  let previous: { total: number; at: number } | undefined;
  const sample = async (signal: AbortSignal) => {
    const { data, body } = await fetchUrl(options.url, options.env, signal, true);
    if (data.status < 200 || data.status >= 300) throw new Error(`The requested URL returned error: ${data.status}`);
    const total = counterTotal(body, REQUESTS_COUNTER);
    if (total === undefined) throw new Error(`${options.url} has no ${REQUESTS_COUNTER} counter`);
    return { total, at: performance.now() };
  };
  return async (signal) => {
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
