// The resource types the health view watches, and where each is listed and
// watched on the API server (all namespaces).

export type KubeResourceName =
  | 'pods'
  | 'deployments'
  | 'statefulsets'
  | 'replicasets'
  | 'horizontalpodautoscalers'
  | 'nodes'
  | 'persistentvolumeclaims'
  | 'events';

export interface KubeResourceType {
  name: KubeResourceName;
  /** The collection's path, e.g. `/apis/apps/v1/deployments`. */
  path: string;
  /** Narrows what is listed and watched (events: warnings only). */
  fieldSelector?: string;
}

export const KUBE_RESOURCES: Readonly<Record<KubeResourceName, KubeResourceType>> = {
  pods: { name: 'pods', path: '/api/v1/pods' },
  deployments: { name: 'deployments', path: '/apis/apps/v1/deployments' },
  statefulsets: { name: 'statefulsets', path: '/apis/apps/v1/statefulsets' },
  replicasets: { name: 'replicasets', path: '/apis/apps/v1/replicasets' },
  horizontalpodautoscalers: { name: 'horizontalpodautoscalers', path: '/apis/autoscaling/v2/horizontalpodautoscalers' },
  nodes: { name: 'nodes', path: '/api/v1/nodes' },
  persistentvolumeclaims: { name: 'persistentvolumeclaims', path: '/api/v1/persistentvolumeclaims' },
  events: { name: 'events', path: '/api/v1/events', fieldSelector: 'type=Warning' },
};
