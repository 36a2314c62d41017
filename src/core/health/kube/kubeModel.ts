// One context's health tree, kept up to date by the cache's changes: each
// change costs what it touches, not the size of the cluster. A pod's health
// (its row as a cell gives it, judged alone) is kept by uid and judged again
// only when the pod changes; a workload's node, and its namespace's, are
// rebuilt only when something under them changed (namespaceModel), and
// unchanged nodes are the same objects as before. Everything is judged again
// when new metrics come in and whenever the last full judging is older than
// `refreshMs`, which keeps time-dependent text (a restart's age, how long a
// breach has lasted) current.

import type { CellVerdict, ThresholdGroup, Verdict } from '../../thresholds';
import { judged, nodesNode, volumesNode } from './kubeNodes';
import { NamespaceModel, type Entry } from './namespaceModel';
import type { HealthNode } from '../healthNode';
import { thresholdNodes } from '../thresholdNodes';
import type { KubeChange } from './collection';
import type { KubeResourceName } from './resources';
import { WorstVerdicts, type Judged } from './worstVerdicts';
import { hpaHealth, podsHealth, type Judge, type PodUsage } from './subjectHealth';
import type { KubeItem } from './transform';

type Usage = ReadonlyMap<string, PodUsage>;

/** Autoscalers come after every pod in the judge's order, as `describe hpa` after `get pods` and `top pods`. */
const HPA_ORDER = 2 ** 40;

export interface KubeModelOptions {
  context: string;
  /** host:port of the API server, the root's label. */
  server?: string;
  /** Judge everything again when the last full judging is this old (default 15 s). */
  refreshMs?: number;
}

export class KubeModel {
  /** Every pod by uid, in the cache's order: the order the judge sees them in. */
  private readonly pods = new Map<string, Entry>();
  private readonly hpas = new Map<string, Entry>();
  private readonly namespaces = new Map<string, NamespaceModel>();
  private readonly nodes = new Map<string, KubeItem>();
  private readonly pvcs = new Map<string, KubeItem>();
  /** A warning event's uid -> the namespace it counts in. */
  private readonly warningNamespace = new Map<string, string>();
  private podUsage?: Usage;
  private nodeUsage?: Usage;
  private readonly unjudged = new Set<Entry>();
  private judgedAt = -Infinity;
  private added = 0;
  private groups: readonly ThresholdGroup[] = [];
  private readonly worst = new WorstVerdicts(() => this.groups, () => this.judged());
  private nodesNode?: HealthNode;
  private volumesNode?: HealthNode;

  constructor(private readonly options: KubeModelOptions) {}

  get context(): string {
    return this.options.context;
  }

  /** One change to a cached object. */
  apply(resource: KubeResourceName, { type, object }: KubeChange): void {
    const uid = object.metadata.uid;
    const gone = type === 'deleted';
    switch (resource) {
      case 'pods':
      case 'horizontalpodautoscalers': {
        const ns = this.namespace(object.metadata.namespace);
        const entry = resource === 'pods' ? this.change('pod', this.pods, ns.pods, type, object) : this.change('hpa', this.hpas, ns.hpas, type, object);
        if (entry) this.changed(ns, entry, gone);
        break;
      }
      case 'deployments':
      case 'statefulsets':
        this.namespace(object.metadata.namespace).workloadChanged(resource, object, gone);
        break;
      case 'replicasets':
        this.namespace(object.metadata.namespace).replicasetChanged(object, gone);
        break;
      case 'events': {
        const before = this.warningNamespace.get(uid);
        if (before !== undefined) this.namespace(before).warningsChanged(-1);
        this.warningNamespace.delete(uid);
        if (!gone) {
          const namespace = object.event?.involvedObject?.namespace ?? object.metadata.namespace ?? '';
          this.warningNamespace.set(uid, namespace);
          this.namespace(namespace).warningsChanged(1);
        }
        break;
      }
      case 'nodes':
        if (gone) this.nodes.delete(uid);
        else this.nodes.set(uid, object);
        this.nodesNode = undefined;
        break;
      case 'persistentvolumeclaims':
        if (gone) this.pvcs.delete(uid);
        else this.pvcs.set(uid, object);
        this.volumesNode = undefined;
        break;
    }
  }

  /** A metrics poll's usage, by `namespace/pod` and by node name: every pod is judged again. */
  setUsage(pods: Usage | undefined, nodes: Usage | undefined): void {
    this.podUsage = pods;
    this.nodeUsage = nodes;
    this.judgedAt = -Infinity;
    this.nodesNode = undefined;
  }

  /**
   * Judges what changed (everything, when metrics came in or the last full judging is `refreshMs` old) and
   * returns the context's values judged against each threshold: the worst a group and metric, for every
   * source's thresholds together.
   */
  update(judge: Judge): Verdict[] {
    this.groups = judge.groups;
    if (judge.now.getTime() - this.judgedAt >= (this.options.refreshMs ?? 15_000)) this.judgeAll(judge);
    for (const batch of batches(this.unjudged)) {
      const healths = batch[0].kind === 'pod' ? podsHealth(batch.map((e) => e.object), (pod) => this.usageOf(pod), judge) : batch.map((e) => hpaHealth(e.object, judge));
      batch.forEach((entry, i) => {
        const before = entry.health?.verdicts;
        entry.health = healths[i];
        this.worst.change(entry.order, before, entry.health.verdicts);
        this.changed(this.namespace(entry.object.metadata.namespace), entry, false);
      });
    }
    this.unjudged.clear();
    return this.worst.verdicts();
  }

  /** The tree as last updated; `thresholds`: every source's values judged together, for the threshold nodes. */
  tree(groups: readonly ThresholdGroup[], thresholds: CellVerdict | undefined): HealthNode {
    const shown = [...this.namespaces.values()].filter((ns) => ns.shown);
    const namespaces = shown.sort((a, b) => a.name.localeCompare(b.name)).map((ns) => ns.tree());
    if (this.nodes.size) this.nodesNode ??= nodesNode([...this.nodes.values()], this.nodeUsage);
    if (this.pvcs.size) this.volumesNode ??= volumesNode([...this.pvcs.values()]);
    const children: HealthNode[] = [
      ...thresholdNodes(groups, 'kubernetes', thresholds),
      ...namespaces,
      ...(this.nodes.size ? [this.nodesNode!] : []),
      ...(this.pvcs.size ? [this.volumesNode!] : []),
    ];
    return { kind: 'kubernetes', name: `context/${this.options.context}`, label: this.options.server ?? '', level: judged(children), children };
  }

  /** Every pod, then every autoscaler, as judged: the order a cell's `get pods`, `top pods` and `describe hpa` give them in. */
  private *judged(): Iterable<Judged> {
    for (const entry of this.pods.values()) if (entry.health) yield { order: entry.order, verdicts: entry.health.verdicts };
    for (const entry of this.hpas.values()) if (entry.health) yield { order: entry.order, verdicts: entry.health.verdicts };
  }

  private judgeAll(judge: Judge): void {
    for (const entry of this.pods.values()) this.unjudged.add(entry);
    for (const entry of this.hpas.values()) this.unjudged.add(entry);
    this.judgedAt = judge.now.getTime();
    this.worst.reset();
  }

  /** A pod or autoscaler added, changed or gone: judged again at the next update, in the same place as before. Returns its entry. */
  private change(kind: Entry['kind'], all: Map<string, Entry>, inNamespace: Map<string, Entry>, type: KubeChange['type'], object: KubeItem): Entry | undefined {
    const uid = object.metadata.uid;
    let entry = all.get(uid);
    if (type === 'deleted') {
      if (!entry) return undefined;
      all.delete(uid);
      inNamespace.delete(uid);
      this.unjudged.delete(entry);
      this.worst.change(entry.order, entry.health?.verdicts, undefined);
      return entry;
    }
    if (entry) entry.object = object;
    else {
      entry = { kind, object, order: (kind === 'hpa' ? HPA_ORDER : 0) + this.added++ };
      all.set(uid, entry);
      inNamespace.set(uid, entry);
    }
    this.unjudged.add(entry);
    return entry;
  }

  private changed(ns: NamespaceModel, entry: Entry, gone: boolean): void {
    if (entry.kind === 'pod') ns.podChanged(entry, gone);
    else ns.hpaChanged();
  }

  private usageOf(pod: KubeItem): PodUsage | undefined {
    return this.podUsage?.get(`${pod.metadata.namespace}/${pod.metadata.name}`);
  }

  private namespace(name: string | undefined): NamespaceModel {
    const key = name ?? '';
    let ns = this.namespaces.get(key);
    if (!ns) this.namespaces.set(key, (ns = new NamespaceModel(key)));
    return ns;
  }
}

/** Pods to measure together: those of one namespace, no two with one name; autoscalers apart. */
function batches(entries: Iterable<Entry>): Entry[][] {
  const hpas: Entry[] = [];
  const pods = new Map<string, { names: Set<string>; entries: Entry[] }[]>();
  for (const entry of entries) {
    if (entry.kind === 'hpa') {
      hpas.push(entry);
      continue;
    }
    const { namespace = '', name } = entry.object.metadata;
    const inNamespace = pods.get(namespace) ?? [];
    pods.set(namespace, inNamespace);
    let batch = inNamespace.find((b) => !b.names.has(name));
    if (!batch) inNamespace.push((batch = { names: new Set(), entries: [] }));
    batch.names.add(name);
    batch.entries.push(entry);
  }
  return [...[...pods.values()].flat().map((b) => b.entries), ...(hpas.length ? [hpas] : [])];
}
