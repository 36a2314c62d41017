// The TikTokToe API's /metrics in the Prometheus text format: a counter of the
// requests it has served, growing at the scenario's requestsPerSecond on the
// sandbox's clock, so that two samples some seconds apart give that rate.
import type { Clock } from './clock';
import type { Scenario } from './scenario';

/** Requests served before the sandbox started (as if the app had been up for a day). */
const EARLIER_SECONDS = 86_400;

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** The counter's value at `now` for an app that started at `started`. */
export function requestsServed(scenario: Scenario, started: number, now: number): number {
  return Math.floor(scenario.requestsPerSecond * (EARLIER_SECONDS + Math.max(0, now - started) / 1000));
}

/** The /metrics page at the clock's current time. */
export function metricsText(scenario: Scenario, started: number, clock: Clock): string {
  return [
    '# HELP http_requests_total Requests served by the TikTokToe API.',
    '# TYPE http_requests_total counter',
    `http_requests_total{service="tiktok-toe-api"} ${requestsServed(scenario, started, clock())}`,
    '',
  ].join('\n');
}
