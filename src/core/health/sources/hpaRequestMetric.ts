// Which autoscaler metric is a workload's request rate: the first Pods or
// Object metric, of an HPA that scales the workload, whose name says it
// counts requests (docs/thresholds.md, "Request rates"). Its values come from
// the custom metrics API, as the autoscaler reads them.

import type { KubeItem } from '../kube/transform';

/** An HPA's metric that counts requests, and what the custom metrics API is asked for it. */
export interface HpaRequestMetric {
  /** `hpa/NAME`. */
  hpa: string;
  namespace: string;
  /** `deployment/NAME`, as the runbook binds it. */
  workload: string;
  metric: string;
  /** The metric's own label selector (`metricLabelSelector`), when the HPA gives one. */
  metricSelector?: string;
  /** Pods: every pod of the workload (`labelSelector`); Object: the one object described. */
  over: { type: 'Pods'; podSelector: string } | { type: 'Object'; resource: string; name: string };
}

const REQUEST_WORDS = new Set(['request', 'requests', 'rps', 'qps']);
/** Words that make a request metric something other than a rate of requests served. */
const OTHER_WORDS = new Set(['duration', 'latency', 'bytes', 'size', 'error', 'errors', 'failure', 'failures', 'failed', 'flight', 'inflight', 'pending', 'queue', 'queued', 'total', 'count', 'sum', 'bucket']);

/**
 * A name counts when one of its words (split at `_`, `-`, `.`, `:` and
 * camelCase) is `request`, `requests`, `rps` or `qps`, and none says it is
 * something else: a duration or latency, a size, errors or failures, what is
 * in flight or queued, or a counter's raw total (`_total`, `_count`).
 */
export function isRequestRateMetric(name: string): boolean {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[_\-.:/]+/);
  return words.some((w) => REQUEST_WORDS.has(w)) && !words.some((w) => OTHER_WORDS.has(w));
}

/** The request metric of the first HPA that scales `workload` (`deployment/NAME`), or undefined. */
export function hpaRequestMetric(workload: string, hpas: Iterable<KubeItem>, workloads: Iterable<KubeItem>): HpaRequestMetric | undefined {
  const [kind, name] = workload.split('/');
  for (const hpa of hpas) {
    const ref = hpa.spec?.scaleTargetRef ?? {};
    if (String(ref.kind ?? '').toLowerCase() !== kind || ref.name !== name) continue;
    const namespace = hpa.metadata.namespace ?? 'default';
    for (const m of (hpa.spec?.metrics ?? []) as Record<string, any>[]) { // eslint-disable-line @typescript-eslint/no-explicit-any
      const source = m.type === 'Pods' ? m.pods : m.type === 'Object' ? m.object : undefined;
      const metric = String(source?.metric?.name ?? '');
      if (!metric || !isRequestRateMetric(metric)) continue;
      const metricSelector = source.metric.selector ? labelSelector(source.metric.selector) : undefined;
      const base = { hpa: `hpa/${hpa.metadata.name}`, namespace, workload, metric, ...(metricSelector ? { metricSelector } : {}) };
      if (m.type === 'Object') {
        const target = source.describedObject ?? {};
        return { ...base, over: { type: 'Object', resource: resourceOf(String(target.kind ?? ''), String(target.apiVersion ?? '')), name: String(target.name ?? '') } };
      }
      const scaled = [...workloads].find((w) => w.metadata.name === name && (w.metadata.namespace ?? 'default') === namespace);
      if (!scaled?.spec?.selector) continue;
      return { ...base, over: { type: 'Pods', podSelector: labelSelector(scaled.spec.selector) } };
    }
  }
  return undefined;
}

/** A LabelSelector (matchLabels, matchExpressions) as the `labelSelector` query parameter writes it. */
export function labelSelector(selector: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] }): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions ?? []) {
    const values = `(${(e.values ?? []).join(',')})`;
    if (e.operator === 'In') parts.push(`${e.key} in ${values}`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin ${values}`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

/** The custom metrics API's name for a kind of object: its plural, then its group (`ingresses.networking.k8s.io`). */
function resourceOf(kind: string, apiVersion: string): string {
  const lower = kind.toLowerCase();
  const plural = /(s|x|z|ch|sh)$/.test(lower) ? `${lower}es` : /[^aeiou]y$/.test(lower) ? `${lower.slice(0, -1)}ies` : `${lower}s`;
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return group ? `${plural}.${group}` : plural;
}
