// The health view's Kubernetes model as bench:health builds it: a context's
// cache (the shipped one, or one whose watch lines are timed) feeding its
// model, judged by the runbook's thresholds as HealthMonitor.model() judges a
// context when Kubernetes is the only source; and, to compare, the model
// built whole from the cache's objects.

import { resolveKubeConfig } from '../src/core/connections/kubeConfig';
import { KubeConnection } from '../src/core/connections/kubeConnection';
import { hostMappings } from '../src/core/connections/hosts';
import { healthModel, type HealthModel } from '../src/core/health/healthNode';
import { KUBE_RESOURCES, KubeCache, connectionTransport, type KubeTransport } from '../src/core/health/kube';
import { kubeTarget } from '../src/core/health/kube/kubeMeasure';
import { KubeModel } from '../src/core/health/kube/kubeModel';
import { feedKubeModel } from '../src/core/health/kube/modelFeed';
import { kubeTree } from '../src/core/health/kube/kubeTree';
import { kubeSnapshot } from '../src/core/health/kube/snapshot';
import { podGroups, type BreachTracker, type ThresholdGroup } from '../src/core/thresholds';

type Env = Readonly<Record<string, string | undefined>>;

/** A context's model, fed by its cache from now on, as HealthMonitor keeps one. */
export function feedModel(cache: KubeCache): KubeModel {
  const model = new KubeModel({ context: cache.context });
  feedKubeModel(cache, model);
  return model;
}

/** The model now, as HealthMonitor.model() gives it for a context when Kubernetes is the only source: what changed judged, the tree updated. */
export function updatedModel(model: KubeModel, groups: readonly ThresholdGroup[], tracker: BreachTracker): HealthModel {
  const judge = { groups, tracker, now: new Date(), target: kubeTarget(model.context), forPod: podGroups(groups) };
  const verdicts = model.update(judge);
  return healthModel([model.tree(groups, { level: 'ok', verdicts, findings: [], measurements: [] })]);
}

/** The model built whole from the cache's objects, as every change did before the model was kept up to date. */
export function wholeModel(cache: KubeCache, groups: readonly ThresholdGroup[], tracker: BreachTracker): HealthModel {
  return healthModel([kubeTree(kubeSnapshot(cache), groups, tracker, new Date())]);
}

/**
 * A cache for the current context as openKubeCache opens it, whose pod watch
 * lines are timed: `onApplied` gets, for each event but a bookmark, the ms from a line's arrival until the
 * cache has applied it and told its subscribers (`applied`), and until `after` returned (`updated`).
 */
export function openTimedKubeCache(env: Env, onApplied: (ms: { applied: number; updated: number }) => void, after: () => void = () => {}): KubeCache {
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
              if (/^\{\s*"type"\s*:\s*"BOOKMARK"/.test(line)) return onLine(line);
              const start = performance.now();
              onLine(line);
              const applied = performance.now() - start;
              after();
              onApplied({ applied, updated: performance.now() - start });
            }
          : onLine,
        signal,
      ),
  };
  return new KubeCache(timed, config.context);
}
