// The server's resource types, from aggregated discovery (one request each
// for /api and /apis) with a fallback to per-group lists; and the lookup from
// what a user types (`po`, `deploy`, `hpa`, `clusters.postgresql.cnpg.io`) to a type.

import type { KubeConnection, KubeResponse } from '../../connections/kubeConnection';

/** What discovery sends its requests through: a connection, or a kubectl run (its timeout and retries). */
type Requester = Pick<KubeConnection, 'request'>;

/** Discovery the server refused; the response says why, in kubectl's words (session.ts). */
export class DiscoveryRefused extends Error {
  constructor(readonly response: KubeResponse) {
    super(`discovery failed: ${response.status} ${response.text.slice(0, 200)}`);
  }
}

export interface ResourceType {
  group: string;
  version: string;
  /** Plural resource name: `deployments`. */
  resource: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
  categories: string[];
  subresources: string[];
}

const AGGREGATED_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

export class ResourceCatalog {
  constructor(readonly types: ResourceType[]) {}

  /** `pods`, `pod`, `po`, `Pod`, `deployments.apps`, `deployment.v1.apps`. Undefined when unknown. */
  find(name: string): ResourceType | undefined {
    const lower = name.toLowerCase();
    const dot = lower.indexOf('.');
    const base = dot < 0 ? lower : lower.slice(0, dot);
    const qualifier = dot < 0 ? undefined : lower.slice(dot + 1);
    const matches = this.types.filter((t) => {
      if (![t.resource, t.singular, t.kind.toLowerCase(), ...t.shortNames].includes(base)) return false;
      if (qualifier === undefined) return true;
      return qualifier === t.group || qualifier === `${t.version}.${t.group}` || (t.group === '' && qualifier === t.version);
    });
    // The core group wins, then groups in the order the server lists them (kubectl's priority).
    return matches.find((t) => t.group === '') ?? matches[0];
  }

  /** Resource types in a category such as `all`. */
  category(name: string): ResourceType[] {
    return this.types.filter((t) => t.categories.includes(name));
  }
}

export async function discover(connection: Requester, signal?: AbortSignal): Promise<ResourceCatalog> {
  const [core, groups] = await Promise.all([
    connection.request({ path: '/api', accept: AGGREGATED_ACCEPT, signal }),
    connection.request({ path: '/apis', accept: AGGREGATED_ACCEPT, signal }),
  ]);
  const types: ResourceType[] = [];
  for (const response of [core, groups]) {
    if (response.status >= 400) throw new DiscoveryRefused(response);
    const body = JSON.parse(response.text) as { kind?: string };
    if (body.kind === 'APIGroupDiscoveryList') types.push(...fromAggregated(body as AggregatedList));
    else types.push(...(await fromLegacy(connection, body as LegacyGroupList | LegacyVersions, signal)));
  }
  return new ResourceCatalog(types);
}

interface AggregatedList {
  items: {
    metadata: { name?: string };
    versions: {
      version: string;
      resources: {
        resource: string;
        responseKind?: { kind: string };
        scope: string;
        singularResource?: string;
        shortNames?: string[];
        verbs?: string[];
        categories?: string[];
        subresources?: { subresource: string }[];
      }[];
    }[];
  }[];
}

function fromAggregated(list: AggregatedList): ResourceType[] {
  const types: ResourceType[] = [];
  for (const group of list.items) {
    // The first version listed is the preferred one.
    const version = group.versions[0];
    if (!version) continue;
    for (const r of version.resources) {
      types.push({
        group: group.metadata.name ?? '',
        version: version.version,
        resource: r.resource,
        singular: r.singularResource ?? '',
        kind: r.responseKind?.kind ?? '',
        namespaced: r.scope === 'Namespaced',
        shortNames: r.shortNames ?? [],
        verbs: r.verbs ?? [],
        categories: r.categories ?? [],
        subresources: (r.subresources ?? []).map((s) => s.subresource),
      });
    }
  }
  return types;
}

interface LegacyVersions {
  versions: string[];
}
interface LegacyGroupList {
  groups: { name: string; preferredVersion: { groupVersion: string } }[];
}
interface LegacyResourceList {
  resources: { name: string; singularName: string; kind: string; namespaced: boolean; shortNames?: string[]; verbs: string[]; categories?: string[] }[];
}

async function fromLegacy(connection: Requester, body: LegacyGroupList | LegacyVersions, signal?: AbortSignal): Promise<ResourceType[]> {
  const groupVersions = 'versions' in body ? body.versions.map((v) => ({ path: `/api/${v}`, group: '', version: v })) : body.groups.map((g) => {
    const [group, version] = g.preferredVersion.groupVersion.split('/');
    return { path: `/apis/${g.preferredVersion.groupVersion}`, group, version };
  });
  const lists = await Promise.all(groupVersions.map((gv) => connection.request({ path: gv.path, signal })));
  const types: ResourceType[] = [];
  lists.forEach((response, index) => {
    if (response.status >= 400) return;
    const { group, version } = groupVersions[index];
    const list = JSON.parse(response.text) as LegacyResourceList;
    const subresources = new Map<string, string[]>();
    for (const r of list.resources) {
      const [base, sub] = r.name.split('/');
      if (sub) subresources.set(base, [...(subresources.get(base) ?? []), sub]);
    }
    for (const r of list.resources) {
      if (r.name.includes('/')) continue;
      types.push({
        group,
        version,
        resource: r.name,
        singular: r.singularName || r.kind.toLowerCase(),
        kind: r.kind,
        namespaced: r.namespaced,
        shortNames: r.shortNames ?? [],
        verbs: r.verbs,
        categories: r.categories ?? [],
        subresources: subresources.get(r.name) ?? [],
      });
    }
  });
  return types;
}

/** The REST path of a collection or an object. */
export function resourcePath(type: ResourceType, namespace: string | undefined, name?: string, subresource?: string): string {
  const prefix = type.group === '' ? `/api/${type.version}` : `/apis/${type.group}/${type.version}`;
  const ns = type.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const object = name ? `/${encodeURIComponent(name)}` : '';
  const sub = subresource && name ? `/${subresource}` : '';
  return `${prefix}${ns}/${type.resource}${object}${sub}`;
}

/** How kubectl names a type in messages and `-o name`: `deployment.apps`, `pod`. */
export function qualifiedKind(type: ResourceType): string {
  return type.group === '' ? type.kind.toLowerCase() : `${type.kind.toLowerCase()}.${type.group}`;
}

/** `deployments.apps`, `pods`: how the API server names a type in errors. */
export function qualifiedResource(type: ResourceType): string {
  return type.group === '' ? type.resource : `${type.resource}.${type.group}`;
}
