// What one context's cache holds when the tree is built: the cached objects
// of each type (see transform.ts for what is kept) and the metrics API's usage.

import type { KubeItem } from './transform';

export interface KubeSnapshot {
  context: string;
  server?: string;
  pods: readonly KubeItem[];
  deployments: readonly KubeItem[];
  statefulsets: readonly KubeItem[];
  replicasets: readonly KubeItem[];
  hpas: readonly KubeItem[];
  nodes: readonly KubeItem[];
  pvcs: readonly KubeItem[];
  /** Warning events only. */
  events: readonly KubeItem[];
  /** Pod usage from the metrics API, by `namespace/name`; absent when the cluster has no metrics API. */
  podMetrics?: ReadonlyMap<string, { cpuMillicores: number; memoryBytes: number }>;
  /** Node usage from the metrics API, by name. */
  nodeMetrics?: ReadonlyMap<string, { cpuMillicores: number; memoryBytes: number }>;
}
