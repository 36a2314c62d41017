// OpenAPI stubs: the /openapi/v3 index and one document per group version whose
// operations carry x-kubernetes-group-version-kind and the query parameters
// kubectl probes for (fieldValidation, dryRun), so `kubectl apply` and `kubectl
// edit` use server-side field validation; and a minimal /openapi/v2.
import { createHash } from 'node:crypto';
import { VERSION_INFO } from './discovery';
import { apiVersionOf, type Registry, type ResourceType } from './resources';
import type { Json } from './util';

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

function hashOf(doc: Json): string {
  return createHash('sha512').update(JSON.stringify(doc)).digest('hex').slice(0, 128).toUpperCase();
}

const query = (name: string, description: string) => ({ name, in: 'query', description, schema: { type: 'string', uniqueItems: true } });
const WRITE_PARAMS = [
  query('dryRun', 'When present, indicates that modifications should not be persisted.'),
  query('fieldManager', 'fieldManager is a name associated with the actor or entity that is making these changes.'),
  query('fieldValidation', 'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields.'),
];
const PATCH_PARAMS = [...WRITE_PARAMS, { name: 'force', in: 'query', description: 'Force is going to "force" Apply requests.', schema: { type: 'boolean', uniqueItems: true } }];

function operation(rt: ResourceType, action: string, verbId: string, params: Json[], sub = ''): Json {
  const op: Json = {
    tags: [rt.group ? `${rt.group.replace(/\./g, '_')}_${rt.version}` : `core_${rt.version}`],
    description: `${action} ${sub ? `${sub} of ` : ''}the specified ${rt.kind}`,
    operationId: `${verbId}${rt.namespaced ? 'Namespaced' : ''}${rt.kind}${sub ? sub[0].toUpperCase() + sub.slice(1) : ''}`,
    responses: { '200': { description: 'OK' }, '401': { description: 'Unauthorized' } },
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': sub === 'scale'
      ? { group: 'autoscaling', kind: 'Scale', version: 'v1' }
      : { group: rt.group, kind: rt.kind, version: rt.version },
  };
  if (params.length) op.parameters = params;
  return op;
}

function pathsOf(rt: ResourceType): Record<string, Json> {
  const base = `/${gvPath(rt.group, rt.version)}${rt.namespaced ? '/namespaces/{namespace}' : ''}/${rt.plural}`;
  const paths: Record<string, Json> = {};
  const writable = rt.verbs.includes('create');
  paths[base] = {
    get: operation(rt, 'list', 'list', []),
    ...(writable ? { post: operation(rt, 'post', 'create', WRITE_PARAMS) } : {}),
  };
  paths[`${base}/{name}`] = {
    get: operation(rt, 'get', 'read', []),
    ...(writable
      ? { put: operation(rt, 'put', 'replace', WRITE_PARAMS), patch: operation(rt, 'patch', 'patch', PATCH_PARAMS), delete: operation(rt, 'delete', 'delete', [query('dryRun', 'dry run')]) }
      : {}),
  };
  for (const sub of rt.subresources) {
    if (sub === 'log') {
      paths[`${base}/{name}/log`] = { get: operation(rt, 'get', 'read', [], 'log') };
      continue;
    }
    paths[`${base}/{name}/${sub}`] = {
      get: operation(rt, 'get', 'read', [], sub),
      put: operation(rt, 'put', 'replace', WRITE_PARAMS, sub),
      patch: operation(rt, 'patch', 'patch', PATCH_PARAMS, sub),
    };
  }
  return paths;
}

export function openApiV3Document(registry: Registry, group: string, version: string): Json | undefined {
  const types = registry.all().filter((r) => r.group === group && r.version === version);
  if (!types.length) return undefined;
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: VERSION_INFO.gitVersion },
    paths: Object.assign({}, ...types.map(pathsOf)),
    components: { schemas: {} },
  };
}

export function openApiV3Index(registry: Registry): Json {
  const paths: Record<string, Json> = {};
  for (const { group, version } of registry.groupVersions()) {
    const doc = openApiV3Document(registry, group, version);
    const p = gvPath(group, version);
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hashOf(doc)}` };
  }
  return { paths };
}

/** Parses "/openapi/v3/apis/apps/v1" into its group and version. */
export function parseV3Path(path: string): { group: string; version: string } | undefined {
  const m = /^\/openapi\/v3\/(?:api\/([^/]+)|apis\/([^/]+)\/([^/]+))$/.exec(path);
  if (!m) return undefined;
  return m[1] ? { group: '', version: m[1] } : { group: m[2], version: m[3] };
}

export function openApiV2(registry: Registry): Json {
  const paths: Record<string, Json> = {};
  for (const rt of registry.all()) {
    for (const [p, ops] of Object.entries(pathsOf(rt))) paths[p] = ops;
  }
  return {
    swagger: '2.0',
    info: { title: 'Kubernetes', version: VERSION_INFO.gitVersion },
    paths,
    definitions: {},
    'x-kubernetes-api-versions': registry.groupVersions().map((gv) => apiVersionOf(gv)),
  };
}
