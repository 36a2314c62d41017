// The health view's Kubernetes sources: per context, a cache of the objects
// the view measures, kept by list and watch, and the metrics API's usage.

export { backoffDelay, DEFAULT_BACKOFF, type Backoff } from './backoff';
export { KubeCache, openKubeCache, type KubeCacheOptions } from './cache';
export { KubeCollection, type CollectionOptions, type KubeChange } from './collection';
export { KubeMetricsPoller, type MetricsSnapshot, type NodeUsage, type PodUsage, type Usage } from './metrics';
export { describeProblem, type KubeProblem } from './problems';
export { KUBE_RESOURCES, type KubeResourceName, type KubeResourceType } from './resources';
export type { SourceState } from './state';
export { slimObject, type KubeItem, type KubeMeta } from './transform';
export { connectionTransport, type KubeTransport } from './transport';
