// A workload's request rate from the custom metrics API
// (custom.metrics.k8s.io, v1beta2 or else v1beta1), the metric its HPA scales
// on: for a Pods metric the values of the workload's pods added up, for an
// Object metric the described object's value. Failures say what to check:
// the API not served (no metrics adapter), or the adapter without the metric.

import { Quantity } from '../../units';
import { describeProblem, KubeStatusError, statusError } from '../kube/problems';
import type { KubeTransport } from '../kube/transport';
import type { HpaRequestMetric } from './hpaRequestMetric';
import type { Unreachable } from './poller';

export const CUSTOM_METRICS_GROUP = 'custom.metrics.k8s.io';
const VERSIONS = ['v1beta2', 'v1beta1'];

export interface CustomMetricsRate {
  perSecond: number;
  /** How many objects (pods, or the one object) the values came from. */
  objects: number;
  /** The group version that answered: `custom.metrics.k8s.io/v1beta2`. */
  api: string;
}

interface MetricValueList {
  items?: { value?: string }[];
}

/** The metric's current rate; a 404 from v1beta2 that is not about the metric is asked of v1beta1. */
export async function readCustomMetricsRate(transport: KubeTransport, target: HpaRequestMetric, signal: AbortSignal): Promise<CustomMetricsRate> {
  const { namespace, metric, over } = target;
  const objectPath = over.type === 'Pods' ? `pods/*` : `${over.resource}/${encodeURIComponent(over.name)}`;
  const query = { labelSelector: over.type === 'Pods' ? over.podSelector : undefined, metricLabelSelector: target.metricSelector };
  let failure: unknown;
  for (const version of VERSIONS) {
    const path = `/apis/${CUSTOM_METRICS_GROUP}/${version}/namespaces/${encodeURIComponent(namespace)}/${objectPath}/${encodeURIComponent(metric)}`;
    const response = await transport.get(path, query, signal);
    if (response.status >= 400) {
      failure = statusError(response.status, response.text);
      if (response.status === 404 && !isMetricMissing(failure)) continue;
      throw failure;
    }
    const items = (JSON.parse(response.text) as MetricValueList).items ?? [];
    const milli = items.reduce((sum, item) => sum + Quantity.of(String(item.value ?? '0')).milliValue(), 0);
    return { perSecond: milli / 1000, objects: items.length, api: `${CUSTOM_METRICS_GROUP}/${version}` };
  }
  throw failure;
}

/** The adapter's own 404: it serves the API but has no such metric (`the server could not find the metric …`). */
function isMetricMissing(error: unknown): boolean {
  return error instanceof KubeStatusError && /could not find the metric/.test(error.message);
}

/** What went wrong and what to check, for the HPA's metric on `server` (context `context`). */
export function explainCustomMetrics(error: unknown, target: HpaRequestMetric, where: { context: string; server: string }): Unreachable {
  const api = `${CUSTOM_METRICS_GROUP}/${VERSIONS[0]}`;
  if (isMetricMissing(error)) {
    return {
      error: `Not found (404): ${(error as Error).message}`,
      hint: `${target.hpa} scales on ${target.metric}, but the metrics adapter has no such metric for ${target.over.type === 'Pods' ? 'pods' : target.over.resource}: check the adapter's rules (kubectl get --raw /apis/${api} lists the metrics it serves).`,
    };
  }
  if (error instanceof KubeStatusError && error.status === 404) {
    return {
      error: `Not found (404): ${error.message}`,
      hint: `${target.hpa} scales on ${target.metric}, but the cluster of context "${where.context}" does not serve the custom metrics API: check that a metrics adapter (such as prometheus-adapter) is installed and that kubectl get apiservice v1beta2.${CUSTOM_METRICS_GROUP} says Available.`,
    };
  }
  if (error instanceof KubeStatusError && error.status === 503) {
    return {
      error: `Service unavailable (503): ${error.message}`,
      hint: `The metrics adapter behind ${CUSTOM_METRICS_GROUP} is not answering: kubectl get apiservice v1beta2.${CUSTOM_METRICS_GROUP} says why.`,
    };
  }
  const { error: message, hint } = describeProblem(error, { ...where, what: `the custom metrics API (${CUSTOM_METRICS_GROUP})` });
  return { error: message, hint };
}
