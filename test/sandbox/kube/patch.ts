// The three patch types the API server accepts: JSON merge patch (RFC 7386),
// JSON patch (RFC 6902) and strategic merge patch (lists merged by key, with the
// $patch / $setElementOrder / $retainKeys / $deleteFromPrimitiveList directives).
import { clone, deepEqual, isPlainObject, type Json } from './util';

export class PatchError extends Error {
  /** true when the patch itself is malformed (400), false when it does not apply (422). */
  constructor(
    message: string,
    readonly malformed: boolean,
  ) {
    super(message);
  }
}

export function applyMergePatch(target: Json, patch: Json): Json {
  if (!isPlainObject(patch)) return clone(patch);
  const out: Record<string, Json> = isPlainObject(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out;
}

// ---- JSON patch -------------------------------------------------------------

function parsePointer(path: unknown): string[] {
  if (typeof path !== 'string') throw new PatchError('missing path', true);
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchError(`invalid JSON pointer: ${path}`, false);
  return path
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parent(doc: Json, tokens: string[], op: string, path: string): { con: Json; key: string } {
  let cur = doc;
  for (const t of tokens.slice(0, -1)) {
    cur = Array.isArray(cur) ? cur[Number(t)] : isPlainObject(cur) ? cur[t] : undefined;
    if (cur === undefined || cur === null || typeof cur !== 'object') {
      const shown = op === 'add' ? `"${path}"` : path;
      throw new PatchError(`${op} operation does not apply: doc is missing path: ${shown}: missing value`, false);
    }
  }
  return { con: cur, key: tokens[tokens.length - 1] };
}

function getAt(doc: Json, path: string, op: string): Json {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return doc;
  const { con, key } = parent(doc, tokens, op, path);
  const v = Array.isArray(con) ? con[Number(key)] : con[key];
  if (v === undefined) throw new PatchError(`${op} operation does not apply: doc is missing path: ${path}: missing value`, false);
  return v;
}

function removeAt(doc: Json, path: string, op: string): Json {
  const tokens = parsePointer(path);
  const { con, key } = parent(doc, tokens, op, path);
  if (Array.isArray(con)) {
    const i = Number(key);
    if (!Number.isInteger(i) || i < 0 || i >= con.length) {
      throw new PatchError(`${op} operation does not apply: doc is missing path: ${path}: missing value`, false);
    }
    return con.splice(i, 1)[0];
  }
  if (!(key in con)) throw new PatchError(`${op} operation does not apply: doc is missing key: ${path}: missing value`, false);
  const v = con[key];
  delete con[key];
  return v;
}

function addAt(doc: Json, path: string, value: Json, op: string, replace: boolean): Json {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return clone(value);
  const { con, key } = parent(doc, tokens, op, path);
  if (Array.isArray(con)) {
    const i = key === '-' ? con.length : Number(key);
    if (!Number.isInteger(i) || i < 0 || i > con.length || (replace && i >= con.length)) {
      throw new PatchError(`${op} operation does not apply: doc is missing path: ${path}: missing value`, false);
    }
    if (replace) con[i] = clone(value);
    else con.splice(i, 0, clone(value));
  } else {
    if (replace && !(key in con)) {
      throw new PatchError(`${op} operation does not apply: doc is missing key: ${path}: missing value`, false);
    }
    con[key] = clone(value);
  }
  return doc;
}

export function applyJsonPatch(target: Json, ops: Json): Json {
  if (!Array.isArray(ops)) {
    throw new PatchError(`json: cannot unmarshal ${isPlainObject(ops) ? 'object' : typeof ops} into Go value of type jsonpatch.Patch`, true);
  }
  let doc = clone(target);
  for (const o of ops) {
    if (!isPlainObject(o)) throw new PatchError('json: cannot unmarshal into Go value of type jsonpatch.Operation', true);
    switch (o.op) {
      case 'add':
        doc = addAt(doc, o.path, o.value, 'add', false);
        break;
      case 'replace':
        doc = addAt(doc, o.path, o.value, 'replace', true);
        break;
      case 'remove':
        removeAt(doc, o.path, 'remove');
        break;
      case 'move': {
        const v = removeAt(doc, o.from, 'move');
        doc = addAt(doc, o.path, v, 'move', false);
        break;
      }
      case 'copy':
        doc = addAt(doc, o.path, clone(getAt(doc, o.from, 'copy')), 'copy', false);
        break;
      case 'test':
        if (!deepEqual(getAt(doc, o.path, 'test'), o.value)) throw new PatchError(`testing value ${o.path} failed: test failed`, false);
        break;
      default:
        throw new PatchError(`Unexpected kind: ${String(o.op)}`, false);
    }
  }
  return doc;
}

// ---- strategic merge patch ---------------------------------------------------

/** Patch merge keys of the built-in types' lists (the `patchMergeKey` struct tags). */
function mergeKeyFor(field: string, items: Json[]): string | undefined {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'volumes':
    case 'env':
    case 'imagePullSecrets':
    case 'resourceClaims':
      return 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'volumeDevices':
      return 'devicePath';
    case 'ports':
      return items.some((i) => isPlainObject(i) && 'containerPort' in i) ? 'containerPort' : 'port';
    case 'conditions':
      return 'type';
    case 'ownerReferences':
      return 'uid';
    case 'hostAliases':
      return 'ip';
    case 'topologySpreadConstraints':
      return 'topologyKey';
    case 'taints':
      return 'key';
    default:
      return undefined;
  }
}

/** Lists of scalars whose patch strategy is merge (a set union). */
const MERGED_PRIMITIVES = new Set(['finalizers']);

function stripDirectives(v: Json): Json {
  if (Array.isArray(v)) return v.filter((i) => !(isPlainObject(i) && i.$patch === 'delete')).map(stripDirectives);
  if (!isPlainObject(v)) return v;
  const out: Record<string, Json> = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith('$')) out[k] = stripDirectives(x);
  return out;
}

function mergeList(field: string, original: Json[], patch: Json[]): Json[] {
  if (patch.some((i) => isPlainObject(i) && i.$patch === 'replace')) {
    return stripDirectives(patch.filter((i) => !(isPlainObject(i) && i.$patch === 'replace')));
  }
  const key = mergeKeyFor(field, [...original, ...patch]);
  if (!key || !patch.every(isPlainObject)) {
    if (MERGED_PRIMITIVES.has(field)) return [...new Set([...original, ...patch])];
    return stripDirectives(patch);
  }
  const out = clone(original);
  for (const item of patch) {
    const idx = out.findIndex((o) => isPlainObject(o) && deepEqual(o[key], item[key]));
    if (item.$patch === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
    } else if (idx >= 0) out[idx] = mergeStrategic(out[idx], item);
    else out.push(stripDirectives(item));
  }
  return out;
}

function orderBy(field: string, list: Json[], order: Json[]): Json[] {
  const key = mergeKeyFor(field, [...list, ...order]);
  const id = (v: Json) => JSON.stringify(key && isPlainObject(v) ? v[key] : v);
  const rank = new Map(order.map((o, i) => [id(o), i]));
  return [...list].sort((a, b) => (rank.get(id(a)) ?? Infinity) - (rank.get(id(b)) ?? Infinity));
}

export function mergeStrategic(original: Json, patch: Json): Json {
  if (!isPlainObject(patch)) return clone(patch);
  if (patch.$patch === 'replace') return stripDirectives(patch);
  if (patch.$patch === 'delete') return undefined;
  if (patch.$patch !== undefined && patch.$patch !== 'merge') {
    throw new PatchError(`Unknown patch type: ${String(patch.$patch)} in map: ${JSON.stringify(patch)}`, true);
  }
  let out: Record<string, Json> = isPlainObject(original) ? clone(original) : {};
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set<string>(patch.$retainKeys);
    out = Object.fromEntries(Object.entries(out).filter(([k]) => keep.has(k)));
  }
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const f = k.slice('$deleteFromPrimitiveList/'.length);
      if (Array.isArray(out[f]) && Array.isArray(v)) out[f] = out[f].filter((x: Json) => !v.includes(x));
      continue;
    }
    if (k.startsWith('$')) continue;
    if (v === null) {
      delete out[k];
    } else if (Array.isArray(v)) {
      out[k] = Array.isArray(out[k]) ? mergeList(k, out[k], v) : stripDirectives(v);
    } else if (isPlainObject(v)) {
      const merged = mergeStrategic(out[k], v);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    } else {
      out[k] = v;
    }
  }
  for (const [k, v] of Object.entries(patch)) {
    if (!k.startsWith('$setElementOrder/') || !Array.isArray(v)) continue;
    const f = k.slice('$setElementOrder/'.length);
    if (Array.isArray(out[f])) out[f] = orderBy(f, out[f], v);
  }
  return out;
}

export function applyStrategicMergePatch(target: Json, patch: Json): Json {
  if (!isPlainObject(patch)) {
    const kind = Array.isArray(patch) ? 'array' : typeof patch;
    throw new PatchError(`json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`, true);
  }
  return mergeStrategic(target, patch);
}
