// A threshold group's request rate, for its `requests` threshold: from the
// custom metrics API when an HPA that scales the group's workload uses a
// request metric (hpaRequestMetric.ts), otherwise from the Prometheus endpoint
// the group's binding names (requestRate.ts). Which one is decided again at
// every read, from the current context's cached HPAs, so adding or removing
// the HPA's metric switches the source.

import { resolveKubeConfig } from '../../connections/kubeConfig';
import { KubeConnection } from '../../connections/kubeConnection';
import { hostMappings } from '../../connections/hosts';
import type { Runbook } from '../../runbook';
import type { ThresholdGroup } from '../../thresholds';
import type { KubeCache } from '../kube/cache';
import { connectionTransport, type KubeTransport } from '../kube/transport';
import { requestsWorkload } from '../requestSamples';
import { explainCustomMetrics, readCustomMetricsRate } from './customMetricsRate';
import { explainHttp } from './http';
import { hpaRequestMetric, type HpaRequestMetric } from './hpaRequestMetric';
import { startPoller, type HealthSource, type Unreachable } from './poller';
import { prometheusRateReader, REQUESTS_COUNTER } from './requestRate';

type Env = Readonly<Record<string, string | undefined>>;

export interface GroupRequestRate {
  /** Requests a second; undefined when nothing measures them (no HPA request metric, no endpoint). */
  perSecond?: number;
  source: 'custom-metrics' | 'prometheus' | 'none';
  /** Where the rate came from, in words. */
  detail: string;
}

export interface GroupRequestRateOptions {
  env: Env;
  /** The workload the group's thresholds apply to: `deployment/NAME`. */
  workload?: string;
  /** The group's Prometheus endpoint (`metrics:` in its binding). */
  url?: string;
  /** The current context's cache: its HPAs and workloads. */
  cluster?: KubeCache;
  intervalMs: number;
  /** The wait between the endpoint's first two reads (default 1 s). */
  firstGapMs?: number;
}

/** A source for every group whose rate something can measure: a bound workload with a `requests` threshold, or an endpoint. */
export function requestRateSources(runbook: Runbook | undefined, options: Omit<GroupRequestRateOptions, 'workload' | 'url'>): { group: string; source: HealthSource<GroupRequestRate> }[] {
  return (runbook?.groups ?? []).flatMap((group) => {
    const url = group.binding?.metrics;
    const workload = options.cluster && hasRequestsThreshold(group) ? requestsWorkload(group) : undefined;
    return url || workload ? [{ group: group.name, source: startGroupRequestRateSource({ ...options, url, workload }) }] : [];
  });
}

function hasRequestsThreshold(group: ThresholdGroup): boolean {
  return group.metrics.some((m) => (m.measures ?? m.metric) === 'requests');
}

export function startGroupRequestRateSource(options: GroupRequestRateOptions): HealthSource<GroupRequestRate> {
  const { env, workload, url, cluster } = options;
  const prometheus = url ? prometheusRateReader({ env, url, firstGapMs: options.firstGapMs }) : undefined;
  let transport: KubeTransport | undefined;
  /** The HPA metric the last read used, for explaining its failure. */
  let target: HpaRequestMetric | undefined;

  const requestMetric = async (signal: AbortSignal): Promise<HpaRequestMetric | undefined> => {
    if (!cluster || !workload) return undefined;
    const names = ['horizontalpodautoscalers', 'deployments', 'statefulsets'] as const;
    await untilAborted(Promise.all(names.map((n) => cluster.collection(n).settled())), signal);
    const workloads = [...cluster.collection('deployments').values(), ...cluster.collection('statefulsets').values()];
    return hpaRequestMetric(workload, cluster.collection('horizontalpodautoscalers').values(), workloads);
  };

  const read = async (signal: AbortSignal): Promise<GroupRequestRate> => {
    target = await requestMetric(signal);
    if (target && cluster) {
      transport ??= connectionTransport(new KubeConnection(resolveKubeConfig(env, { context: cluster.context }), hostMappings(env), undefined, 2));
      const rate = await readCustomMetricsRate(transport, target, signal);
      const over = target.over.type === 'Pods' ? `summed over ${rate.objects} pod${rate.objects === 1 ? '' : 's'} of ${target.workload}` : `of ${target.over.resource}/${target.over.name}`;
      return { perSecond: rate.perSecond, source: 'custom-metrics', detail: `custom metrics API (${rate.api}): ${target.metric} ${over}, the metric ${target.hpa} scales on` };
    }
    if (prometheus) {
      const rate = await prometheus(signal);
      return { perSecond: rate.perSecond, source: 'prometheus', detail: `${rate.url}: ${REQUESTS_COUNTER} over ${rate.overSeconds.toFixed(1)} s` };
    }
    return { source: 'none', detail: `no HPA of ${workload} scales on a request metric, and the binding names no metrics endpoint` };
  };

  const explain = (error: unknown): Unreachable => {
    if (target && cluster) return explainCustomMetrics(error, target, { context: cluster.context, server: transport?.server ?? 'the API server' });
    if (url) return explainHttp(error, url);
    return { error: error instanceof Error ? error.message : String(error), hint: `The cluster of context "${cluster?.context ?? 'current'}" was not listed in time to find ${workload}'s HPA; retrying.` };
  };

  return startPoller({ read, explain, close: async () => transport?.close(), intervalMs: options.intervalMs });
}

/** `promise`, or a rejection when `signal` aborts first. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
