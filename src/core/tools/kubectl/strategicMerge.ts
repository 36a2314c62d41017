// Strategic merge patches computed on the client, as kubectl apply and edit
// compute them: lists of containers, ports, env, volumes... merge by their
// key (with `$setElementOrder` and `$patch: delete` directives), other lists
// are replaced, maps merge, removed fields become null. Types outside the
// built-in API groups have no patch metadata: their patches are plain JSON
// merge patches.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonMap = { [key: string]: Json };

interface FieldMeta {
  merge?: boolean;
  retainKeys?: boolean;
  mergeKey?: string;
}

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** Patch metadata of a field: `path` is the field names from the object's root (list indices left out). */
function fieldMeta(kind: string | undefined, path: readonly string[], key: string): FieldMeta {
  const parent = path[path.length - 1];
  if (CONTAINER_LISTS.has(key)) return { merge: true, mergeKey: 'name' };
  if (CONTAINER_LISTS.has(parent ?? '')) {
    if (key === 'ports') return { merge: true, mergeKey: 'containerPort' };
    if (key === 'env') return { merge: true, mergeKey: 'name' };
    if (key === 'volumeMounts') return { merge: true, mergeKey: 'mountPath' };
    if (key === 'volumeDevices') return { merge: true, mergeKey: 'devicePath' };
    return {};
  }
  if (path.length === 1 && parent === 'metadata') {
    if (key === 'finalizers') return { merge: true };
    if (key === 'ownerReferences') return { merge: true, mergeKey: 'uid' };
    return {};
  }
  if (kind === 'Service' && path.length === 1 && parent === 'spec' && key === 'ports') return { merge: true, mergeKey: 'port' };
  if (kind === 'Deployment' && path.length === 1 && parent === 'spec' && key === 'strategy') return { retainKeys: true };
  switch (key) {
    case 'volumes':
      return { merge: true, retainKeys: true, mergeKey: 'name' };
    case 'imagePullSecrets':
    case 'schedulingGates':
      return { merge: true, mergeKey: 'name' };
    case 'resourceClaims':
      return parent === 'spec' ? { merge: true, retainKeys: true, mergeKey: 'name' } : {};
    case 'hostAliases':
      return { merge: true, mergeKey: 'ip' };
    case 'topologySpreadConstraints':
      return { merge: true, mergeKey: 'topologyKey' };
    case 'conditions':
      return parent === 'status' ? { merge: true, mergeKey: 'type' } : {};
    default:
      return {};
  }
}

export interface DiffOptions {
  setElementOrder?: boolean;
  ignoreChangesAndAdditions?: boolean;
  ignoreDeletions?: boolean;
  buildRetainKeys?: boolean;
}

/** Whether a type is one of the built-in API groups (strategic merge) rather than a custom resource (merge patch). */
export function isBuiltInGroup(group: string): boolean {
  return group === '' || !group.includes('.') || group.endsWith('.k8s.io');
}

class Differ {
  constructor(
    private readonly kind: string | undefined,
    private readonly strategic: boolean,
  ) {}

  meta(path: readonly string[], key: string): FieldMeta {
    return this.strategic ? fieldMeta(this.kind, path, key) : {};
  }

  maps(original: JsonMap, modified: JsonMap, path: string[], options: DiffOptions): JsonMap {
    const patch: JsonMap = {};
    const retain: string[] = [];
    for (const [key, value] of Object.entries(modified)) {
      if (options.buildRetainKeys && value !== null) retain.push(key);
      if (!(key in original)) {
        if (!options.ignoreChangesAndAdditions) patch[key] = value;
        continue;
      }
      const before = original[key];
      if (key === '$patch') {
        if (before !== value) patch[key] = value;
        continue;
      }
      if (kindOf(before) !== kindOf(value)) {
        if (!options.ignoreChangesAndAdditions) patch[key] = value;
        continue;
      }
      const meta = this.meta(path, key);
      if (isMap(before) && isMap(value)) {
        const nested = this.maps(before, value, [...path, key], { ...options, buildRetainKeys: Boolean(meta.retainKeys) });
        if (Object.keys(nested).length) patch[key] = nested;
      } else if (Array.isArray(before) && Array.isArray(value) && meta.merge) {
        this.lists(key, before, value, [...path, key], meta, patch, options);
      } else if (!options.ignoreChangesAndAdditions && !jsonEqual(before, value)) {
        patch[key] = value;
      }
    }
    if (!options.ignoreDeletions) {
      for (const key of Object.keys(original)) if (!(key in modified)) patch[key] = null;
    }
    const extra = Object.entries(original).some(([k, v]) => v !== null && !(k in modified));
    if (retain.length && (Object.keys(patch).length || extra)) patch.$retainKeys = [...retain].sort();
    return patch;
  }

  private lists(key: string, original: Json[], modified: Json[], path: string[], meta: FieldMeta, patch: JsonMap, options: DiffOptions): void {
    if (original.length === 0) {
      if (modified.length && !options.ignoreChangesAndAdditions) patch[key] = modified;
      return;
    }
    const mergeKey = meta.mergeKey;
    if (mergeKey && original.every(isMap) && modified.every(isMap)) {
      const byKey = new Map(original.map((item) => [String((item as JsonMap)[mergeKey]), item as JsonMap]));
      const wanted = new Set(modified.map((item) => String((item as JsonMap)[mergeKey])));
      const changes: Json[] = [];
      for (const item of modified as JsonMap[]) {
        const before = byKey.get(String(item[mergeKey]));
        if (!before) {
          if (!options.ignoreChangesAndAdditions) changes.push(item);
          continue;
        }
        const nested = this.maps(before, item, path, { ...options, buildRetainKeys: Boolean(meta.retainKeys) });
        if (Object.keys(nested).length) changes.push({ ...nested, [mergeKey]: item[mergeKey] });
      }
      if (!options.ignoreDeletions) {
        const removed = [...byKey.keys()].filter((k) => !wanted.has(k)).sort();
        for (const k of removed) changes.push({ $patch: 'delete', [mergeKey]: byKey.get(k)![mergeKey] });
      }
      const sameOrder = original.length === modified.length && original.every((item, i) => String((item as JsonMap)[mergeKey]) === String((modified[i] as JsonMap)[mergeKey]));
      if (changes.length) patch[key] = changes;
      const wantsOrder = (!options.ignoreChangesAndAdditions && (changes.length > 0 || !sameOrder)) || (!options.ignoreDeletions && changes.length > 0);
      if (options.setElementOrder && wantsOrder) patch[`$setElementOrder/${key}`] = modified.map((item) => ({ [mergeKey]: (item as JsonMap)[mergeKey] }));
      return;
    }
    const before = new Set(original.map((v) => String(v)));
    const after = new Set(modified.map((v) => String(v)));
    const added = options.ignoreChangesAndAdditions ? [] : modified.filter((v) => !before.has(String(v)));
    const deleted = options.ignoreDeletions ? [] : [...new Set(original.filter((v) => !after.has(String(v))).map(String))].sort();
    if (added.length) patch[key] = added;
    if (deleted.length) patch[`$deleteFromPrimitiveList/${key}`] = deleted;
    const changed = (!options.ignoreDeletions && deleted.length > 0) || (!options.ignoreChangesAndAdditions && !jsonEqual(original, modified));
    if (options.setElementOrder && changed) patch[`$setElementOrder/${key}`] = modified;
  }

  /** Adds `delta` to `base` (both patches), merging lists by key where the field merges. */
  merge(base: JsonMap, delta: JsonMap, path: string[]): JsonMap {
    const out: JsonMap = { ...base };
    for (const [key, value] of Object.entries(delta)) {
      const current = out[key];
      const meta = this.meta(path, key);
      if (isMap(current) && isMap(value)) out[key] = this.merge(current, value, [...path, key]);
      else if (Array.isArray(current) && Array.isArray(value) && meta.merge && meta.mergeKey) {
        const mergeKey = meta.mergeKey;
        const items = [...current];
        for (const item of value) {
          const at = isMap(item) ? items.findIndex((c) => isMap(c) && String(c[mergeKey]) === String(item[mergeKey])) : -1;
          if (at >= 0 && isMap(item)) items[at] = this.merge(items[at] as JsonMap, item, [...path, key]);
          else items.push(item);
        }
        out[key] = items;
      } else out[key] = value;
    }
    return out;
  }
}

/** The patch that turns `original` into `modified` (kubectl edit, set, label). */
export function twoWayPatch(original: JsonMap, modified: JsonMap, kind: string | undefined, strategic: boolean): JsonMap {
  return new Differ(kind, strategic).maps(original, modified, [], { setElementOrder: strategic });
}

/**
 * kubectl apply's patch: what changed from the live object to the new
 * configuration (ignoring fields only the server set), plus what was removed
 * from the last applied configuration.
 */
export function threeWayPatch(original: JsonMap, modified: JsonMap, current: JsonMap, kind: string | undefined, strategic: boolean): JsonMap {
  const differ = new Differ(kind, strategic);
  const delta = differ.maps(current, modified, [], { ignoreDeletions: true, setElementOrder: strategic });
  const deletions = differ.maps(original, modified, [], { ignoreChangesAndAdditions: true, setElementOrder: strategic });
  return differ.merge(deletions, delta, []);
}

function isMap(value: unknown): value is JsonMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: Json | undefined): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** Deep equality of JSON values; key order does not matter. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  }
  if (!isMap(a) || !isMap(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => k in b && jsonEqual(a[k], b[k]));
}

/** A copy without null values (Go's typed encoding drops them: `creationTimestamp: null`). */
export function withoutNulls(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isMap(value)) return value;
  const out: JsonMap = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = withoutNulls(v);
  return out;
}
