// The health view's Kubernetes model as bench:health builds it: a context's
// cache (the shipped one, or one whose watch lines are timed) and the tree
// judged by the runbook's thresholds, as HealthMonitor.model() builds it for a
// context when Kubernetes is the only source; with each stage's time, to show
// where a rebuild's time goes.

import { resolveKubeConfig } from '../src/core/connections/kubeConfig';
import { KubeConnection } from '../src/core/connections/kubeConnection';
import { hostMappings } from '../src/core/connections/hosts';
import { healthModel, type HealthModel } from '../src/core/health/healthNode';
import { KUBE_RESOURCES, KubeCache, connectionTransport, type KubeTransport } from '../src/core/health/kube';
import { measureKube } from '../src/core/health/kube/kubeMeasure';
import { kubeTree } from '../src/core/health/kube/kubeTree';
import { kubeSnapshot } from '../src/core/health/kube/snapshot';
import { BreachTracker, judgeSamples, type ThresholdGroup } from '../src/core/thresholds';

type Env = Readonly<Record<string, string | undefined>>;

export interface ModelStages {
  snapshot: number;
  /** Measuring the context's objects as cells' data (pod rows, top pods, HPAs). */
  measure: number;
  /** Judging the samples twice: every source's together for the threshold nodes, the context's for its pods and workloads. */
  judge: number;
  tree: number;
}

/** The model of one context's cache now, and how long each stage took (ms). */
export function buildModel(cache: KubeCache, groups: readonly ThresholdGroup[], tracker = new BreachTracker()): { model: HealthModel; stages: ModelStages } {
  const now = new Date();
  let t = performance.now();
  const lap = () => {
    const ms = performance.now() - t;
    t = performance.now();
    return ms;
  };
  const snapshot = kubeSnapshot(cache);
  const snapshotMs = lap();
  const measured = measureKube(snapshot, groups, tracker, now);
  const measureMs = lap();
  const all = judgeSamples(groups, measured, tracker, now);
  const verdict = judgeSamples(groups, measured, tracker, now);
  const judgeMs = lap();
  const model = healthModel([kubeTree(snapshot, groups, verdict, all)]);
  return { model, stages: { snapshot: snapshotMs, measure: measureMs, judge: judgeMs, tree: lap() } };
}

/**
 * A cache for the current context as openKubeCache opens it, whose pod watch
 * lines are timed: `onApplied` gets, for each event but a bookmark, the ms from a line's arrival until the
 * cache has applied it and told its subscribers.
 */
export function openTimedKubeCache(env: Env, onApplied: (ms: number) => void): KubeCache {
  const config = resolveKubeConfig(env, {});
  const connection = new KubeConnection(config, hostMappings(env), undefined, Object.keys(KUBE_RESOURCES).length + 4);
  const transport = connectionTransport(connection);
  const timed: KubeTransport = {
    ...transport,
    server: transport.server,
    watch: (path, query, onLine, signal) =>
      transport.watch(
        path,
        query,
        path === KUBE_RESOURCES.pods.path
          ? (line) => {
              const start = performance.now();
              onLine(line);
              const ms = performance.now() - start;
              if (!/^\{\s*"type"\s*:\s*"BOOKMARK"/.test(line)) onApplied(ms);
            }
          : onLine,
        signal,
      ),
  };
  return new KubeCache(timed, config.context);
}
