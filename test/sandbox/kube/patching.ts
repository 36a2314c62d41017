// PATCH on an object, its status, or its scale subresource: picks the patch type
// from the Content-Type, applies it, and writes the result through Rest.commit.
import { parse as parseYaml } from 'yaml';
import * as errors from './errors';
import { isSyntaxError, parseJson } from './jsonerror';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, PatchError } from './patch';
import type { ResourceType } from './resources';
import { gr, type Rest, type WriteOptions } from './rest';
import { clone, isPlainObject, type Json, type KubeObject } from './util';
import { formatLabelSelector, fromLabelSelector, selectorString } from './selectors';

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

const MEDIA: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

export function patchTypeOf(rt: ResourceType, contentType: string | undefined): PatchType {
  const media = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const type = MEDIA[media];
  const accepted = ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml'];
  if (!rt.custom) accepted.push('application/strategic-merge-patch+json');
  if (!type || (type === 'strategic' && rt.custom)) throw errors.unsupportedMediaType(media, accepted);
  return type;
}

function goKind(v: Json): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v;
}

function decode(type: PatchType, raw: string): Json {
  let patch: Json;
  try {
    patch = type === 'apply' ? parseYaml(raw) : parseJson(raw);
  } catch (e) {
    const msg = isSyntaxError(e) || e instanceof Error ? e.message : String(e);
    throw errors.badRequest(type === 'strategic' || type === 'apply' ? msg : `error decoding patch: ${msg}`);
  }
  if (type === 'json' && !Array.isArray(patch) && patch !== null) {
    throw errors.badRequest(`error decoding patch: json: cannot unmarshal ${goKind(patch)} into Go value of type []handlers.jsonPatchOp`);
  }
  if (type === 'merge' && !isPlainObject(patch) && patch !== null) {
    throw errors.badRequest(`error decoding patch: json: cannot unmarshal ${goKind(patch)} into Go value of type map[string]interface {}`);
  }
  return patch;
}

/** Applies a decoded patch to a JSON document, mapping failures to the server's errors. */
export function applyPatch(type: PatchType, target: Json, patch: Json): Json {
  try {
    switch (type) {
      case 'json':
        return applyJsonPatch(target, patch);
      case 'merge':
        return applyMergePatch(target, patch);
      case 'strategic':
      case 'apply':
        return applyStrategicMergePatch(target, patch);
    }
  } catch (e) {
    if (e instanceof PatchError) {
      if (e.malformed) throw errors.badRequest(e.message);
      throw errors.genericResponse(422);
    }
    throw e;
  }
}

export function patchObject(
  rest: Rest,
  rt: ResourceType,
  ns: string | undefined,
  name: string,
  contentType: string | undefined,
  raw: string,
  opts: WriteOptions,
): { code: number; body: KubeObject } {
  const type = patchTypeOf(rt, contentType);
  const patch = decode(type, raw);
  let current: KubeObject;
  try {
    current = rest.get(rt, ns, name);
  } catch (e) {
    if (type === 'apply' && !opts.subresource && e instanceof errors.ApiError && e.code === 404) {
      return { code: 201, body: rest.create(rt, ns, patch, opts) };
    }
    throw e;
  }
  const patched = applyPatch(type, current, patch);
  if (!isPlainObject(patched)) throw errors.badRequest('Object \'Kind\' is missing in patched object');
  if (patched.metadata?.resourceVersion === current.metadata.resourceVersion) delete patched.metadata.resourceVersion;
  return { code: 200, body: rest.commit(rt, current, patched as KubeObject, opts) };
}

// ---- scale subresource --------------------------------------------------------

export function toScale(rt: ResourceType, obj: KubeObject): KubeObject {
  const selector = obj.spec?.selector;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
      creationTimestamp: obj.metadata.creationTimestamp,
    },
    spec: { replicas: obj.spec?.replicas ?? 0 },
    status: {
      replicas: obj.status?.replicas ?? 0,
      selector: rt.custom ? formatLabelSelector(selector) : selectorString(fromLabelSelector(selector)),
    },
  };
}

/** Writes a changed Scale back into its object's spec.replicas. */
export function writeScale(rest: Rest, rt: ResourceType, current: KubeObject, scale: Json, opts: WriteOptions): KubeObject {
  const name = current.metadata.name ?? '';
  const replicas = scale?.spec?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw errors.invalid({ group: 'autoscaling', kind: 'Scale' }, name, [
      { type: 'FieldValueInvalid', field: 'spec.replicas', value: replicas ?? null, detail: 'must be greater than or equal to 0' },
    ]);
  }
  const rv = scale?.metadata?.resourceVersion;
  if (rv && rv !== current.metadata.resourceVersion) throw errors.conflict(gr(rt), name);
  const next = clone(current);
  next.spec = { ...(next.spec ?? {}), replicas };
  delete next.metadata.resourceVersion;
  return toScale(rt, rest.commit(rt, current, next, opts));
}

export function patchScale(rest: Rest, rt: ResourceType, ns: string | undefined, name: string, contentType: string | undefined, raw: string, opts: WriteOptions): KubeObject {
  const type = patchTypeOf({ ...rt, custom: false }, contentType);
  const patch = decode(type, raw);
  const current = rest.get(rt, ns, name);
  const patched = applyPatch(type, toScale(rt, current), patch);
  if (patched?.metadata?.resourceVersion === current.metadata.resourceVersion) delete patched.metadata.resourceVersion;
  return writeScale(rest, rt, current, patched, opts);
}
