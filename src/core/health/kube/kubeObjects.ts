// The Kubernetes objects the health view reads, as the API sends them (after
// the cache drops what the view does not need). Only the fields read are typed.

export interface KubeMeta {
  name: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  ownerReferences?: { kind: string; name: string }[];
  creationTimestamp?: string;
  deletionTimestamp?: string;
}

export interface KubeObject {
  kind?: string;
  metadata: KubeMeta;
  // The API's own shapes vary by kind; each reader checks what it uses.
  spec?: Record<string, any>;
  status?: Record<string, any>;
  /** Events: `Warning` or `Normal`. */
  type?: string;
  reason?: string;
  involvedObject?: { kind?: string; name?: string; namespace?: string };
}

/** What one context's cache holds when the tree is built. */
export interface KubeSnapshot {
  context: string;
  server?: string;
  namespace?: string;
  pods: readonly KubeObject[];
  deployments: readonly KubeObject[];
  statefulsets: readonly KubeObject[];
  replicasets: readonly KubeObject[];
  hpas: readonly KubeObject[];
  nodes: readonly KubeObject[];
  pvcs: readonly KubeObject[];
  /** Warning events only. */
  events: readonly KubeObject[];
  /** Pod usage from the metrics API, by `namespace/name`; absent when the cluster has no metrics API. */
  podMetrics?: ReadonlyMap<string, { cpuMillicores: number; memoryBytes: number }>;
  /** Node usage from the metrics API, by name. */
  nodeMetrics?: ReadonlyMap<string, { cpuMillicores: number; memoryBytes: number }>;
}
