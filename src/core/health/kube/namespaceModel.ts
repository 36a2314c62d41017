// One namespace of a context's health model: its pods grouped by workload,
// its workloads, autoscalers and warning events, and its nodes kept until
// something under them changes. A pod's change rebuilds its workload's node
// and the namespace's list of children, not the other workloads' nodes.

import type { HealthNode } from '../healthNode';
import { namespaceNode, NO_WORKLOAD, podsNode, workloadNode, type JudgedObject, type WorkloadKind } from './kubeNodes';
import type { SubjectHealth } from './subjectHealth';
import type { KubeItem } from './transform';

/** A pod or an autoscaler, with its place in the judge's order and its health as last judged. */
export interface Entry {
  kind: 'pod' | 'hpa';
  object: KubeItem;
  order: number;
  health?: SubjectHealth;
  /** A pod's group: `deployment/NAME`, `statefulset/NAME` or pods without a workload. */
  owner?: string;
}

export type WorkloadResource = 'deployments' | 'statefulsets';

const KINDS: [WorkloadResource, WorkloadKind][] = [['deployments', 'deployment'], ['statefulsets', 'statefulset']];

export class NamespaceModel {
  /** In the cache's order. */
  readonly pods = new Map<string, Entry>();
  readonly hpas = new Map<string, Entry>();
  private readonly workloads: Record<WorkloadResource, Map<string, KubeItem>> = { deployments: new Map(), statefulsets: new Map() };
  /** A ReplicaSet's name -> the deployment that owns it (`deployment/NAME`), if one does. */
  private readonly replicasets = new Map<string, string | undefined>();
  private warnings = 0;
  /** Pods by group, each in the cache's order, groups in the order their first pod comes; absent: to group again. */
  private groups?: Map<string, Map<string, Entry>>;
  /** Workload nodes by `kind/name`, and the nodes of groups of pods with no workload by their name. */
  private readonly built = new Map<string, HealthNode>();
  private node?: HealthNode;

  constructor(readonly name: string) {}

  /** Whether the namespace has anything to show: pods or workloads. */
  get shown(): boolean {
    return this.pods.size > 0 || this.workloads.deployments.size > 0 || this.workloads.statefulsets.size > 0;
  }

  /** A pod came, changed (object or health) or went. */
  podChanged(entry: Entry, gone: boolean): void {
    const owner = this.ownerOf(entry.object);
    // A pod that went, or moved to another group, changes which group comes first: group again.
    if (gone || (entry.owner !== undefined && entry.owner !== owner)) this.groups = undefined;
    else if (entry.owner === undefined && this.groups) {
      // A new pod comes last, so its group (if new) comes after every other.
      const group = this.groups.get(owner) ?? new Map<string, Entry>();
      this.groups.set(owner, group.set(entry.object.metadata.uid, entry));
    }
    entry.owner = owner;
    this.changed(owner);
  }

  hpaChanged(): void {
    // Every workload's autoscaler (and its own level) may be this one.
    this.built.clear();
    this.node = undefined;
  }

  workloadChanged(resource: WorkloadResource, object: KubeItem, gone: boolean): void {
    if (gone) this.workloads[resource].delete(object.metadata.uid);
    else this.workloads[resource].set(object.metadata.uid, object);
    this.changed(`${resource === 'deployments' ? 'deployment' : 'statefulset'}/${object.metadata.name}`);
  }

  replicasetChanged(object: KubeItem, gone: boolean): void {
    const before = this.replicasets.get(object.metadata.name);
    const owner = object.metadata.ownerReferences?.find((o) => o.kind === 'Deployment');
    const deployment = owner && !gone ? `deployment/${owner.name}` : undefined;
    if (gone) this.replicasets.delete(object.metadata.name);
    else this.replicasets.set(object.metadata.name, deployment);
    // Only a change of owner moves pods; a ReplicaSet's status does not show.
    if (before !== deployment) {
      this.groups = undefined;
      this.built.clear();
      this.node = undefined;
    }
  }

  warningsChanged(by: number): void {
    this.warnings += by;
    this.node = undefined;
  }

  /** Its node: deployments, then statefulsets, then pods grouped by an owner that is neither, then warning events. */
  tree(): HealthNode {
    if (this.node) return this.node;
    if (!this.groups) {
      this.groups = this.group();
      this.built.clear();
    }
    const hpas = [...this.hpas.values()] as JudgedObject[];
    const children: HealthNode[] = [];
    const workloads = new Set<string>();
    for (const [resource, kind] of KINDS) {
      for (const workload of this.workloads[resource].values()) {
        const key = `${kind}/${workload.metadata.name}`;
        workloads.add(key);
        children.push(this.build(key, () => workloadNode(kind, workload, this.judged(key), hpas)));
      }
    }
    for (const key of this.groups.keys()) if (!workloads.has(key)) children.push(this.build(key, () => podsNode(this.judged(key), key)));
    this.node = namespaceNode(this.name, children, this.warnings);
    return this.node;
  }

  private build(key: string, node: () => HealthNode): HealthNode {
    let built = this.built.get(key);
    if (!built) this.built.set(key, (built = node()));
    return built;
  }

  private judged(group: string): Iterable<JudgedObject> {
    return (this.groups?.get(group)?.values() ?? []) as Iterable<JudgedObject>;
  }

  private changed(group: string): void {
    this.built.delete(group);
    this.node = undefined;
  }

  private group(): Map<string, Map<string, Entry>> {
    const groups = new Map<string, Map<string, Entry>>();
    for (const [uid, entry] of this.pods) {
      entry.owner = this.ownerOf(entry.object);
      const group = groups.get(entry.owner);
      if (group) group.set(uid, entry);
      else groups.set(entry.owner, new Map([[uid, entry]]));
    }
    return groups;
  }

  private ownerOf(pod: KubeItem): string {
    const ref = pod.metadata.ownerReferences?.[0];
    if (ref?.kind === 'StatefulSet') return `statefulset/${ref.name}`;
    if (ref?.kind === 'ReplicaSet') return this.replicasets.get(ref.name) ?? NO_WORKLOAD;
    return NO_WORKLOAD;
  }
}
