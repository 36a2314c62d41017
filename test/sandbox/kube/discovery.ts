// Discovery documents: /version, the legacy APIVersions / APIGroupList /
// APIResourceList replies, and the aggregated apidiscovery.k8s.io/v2 lists that
// kubectl asks for first.
import { createHash } from 'node:crypto';
import { CUSTOM_METRICS_GROUP, customMetricsDiscovery, customMetricsGroup, customMetricsResources, CUSTOM_METRICS_VERSIONS } from './custommetrics';
import { apiVersionOf, type Registry, type ResourceType } from './resources';
import type { Json } from './util';

export const AGGREGATED_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

export const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4',
  gitCommit: '59526cd4867447956156ae3a602fcbac5b8b9f80',
  gitTreeState: 'clean',
  buildDate: '2025-04-22T16:02:27Z',
  goVersion: 'go1.23.6',
  compiler: 'gc',
  platform: 'linux/amd64',
};

function storageVersionHash(rt: ResourceType): string {
  return createHash('sha256').update(`${rt.group}/${rt.version}/${rt.kind}`).digest('base64').slice(0, 11);
}

interface SubresourceInfo {
  name: string;
  kind: { group: string; version: string; kind: string };
  verbs: string[];
}

function subresourcesOf(rt: ResourceType): SubresourceInfo[] {
  return rt.subresources.map((s) => {
    if (s === 'scale') return { name: s, kind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] };
    if (s === 'log') return { name: s, kind: { group: '', version: 'v1', kind: 'Pod' }, verbs: ['get'] };
    return { name: s, kind: { group: rt.group, version: rt.version, kind: rt.kind }, verbs: ['get', 'patch', 'update'] };
  });
}

function ofGroupVersion(registry: Registry, group: string, version: string): ResourceType[] {
  return registry.all().filter((r) => r.group === group && r.version === version);
}

export function apiVersions(host: string): Json {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: host }] };
}

function groupEntry(group: string, versions: string[]): Json {
  const list = versions.map((v) => ({ groupVersion: `${group}/${v}`, version: v }));
  return { name: group, versions: list, preferredVersion: list[0] };
}

function groupsOf(registry: Registry): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const { group, version } of registry.groupVersions()) {
    if (!group) continue;
    const vs = groups.get(group) ?? [];
    if (!vs.includes(version)) vs.push(version);
    groups.set(group, vs);
  }
  return groups;
}

export function apiGroupList(registry: Registry): Json {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: [...[...groupsOf(registry)].map(([g, vs]) => groupEntry(g, vs)), customMetricsGroup()] };
}

export function apiGroup(registry: Registry, group: string): Json | undefined {
  if (group === CUSTOM_METRICS_GROUP) return { kind: 'APIGroup', apiVersion: 'v1', ...customMetricsGroup() };
  const vs = groupsOf(registry).get(group);
  return vs ? { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(group, vs) } : undefined;
}

export function apiResourceList(registry: Registry, group: string, version: string): Json | undefined {
  if (group === CUSTOM_METRICS_GROUP) return CUSTOM_METRICS_VERSIONS.includes(version) ? customMetricsResources(version) : undefined;
  const types = ofGroupVersion(registry, group, version);
  if (!types.length) return undefined;
  const resources: Json[] = [];
  for (const rt of types) {
    const r: Json = { name: rt.plural, singularName: rt.singular, namespaced: rt.namespaced, kind: rt.kind, verbs: rt.verbs };
    if (rt.shortNames.length) r.shortNames = rt.shortNames;
    if (rt.categories.length) r.categories = rt.categories;
    if (!rt.virtual) r.storageVersionHash = storageVersionHash(rt);
    resources.push(r);
    for (const s of subresourcesOf(rt)) {
      const sub: Json = { name: `${rt.plural}/${s.name}`, singularName: '', namespaced: rt.namespaced, kind: s.kind.kind, verbs: s.verbs };
      if (s.kind.group !== group || s.kind.version !== version) {
        sub.group = s.kind.group;
        sub.version = s.kind.version;
      }
      resources.push(sub);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf({ group, version }), resources };
}

function discoveryResource(rt: ResourceType): Json {
  const r: Json = {
    resource: rt.plural,
    responseKind: { group: rt.group, version: rt.version, kind: rt.kind },
    scope: rt.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: rt.singular,
    verbs: rt.verbs,
  };
  if (rt.shortNames.length) r.shortNames = rt.shortNames;
  if (rt.categories.length) r.categories = rt.categories;
  const subs = subresourcesOf(rt);
  if (subs.length) r.subresources = subs.map((s) => ({ subresource: s.name, responseKind: s.kind, verbs: s.verbs }));
  return r;
}

/** apidiscovery.k8s.io/v2 APIGroupDiscoveryList for /api (core) or /apis (named groups). */
export function aggregatedDiscovery(registry: Registry, core: boolean): Json {
  const items: Json[] = [];
  if (core) {
    items.push({
      metadata: { name: '', creationTimestamp: null },
      versions: [{ version: 'v1', resources: ofGroupVersion(registry, '', 'v1').map(discoveryResource), freshness: 'Current' }],
    });
  } else {
    for (const [group, versions] of groupsOf(registry)) {
      items.push({
        metadata: { name: group, creationTimestamp: null },
        versions: versions.map((v) => ({ version: v, resources: ofGroupVersion(registry, group, v).map(discoveryResource), freshness: 'Current' })),
      });
    }
    items.push(customMetricsDiscovery());
  }
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}
