// The custom metrics API (custom.metrics.k8s.io v1beta2 and v1beta1) as a
// cluster with a metrics adapter serves it: discovery lists each metric as
// `pods/<metric>` and `services/<metric>`, and a read gives a MetricValueList.
// One metric, http_requests_per_second: the scenario's request rate, split
// evenly across the app's ready pods (for a pod), or the whole rate (for the
// app's Service). Other pods have no series, as an adapter would have none.
import type { SimContext } from './context';
import { failure } from './errors';
import { formatCpu } from './quantity';
import { KEYS } from './resources';
import { matchesLabels, parseLabelSelector } from './selectors';
import { rfc3339, type Json, type KubeObject } from './util';

export const CUSTOM_METRICS_GROUP = 'custom.metrics.k8s.io';
/** Preferred first, as the adapter registers them. */
export const CUSTOM_METRICS_VERSIONS = ['v1beta2', 'v1beta1'];
export const REQUESTS_METRIC = 'http_requests_per_second';
/** The rate is over the last minute. */
const WINDOW_SECONDS = 60;
/** The pods whose requests the scenario's rate counts. */
const APP = 'tiktok-toe';
const OBJECTS: { resource: string; kind: string; key: string; namespaced: boolean }[] = [
  { resource: 'pods', kind: 'Pod', key: KEYS.pods, namespaced: true },
  { resource: 'services', kind: 'Service', key: KEYS.services, namespaced: true },
];

export function customMetricsGroup(): Json {
  const versions = CUSTOM_METRICS_VERSIONS.map((v) => ({ groupVersion: `${CUSTOM_METRICS_GROUP}/${v}`, version: v }));
  return { name: CUSTOM_METRICS_GROUP, versions, preferredVersion: versions[0] };
}

/** The APIResourceList of one version: every metric of every kind of object, as `<resource>/<metric>`. */
export function customMetricsResources(version: string): Json {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: `${CUSTOM_METRICS_GROUP}/${version}`,
    resources: OBJECTS.map((o) => ({ name: `${o.resource}/${REQUESTS_METRIC}`, singularName: '', namespaced: o.namespaced, kind: 'MetricValueList', verbs: ['get'] })),
  };
}

/**
 * The group in the aggregated discovery document, as the aggregator converts
 * an adapter's legacy list: each `<resource>/<metric>` is a subresource of a
 * placeholder `<resource>` entry with an empty response kind.
 */
export function customMetricsDiscovery(): Json {
  return {
    metadata: { name: CUSTOM_METRICS_GROUP, creationTimestamp: null },
    versions: CUSTOM_METRICS_VERSIONS.map((version) => ({
      version,
      resources: OBJECTS.map((o) => ({
        resource: o.resource,
        responseKind: {},
        scope: o.namespaced ? 'Namespaced' : 'Cluster',
        singularResource: '',
        verbs: [],
        subresources: [{ subresource: REQUESTS_METRIC, responseKind: { group: CUSTOM_METRICS_GROUP, version, kind: 'MetricValueList' }, verbs: ['get'] }],
      })),
      freshness: 'Current',
    })),
  };
}

/** Requests a second per ready pod of the app in `ns`, with those pods; none when it has no ready pod. */
export function requestsPerPod(ctx: SimContext, ns: string): { pods: KubeObject[]; perPod: number } {
  const pods: KubeObject[] = [];
  ctx.store.scan(KEYS.pods, ns, (p) => {
    if (p.metadata.labels?.app === APP && isReady(p)) pods.push(p);
  });
  return { pods, perPod: pods.length ? ctx.scenario.requestsPerSecond / pods.length : 0 };
}

function isReady(pod: KubeObject): boolean {
  if (pod.status?.phase !== 'Running' || pod.metadata.deletionTimestamp) return false;
  return (pod.status?.conditions ?? []).some((c: Json) => c.type === 'Ready' && c.status === 'True');
}

/** A rate as the adapter writes it: whole when exact, else in thousandths ("483333m"). */
export function rateQuantity(perSecond: number): string {
  return formatCpu(perSecond);
}

/**
 * GET /apis/custom.metrics.k8s.io/<version>/<rest>: `namespaces/NS/<resource>/<name or *>/<metric>`
 * (`?labelSelector=` with `*`). Throws the ApiError a real adapter answers with.
 */
export function customMetricsRead(ctx: SimContext, version: string, rest: string[], query: URLSearchParams): Json {
  if (rest.length !== 5 || rest[0] !== 'namespaces') throw failure(404, 'NotFound', 'the server could not find the requested resource', {});
  const [, ns, resource, name, metric] = rest;
  const object = OBJECTS.find((o) => o.resource === resource);
  if (!object || metric !== REQUESTS_METRIC) throw failure(404, 'NotFound', `the server could not find the metric ${metric} for ${resource}`);
  const selector = parseLabelSelector(query.get('labelSelector'));
  const { pods, perPod } = requestsPerPod(ctx, ns);
  const values: { object: KubeObject; value: number }[] =
    resource === 'pods' ? pods.map((p) => ({ object: p, value: perPod })) : appServices(ctx, ns).map((s) => ({ object: s, value: pods.length ? ctx.scenario.requestsPerSecond : 0 }));
  const chosen = values.filter(({ object: o }) => (name === '*' ? matchesLabels(selector, o.metadata.labels) : o.metadata.name === name));
  if (name !== '*' && !chosen.length) throw failure(404, 'NotFound', `the server could not find the metric ${metric} for ${resource} ${name}`);
  const timestamp = rfc3339();
  return {
    kind: 'MetricValueList',
    apiVersion: `${CUSTOM_METRICS_GROUP}/${version}`,
    metadata: {},
    items: chosen.map(({ object: o, value }) => {
      const describedObject = { kind: object.kind, namespace: ns, name: o.metadata.name, apiVersion: '/v1' };
      return version === 'v1beta1'
        ? { describedObject, metricName: metric, timestamp, window: WINDOW_SECONDS, value: rateQuantity(value), selector: null }
        : { describedObject, metric: { name: metric, selector: null }, timestamp, windowSeconds: WINDOW_SECONDS, value: rateQuantity(value) };
    }),
  };
}

function appServices(ctx: SimContext, ns: string): KubeObject[] {
  const services: KubeObject[] = [];
  ctx.store.scan(KEYS.services, ns, (s) => {
    if (s.metadata.name === APP) services.push(s);
  });
  return services;
}
