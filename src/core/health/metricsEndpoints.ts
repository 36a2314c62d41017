// The Prometheus endpoints a runbook names for request rates, in its front
// matter's bindings: `Application Servers: {kubernetes: deployment/web,
// metrics: https://api.example.com/metrics}`. Each is read for that group's
// `requests` threshold.

import type { Runbook } from '../runbook';

export interface MetricsEndpoint {
  group: string;
  url: string;
}

export function metricsEndpoints(runbook: Runbook | undefined): MetricsEndpoint[] {
  return (runbook?.groups ?? []).flatMap((g) => (g.binding?.metrics ? [{ group: g.name, url: g.binding.metrics }] : []));
}
