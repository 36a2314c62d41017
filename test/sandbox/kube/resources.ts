// The kinds the simulated cluster serves: group, version, plural, short names,
// scope, verbs, categories and subresources. Custom resources come from the
// CustomResourceDefinitions in the store, so a CRD created at run time is served too.
import type { KubeObject } from './util';

export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  /** 'status' | 'scale' | 'log' */
  subresources: string[];
  /** metadata.generation counts spec changes. */
  generation: boolean;
  /** Served from a CustomResourceDefinition. */
  custom?: boolean;
  /** Computed on request (metrics); never stored. */
  virtual?: boolean;
  /** How metadata.name is validated. */
  nameRule: 'subdomain' | 'label' | 'label1035' | 'any';
  /** The CRD's additionalPrinterColumns for custom resources. */
  printerColumns?: KubeObject[];
}

export const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

interface Spec {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced?: boolean;
  shortNames?: string[];
  categories?: string[];
  subresources?: string[];
  generation?: boolean;
  verbs?: string[];
  virtual?: boolean;
  nameRule?: ResourceType['nameRule'];
}

function make(s: Spec): ResourceType {
  return {
    group: s.group,
    version: s.version,
    kind: s.kind,
    listKind: `${s.kind}List`,
    plural: s.plural,
    singular: s.kind.toLowerCase(),
    namespaced: s.namespaced ?? true,
    shortNames: s.shortNames ?? [],
    categories: s.categories ?? [],
    verbs: s.verbs ?? ALL_VERBS,
    subresources: s.subresources ?? [],
    generation: s.generation ?? false,
    virtual: s.virtual,
    nameRule: s.nameRule ?? 'subdomain',
  };
}

const BUILTIN: ResourceType[] = [
  make({ group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false, shortNames: ['ns'], subresources: ['status'], nameRule: 'label', verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] }),
  make({ group: '', version: 'v1', kind: 'Node', plural: 'nodes', namespaced: false, shortNames: ['no'], subresources: ['status'] }),
  make({ group: '', version: 'v1', kind: 'Pod', plural: 'pods', shortNames: ['po'], categories: ['all'], subresources: ['status', 'log'] }),
  make({ group: '', version: 'v1', kind: 'Service', plural: 'services', shortNames: ['svc'], categories: ['all'], subresources: ['status'], nameRule: 'label1035', verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] }),
  make({ group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', shortNames: ['cm'] }),
  make({ group: '', version: 'v1', kind: 'Secret', plural: 'secrets' }),
  make({ group: '', version: 'v1', kind: 'Event', plural: 'events', shortNames: ['ev'], nameRule: 'any' }),
  make({ group: '', version: 'v1', kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', shortNames: ['pvc'], subresources: ['status'] }),
  make({ group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', shortNames: ['deploy'], categories: ['all'], subresources: ['status', 'scale'], generation: true }),
  make({ group: 'apps', version: 'v1', kind: 'ReplicaSet', plural: 'replicasets', shortNames: ['rs'], categories: ['all'], subresources: ['status', 'scale'], generation: true }),
  make({ group: 'apps', version: 'v1', kind: 'StatefulSet', plural: 'statefulsets', shortNames: ['sts'], categories: ['all'], subresources: ['status', 'scale'], generation: true }),
  make({ group: 'apps', version: 'v1', kind: 'ControllerRevision', plural: 'controllerrevisions' }),
  make({ group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers', shortNames: ['hpa'], categories: ['all'], subresources: ['status'], generation: true }),
  make({ group: 'storage.k8s.io', version: 'v1', kind: 'StorageClass', plural: 'storageclasses', namespaced: false, shortNames: ['sc'] }),
  make({ group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition', plural: 'customresourcedefinitions', namespaced: false, shortNames: ['crd', 'crds'], categories: ['api-extensions'], subresources: ['status'], generation: true }),
  make({ group: 'metrics.k8s.io', version: 'v1beta1', kind: 'PodMetrics', plural: 'pods', verbs: ['get', 'list'], virtual: true }),
  make({ group: 'metrics.k8s.io', version: 'v1beta1', kind: 'NodeMetrics', plural: 'nodes', namespaced: false, verbs: ['get', 'list'], virtual: true }),
];

/** The store key of a kind: "<group>/<plural>", independent of version. */
export function resourceKey(rt: Pick<ResourceType, 'group' | 'plural'>): string {
  return `${rt.group}/${rt.plural}`;
}

export function apiVersionOf(rt: Pick<ResourceType, 'group' | 'version'>): string {
  return rt.group ? `${rt.group}/${rt.version}` : rt.version;
}

export const KEYS = {
  namespaces: '/namespaces',
  nodes: '/nodes',
  pods: '/pods',
  services: '/services',
  configmaps: '/configmaps',
  secrets: '/secrets',
  events: '/events',
  pvcs: '/persistentvolumeclaims',
  deployments: 'apps/deployments',
  replicasets: 'apps/replicasets',
  statefulsets: 'apps/statefulsets',
  revisions: 'apps/controllerrevisions',
  hpas: 'autoscaling/horizontalpodautoscalers',
  storageclasses: 'storage.k8s.io/storageclasses',
  crds: 'apiextensions.k8s.io/customresourcedefinitions',
} as const;

function fromCrd(crd: KubeObject): ResourceType[] {
  const spec = crd.spec ?? {};
  const names = spec.names ?? {};
  const established = (crd.status?.conditions ?? []).some(
    (c: KubeObject) => c.type === 'Established' && c.status === 'True',
  );
  if (!established) return [];
  return (spec.versions ?? [])
    .filter((v: KubeObject) => v.served)
    .map((v: KubeObject) => ({
      group: spec.group,
      version: v.name,
      kind: names.kind,
      listKind: names.listKind ?? `${names.kind}List`,
      plural: names.plural,
      singular: names.singular ?? String(names.kind).toLowerCase(),
      namespaced: spec.scope !== 'Cluster',
      shortNames: names.shortNames ?? [],
      categories: names.categories ?? [],
      verbs: ALL_VERBS,
      subresources: [
        ...(v.subresources?.status ? ['status'] : []),
        ...(v.subresources?.scale ? ['scale'] : []),
      ],
      generation: true,
      custom: true,
      nameRule: 'subdomain' as const,
      printerColumns: v.additionalPrinterColumns ?? [],
    }));
}

/** All served kinds; `crds` are the CustomResourceDefinition objects currently stored. */
export class Registry {
  constructor(private readonly crds: () => KubeObject[]) {}

  all(): ResourceType[] {
    return [...BUILTIN, ...this.crds().flatMap(fromCrd)];
  }

  find(group: string, version: string, plural: string): ResourceType | undefined {
    return this.all().find((r) => r.group === group && r.version === version && r.plural === plural);
  }

  byKey(key: string): ResourceType | undefined {
    return this.all().find((r) => resourceKey(r) === key && !r.virtual);
  }

  byKind(apiVersion: string, kind: string): ResourceType | undefined {
    return this.all().find((r) => apiVersionOf(r) === apiVersion && r.kind === kind);
  }

  /** Group versions in discovery order: core first, then groups as registered. */
  groupVersions(): { group: string; version: string }[] {
    const seen = new Map<string, { group: string; version: string }>();
    for (const r of this.all()) seen.set(`${r.group}/${r.version}`, { group: r.group, version: r.version });
    return [...seen.values()];
  }

  tracksGeneration(key: string): boolean {
    return this.byKey(key)?.generation ?? false;
  }
}
