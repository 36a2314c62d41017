// The health monitor: every source of the health view, started with the
// settings cells use (one Kubernetes cache per context, a PostgreSQL and a
// Redis poller, the buckets and URLs the runbook's steps name), and the tree
// built from what they last read, judged by the runbook's thresholds. The
// view and `runbook health` both read it; it has no vscode.

import { Quantity } from '../units';
import type { Runbook } from '../runbook';
import { BreachTracker, judgeSamples, podGroups, type CellVerdict, type FoundFinding, type Sample, type Verdict } from '../thresholds';
import { databaseVolumes } from '../thresholds/measure/storage';
import { healthModel, judgedLevel, type HealthModel, type HealthNode } from './healthNode';
import { openKubeCache, type KubeCache } from './kube';
import { kubeTarget } from './kube/kubeMeasure';
import { KubeModel } from './kube/kubeModel';
import { feedKubeModel } from './kube/modelFeed';
import { worstVerdicts } from './kube/worstVerdicts';
import { requestSamples } from './requestSamples';
import { requestRateSources, type GroupRequestRate } from './sources/groupRequestRate';
import { kubeSettled, kubeState, watchKube } from './kube/snapshot';
import { httpRoot, postgresRoot, redisRoot, s3Root, sourceSamples, type Judging } from './sourceTrees';
import {
  runbookTargets, startHttpSource, startPostgresSource, startRedisClusterSource, startRedisSource, startS3Source,
  type HealthSource, type HttpSnapshot, type PostgresSnapshot, type RedisClusterSnapshot, type RedisSnapshot, type S3BucketSnapshot,
} from './sources';

type Env = Readonly<Record<string, string | undefined>>;

/** host:port of a redis URL (never its password); the variable's name when it is not one. */
function redisServer(url: string | undefined): string {
  try {
    return url ? new URL(url).host : 'REDIS_URL is not set';
  } catch {
    return 'REDIS_URL';
  }
}

export interface HealthMonitorOptions {
  env: Env;
  /** The runbook whose thresholds judge, and whose steps name the buckets and URLs. */
  runbook?: Runbook;
  /** Kubernetes contexts besides the current one. */
  contexts?: readonly string[];
  /** Seconds between metrics polls (default 15). */
  metricsIntervalSeconds?: number;
  /** Seconds between the other sources' polls (default 15). */
  pollIntervalSeconds?: number;
  now?: () => Date;
}

interface KubeRoot {
  context: string;
  cache?: KubeCache;
  /** The context's tree, kept up to date by the cache's changes. */
  model?: KubeModel;
  /** Why the context could not be opened (its kubeconfig, its name). */
  error?: string;
}

export class HealthMonitor {
  private readonly tracker = new BreachTracker();
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribe: (() => void)[] = [];
  private kube: KubeRoot[] = [];
  private postgres?: HealthSource<PostgresSnapshot>;
  private redis?: HealthSource<RedisSnapshot>;
  private cluster?: HealthSource<RedisClusterSnapshot>;
  private buckets: { bucket: string; source: HealthSource<S3BucketSnapshot> }[] = [];
  private urls: { url: string; source: HealthSource<HttpSnapshot> }[] = [];
  private rates: { group: string; source: HealthSource<GroupRequestRate> }[] = [];
  private timer?: NodeJS.Timeout;

  constructor(private readonly options: HealthMonitorOptions) {}

  /** Opens every source; each reads on its own interval from now on. */
  start(): this {
    const { env } = this.options;
    const intervalMs = (this.options.pollIntervalSeconds ?? 15) * 1000;
    const contexts = [undefined, ...(this.options.contexts ?? [])];
    const seen = new Set<string>();
    for (const context of contexts) {
      try {
        const cache = openKubeCache(env, { context, metricsIntervalSeconds: this.options.metricsIntervalSeconds });
        if (seen.has(cache.context)) {
          void cache.stop();
          continue;
        }
        seen.add(cache.context);
        const model = new KubeModel({ context: cache.context, server: cache.server, refreshMs: (this.options.metricsIntervalSeconds ?? 15) * 1000 });
        this.kube.push({ context: cache.context, cache, model });
        this.unsubscribe.push(...feedKubeModel(cache, model), ...watchKube(cache, () => this.changed()));
      } catch (error) {
        // No kubeconfig at all is no Kubernetes to show; a named context that cannot be opened says why.
        if (context !== undefined || env.KUBECONFIG) this.kube.push({ context: context ?? 'current context', error: (error as Error).message });
      }
    }
    if (Object.keys(env).some((name) => /^PG(HOST|PORT|DATABASE|USER|SERVICE)$/.test(name) && env[name])) {
      this.postgres = this.watch(startPostgresSource({ env, intervalMs, volumes: () => this.volumes() }));
    }
    if (env.REDIS_URL) this.redis = this.watch(startRedisSource({ env, intervalMs }));
    const cluster = startRedisClusterSource({ env, intervalMs });
    if (cluster) this.cluster = this.watch(cluster);
    const targets = this.options.runbook ? runbookTargets(this.options.runbook, env) : { buckets: [], urls: [] };
    this.buckets = targets.buckets.map((bucket) => ({ bucket, source: this.watch(startS3Source({ env, bucket, intervalMs })) }));
    this.urls = targets.urls.map((url) => ({ url, source: this.watch(startHttpSource({ env, url, intervalMs })) }));
    // Request rates: from the custom metrics API where an HPA scales on one, else from the group's Prometheus endpoint.
    this.rates = requestRateSources(this.options.runbook, { env, cluster: this.kube.find((k) => k.cache)?.cache, intervalMs: (this.options.metricsIntervalSeconds ?? 15) * 1000 }).map(({ group, source }) => ({ group, source: this.watch(source) }));
    return this;
  }

  /** Called (at most every 200 ms) when anything the tree shows may have changed. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once every source has given its first answer: the first complete model. */
  async settled(): Promise<void> {
    await Promise.all([
      ...this.kube.map((k) => (k.cache ? kubeSettled(k.cache) : undefined)),
      ...this.pollers().map((s) => (s.current() ? undefined : s.refresh())),
    ]);
  }

  /**
   * The tree as the sources last read it. The other sources are judged now; a Kubernetes context judges
   * only what changed since the last model (and everything once its refresh interval has passed).
   */
  model(): HealthModel {
    const now = this.options.now?.() ?? new Date();
    const groups = this.options.runbook?.groups ?? [];
    // Each context's values judged against each threshold, the worst a group and metric.
    const forPod = podGroups(groups);
    const kubeVerdicts = this.kube.map((k) => k.model?.update({ groups, tracker: this.tracker, now, target: kubeTarget(k.context), forPod }) ?? []);
    // Every other source's values judged together.
    const measured: { samples: Sample[]; findings: FoundFinding[] } = { samples: [], findings: [] };
    const add = (m: { samples: Sample[]; findings: FoundFinding[] }) => {
      measured.samples.push(...m.samples);
      measured.findings.push(...m.findings);
    };
    const pg = this.postgres?.current()?.snapshot;
    if (pg) add(sourceSamples('postgres', { kind: 'postgres', label: pg.database }, pg.measurements));
    const cache = this.redis?.current()?.snapshot;
    if (cache) add(sourceSamples('redis', { kind: 'redis', label: cache.server }, cache.measurements));
    for (const { url, source } of this.urls) {
      const http = source.current()?.snapshot;
      if (http) add(sourceSamples('http', { kind: 'http', label: url }, http.measurements, http.findings));
    }
    for (const { group, source } of this.rates) {
      const reading = source.current();
      if (reading) add(requestSamples(groups, group, reading));
    }
    const others = judgeSamples(groups, measured, this.tracker, now);
    // A threshold is shown once, under its component, whoever measured it, as if all were judged together.
    const all = allVerdicts(groups, kubeVerdicts, others);
    const judging: Judging = { groups, tracker: this.tracker, now, all };
    const roots: HealthNode[] = this.kube.map((k) => this.kubeRoot(k, judging));
    if (this.postgres) roots.push(postgresRoot(this.postgres.current(), judging));
    if (this.redis || this.cluster) roots.push(redisRoot(this.redis?.current(), this.cluster?.current(), judging, redisServer(this.options.env.REDIS_URL)));
    if (this.buckets.length) roots.push(s3Root(this.buckets.map(({ bucket, source }) => ({ bucket, reading: source.current() }))));
    if (this.urls.length) roots.push(httpRoot(this.urls.map(({ url, source }) => ({ url, reading: source.current() })), judging));
    return healthModel(roots);
  }

  /** Reads every poller again now. */
  async refresh(): Promise<void> {
    await Promise.all(this.pollers().map((s) => s.refresh()));
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    for (const off of this.unsubscribe.splice(0)) off();
    await Promise.all([
      ...this.kube.map((k) => k.cache?.stop()),
      ...this.pollers().map((s) => s.stop()),
    ]);
  }

  private kubeRoot(root: KubeRoot, judging: Judging): HealthNode {
    if (!root.cache || !root.model) return { kind: 'kubernetes', name: `context/${root.context}`, label: '', level: 'unreachable', detail: root.error };
    const state = kubeState(root.cache);
    const node = root.model.tree(judging.groups, judging.all);
    if (state.phase === 'failed') return { ...node, level: 'unreachable', detail: `${state.error}\n${state.hint}` };
    if (state.phase === 'reconnecting') return { ...node, stale: { since: new Date(state.lastUpdate ?? state.since).toISOString(), reason: state.error }, detail: `${state.error}\n${state.hint}` };
    return node;
  }

  /** The current context's volumes, for the database size against its PVC. */
  private volumes(): { pvc: string; capacityBytes: number }[] {
    const cache = this.kube.find((k) => k.cache)?.cache;
    if (!cache) return [];
    const pvcs = [...cache.collection('persistentvolumeclaims').values()];
    // The volumes the runbook's Database group claims, as `runbook check` picks them.
    const database = new Set(databaseVolumes(this.options.runbook?.groups ?? [], pvcs.map((p) => p.metadata.name)));
    return pvcs.flatMap((pvc) => {
      const capacity = pvc.status?.capacity?.storage ?? pvc.spec?.resources?.requests?.storage;
      return capacity && database.has(pvc.metadata.name) ? [{ pvc: pvc.metadata.name, capacityBytes: Quantity.of(String(capacity)).value() }] : [];
    });
  }

  /** Every poller started: the database, the cache, the buckets, the URLs and the request rates. */
  private pollers(): HealthSource<unknown>[] {
    const all: (HealthSource<unknown> | undefined)[] = [this.postgres, this.redis, this.cluster, ...this.buckets.map((b) => b.source), ...this.urls.map((u) => u.source), ...this.rates.map((r) => r.source)];
    return all.filter((s): s is HealthSource<unknown> => s !== undefined);
  }

  private watch<T>(source: HealthSource<T>): HealthSource<T> {
    this.unsubscribe.push(source.onUpdate(() => this.changed()));
    return source;
  }

  /** Tells the listeners, at most every 200 ms however many events arrive. */
  private changed(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      for (const listener of this.listeners) listener();
    }, 200);
  }
}

/** The contexts' verdicts and the other sources' as one verdict, as judging all their values together gives it. */
function allVerdicts(groups: Judging['groups'], kube: readonly (readonly Verdict[])[], others: CellVerdict | undefined): CellVerdict | undefined {
  if (!others && kube.every((v) => !v.length)) return undefined;
  const verdicts = worstVerdicts(groups, [...kube, others?.verdicts ?? []]);
  const findings = others?.findings ?? [];
  return { level: judgedLevel([...verdicts.map((v) => v.level), ...findings.map((f) => f.level)]), verdicts, findings, measurements: others?.measurements ?? [] };
}
