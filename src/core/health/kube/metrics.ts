// CPU and memory usage from the metrics API (metrics.k8s.io), polled every
// interval while started: one request for all pods, one for all nodes. Usage
// is kept as the API gives it (quantities such as `250m`, `128Mi`); a cluster
// without the metrics API gives a `failed` state that reads "not measured".

import { abortableSleep } from '../../util/abortableSleep';
import { describeProblem, statusError } from './problems';
import type { SourceState } from './state';
import type { KubeTransport } from './transport';

const METRICS_PATH = '/apis/metrics.k8s.io/v1beta1';

export interface Usage {
  cpu?: string;
  memory?: string;
}

export interface PodUsage {
  namespace: string;
  name: string;
  containers: { name: string; usage: Usage }[];
}

export interface NodeUsage {
  name: string;
  usage: Usage;
}

export interface MetricsSnapshot {
  /** When the poll ended (ms since the epoch). */
  at: number;
  pods: PodUsage[];
  nodes: NodeUsage[];
}

export interface MetricsOptions {
  context: string;
  intervalSeconds?: number;
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

interface MetricsList {
  items?: { metadata?: { name?: string; namespace?: string }; usage?: Usage; containers?: { name?: string; usage?: Usage }[] }[];
}

export class KubeMetricsPoller {
  private current: SourceState = { phase: 'listing' };
  private last?: MetricsSnapshot;
  private readonly listeners = new Set<(snapshot: MetricsSnapshot | undefined, state: SourceState) => void>();
  private readonly stopping = new AbortController();
  private running?: Promise<void>;

  constructor(
    private readonly transport: KubeTransport,
    private readonly options: MetricsOptions,
  ) {}

  get state(): SourceState {
    return this.current;
  }

  /** The latest usage, undefined until the first poll succeeds. */
  get snapshot(): MetricsSnapshot | undefined {
    return this.last;
  }

  /** Called after every poll, with the usage (if any) and the state. */
  subscribe(listener: (snapshot: MetricsSnapshot | undefined, state: SourceState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): this {
    this.running ??= this.run();
    return this;
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
  }

  /** One poll now: both lists, or the state that says why not. */
  async poll(): Promise<void> {
    const now = this.options.now ?? Date.now;
    const signal = this.stopping.signal;
    try {
      const [pods, nodes] = await Promise.all([this.read('pods', signal), this.read('nodes', signal)]);
      this.last = {
        at: now(),
        pods: (pods.items ?? []).map((p) => ({
          namespace: p.metadata?.namespace ?? '',
          name: p.metadata?.name ?? '',
          containers: (p.containers ?? []).map((c) => ({ name: c.name ?? '', usage: { cpu: c.usage?.cpu, memory: c.usage?.memory } })),
        })),
        nodes: (nodes.items ?? []).map((n) => ({ name: n.metadata?.name ?? '', usage: { cpu: n.usage?.cpu, memory: n.usage?.memory } })),
      };
      this.current = { phase: 'live', lastUpdate: this.last.at };
    } catch (error) {
      if (signal.aborted) return;
      const problem = describeProblem(error, { context: this.options.context, server: this.transport.server, what: 'the metrics API (metrics.k8s.io)' });
      const lastUpdate = this.last?.at;
      this.current =
        lastUpdate === undefined || problem.lasting
          ? { phase: 'failed', error: problem.error, hint: problem.hint, lastUpdate, notMeasured: problem.notMeasured }
          : { phase: 'reconnecting', since: this.current.phase === 'reconnecting' ? this.current.since : now(), lastUpdate, error: problem.error, hint: problem.hint };
    }
    for (const listener of [...this.listeners]) listener(this.last, this.current);
  }

  private async read(kind: 'pods' | 'nodes', signal: AbortSignal): Promise<MetricsList> {
    const response = await this.transport.get(`${METRICS_PATH}/${kind}`, {}, signal);
    if (response.status >= 400) throw statusError(response.status, response.text);
    return JSON.parse(response.text) as MetricsList;
  }

  private async run(): Promise<void> {
    const sleep = this.options.sleep ?? abortableSleep;
    const intervalMs = (this.options.intervalSeconds ?? 15) * 1000;
    while (!this.stopping.signal.aborted) {
      await this.poll();
      await sleep(intervalMs, this.stopping.signal);
    }
  }
}
