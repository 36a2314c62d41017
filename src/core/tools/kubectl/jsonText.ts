// JSON as Go's encoding/json writes a typed struct: fields in declaration
// order (kept here as the objects' key order), `<`, `>` and `&` escaped,
// indented as json.MarshalIndent does. For outputs kubectl prints from typed
// objects (kubeconfig, version, event lists) rather than unstructured ones.

export function structJson(value: unknown, indent = '    '): string {
  return (
    JSON.stringify(value, null, indent)
      .replace(/</g, '\\u003c')
      .replace(/>/g, '\\u003e')
      .replace(/&/g, '\\u0026')
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029') + '\n'
  );
}

/** ObjectMeta's fields in declaration order. */
export const OBJECT_META_FIELDS = ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'];

/** The same object with `fields` first, in that order, then any others as they were. */
export function inFieldOrder<T extends Record<string, unknown>>(object: T, fields: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (f in object) out[f] = object[f];
  for (const [k, v] of Object.entries(object)) if (!(k in out)) out[k] = v;
  return out as T;
}
