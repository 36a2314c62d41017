// The health view's Kubernetes data for one context: one list+watch
// collection per resource type, each started when first asked for and shared
// by every reader, and a metrics poller. `openKubeCache` connects with the
// settings kubectl cells use (KUBECONFIG, the context, RUNBOOK_HOSTS).

import { resolveKubeConfig } from '../../connections/kubeConfig';
import { KubeConnection } from '../../connections/kubeConnection';
import { hostMappings } from '../../connections/hosts';
import type { Backoff } from './backoff';
import { KubeCollection } from './collection';
import { KubeMetricsPoller } from './metrics';
import { KUBE_RESOURCES, type KubeResourceName } from './resources';
import { connectionTransport, type KubeTransport } from './transport';

export interface KubeCacheOptions {
  /** The kubeconfig context; default: the current one. */
  context?: string;
  /** Seconds between metrics polls (default 15). */
  metricsIntervalSeconds?: number;
  pageSize?: number;
  backoff?: Backoff;
  watchTimeoutSeconds?: number;
}

export class KubeCache {
  private readonly collections = new Map<KubeResourceName, KubeCollection>();
  private poller?: KubeMetricsPoller;

  constructor(
    private readonly transport: KubeTransport,
    /** The context's name. */
    readonly context: string,
    private readonly options: KubeCacheOptions = {},
  ) {}

  /** host:port of the context's API server. */
  get server(): string {
    return this.transport.server;
  }

  /** The collection of a type, started on first use; the same one for every caller. */
  collection(name: KubeResourceName): KubeCollection {
    let collection = this.collections.get(name);
    if (!collection) {
      const { pageSize, backoff, watchTimeoutSeconds } = this.options;
      collection = new KubeCollection(this.transport, KUBE_RESOURCES[name], { context: this.context, pageSize, backoff, watchTimeoutSeconds });
      this.collections.set(name, collection.start());
    }
    return collection;
  }

  /** The metrics poller, started on first use. */
  metrics(): KubeMetricsPoller {
    this.poller ??= new KubeMetricsPoller(this.transport, { context: this.context, intervalSeconds: this.options.metricsIntervalSeconds }).start();
    return this.poller;
  }

  /** Stops every watch and the poller, and closes the connection. */
  async stop(): Promise<void> {
    await Promise.all([...[...this.collections.values()].map((c) => c.stop()), this.poller?.stop()]);
    this.transport.close();
  }
}

/**
 * A cache for a context of the kubeconfig(s) in `env` (KUBECONFIG), reached
 * through RUNBOOK_HOSTS like a kubectl cell. Throws when the kubeconfig or
 * the context cannot be read (kubectl's message) or RUNBOOK_HOSTS is malformed.
 */
export function openKubeCache(env: Readonly<Record<string, string | undefined>>, options: KubeCacheOptions = {}): KubeCache {
  const config = resolveKubeConfig(env, { context: options.context });
  // One socket per watch, plus room for list pages and metrics polls.
  const connection = new KubeConnection(config, hostMappings(env), undefined, Object.keys(KUBE_RESOURCES).length + 4);
  return new KubeCache(connectionTransport(connection), config.context, options);
}
