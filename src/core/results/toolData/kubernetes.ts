// What kubectl emits next to its text: tables as the server sent them, the
// usage `top` reports, what a write did to which object.

/** One cell of a server-side Table row, as the server sent it (objects arrive as the JSON kubectl prints). */
export type TableCell = string | number | boolean | null;

/** Rows a command printed, one line each, in the order printed. */
export interface PrintedRows {
  /** Cells in `columns` order. */
  rows: TableCell[][];
  /**
   * Lines printed before the first of these rows, counted from the end of the command's previous
   * rows (or the start of its output): the column header, and the blank line between resource types.
   */
  headerLines: number;
}

/** kubectl get (table output): one resource type's rows. */
export interface KubeTableData extends PrintedRows {
  kind: 'table';
  /** Plural resource: `pods`, `horizontalpodautoscalers`. */
  resource: string;
  /** The columns printed (all of them with -o wide), without the NAMESPACE column of -A. */
  columns: string[];
}

/** kubectl get -w: the rows one change printed, in the columns of the table before it. */
export interface KubeWatchEventData extends PrintedRows {
  kind: 'watch-event';
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'ERROR';
}

/** kubectl get -o json|yaml|name|jsonpath|custom-columns: how many objects were printed. */
export interface KubeObjectsData {
  kind: 'objects';
  objects: number;
}

export interface TopPod {
  namespace: string;
  name: string;
  cpuMillicores: number;
  memoryBytes: number;
  cpuRequestMillicores?: number;
  memoryRequestBytes?: number;
  cpuLimitMillicores?: number;
  memoryLimitBytes?: number;
  containers: { name: string; cpuMillicores: number; memoryBytes: number }[];
}

/** kubectl top pods: each pod's usage with what its containers request and are limited to. */
export interface TopPodsData {
  kind: 'top-pods';
  /** In the order printed. */
  pods: TopPod[];
  /** Lines before the first row: the header, or none with --no-headers. */
  headerLines: number;
  /** --containers: a row per container, so `pods[i]` is not the i-th row. */
  containerRows: boolean;
}

export interface TopNode {
  name: string;
  cpuMillicores: number;
  memoryBytes: number;
  cpuAllocatableMillicores?: number;
  memoryAllocatableBytes?: number;
  cpuPercent?: number;
  memoryPercent?: number;
}

/** kubectl top nodes. */
export interface TopNodesData {
  kind: 'top-nodes';
  nodes: TopNode[];
  /** What the percentages are of (`capacity` with --show-capacity). */
  basis: 'allocatable' | 'capacity';
}

/** One metric of kubectl describe hpa, `current / target`. */
export interface HpaMetricReading {
  type: string;
  resource?: string;
  metric?: string;
  container?: string;
  current: number | string | null;
  target: number | string | null;
  unit?: '%';
}

/** kubectl describe hpa. */
export interface HpaData {
  kind: 'hpa';
  name: string;
  namespace: string;
  /** The scale target: `Deployment/tiktok-toe`. */
  target: string;
  currentReplicas: number;
  desiredReplicas: number;
  minReplicas: number | null;
  maxReplicas: number;
  metrics: HpaMetricReading[];
}

/** kubectl describe: which objects were described (`deployment.apps/web`). */
export interface DescribeData {
  kind: 'describe';
  objects: string[];
}

export interface EventSummary {
  namespace?: string;
  type?: string;
  reason?: string;
  /** `Pod/web-1`. */
  object: string;
  count: number;
  lastSeen: string;
  message?: string;
}

/** kubectl events. */
export interface EventsData {
  kind: 'events';
  events: EventSummary[];
}

export interface LogsData {
  kind: 'logs';
  sources: { namespace: string; pod: string; container: string }[];
  lines: number;
  follow: boolean;
}

export interface ApiResourcesData {
  kind: 'api-resources';
  resources: { name: string; apiVersion: string; namespaced: boolean; kind: string }[];
}

export interface ApiVersionsData {
  kind: 'api-versions';
  versions: string[];
}

export interface ClusterInfoData {
  kind: 'cluster-info';
  controlPlane: string;
  services: string[];
}

export interface VersionData {
  kind: 'version';
  client: string;
  server?: string;
}

export interface WaitData {
  kind: 'wait';
  /** The --for condition as given. */
  for: string;
  met: { object: string; namespace?: string }[];
}

export interface KubeContextsData {
  kind: 'kube-contexts';
  current?: string;
  /** Each context's fields as the kubeconfig has them (`cluster`, `user`, `namespace`, ...). */
  contexts: ({ name: string } & Record<string, unknown>)[];
}

export interface KubeContextData {
  kind: 'kube-context';
  context: string;
  file: string;
}

export interface KubeContextEditData {
  kind: 'kube-context-edit';
  context: string;
  file: string;
  changes: Record<string, string>;
}
