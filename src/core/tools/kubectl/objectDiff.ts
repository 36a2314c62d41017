// The diff of a live object against what a change would make of it, as
// `kubectl diff` prints it: both as YAML without managedFields, one unified
// diff per object under `diff -u -N LIVE/... MERGED/...`.

import { createTwoFilesPatch } from 'diff';
import { printYaml, type KubeObject } from './printers/objects';
import { withoutManagedFields } from './writes';

export interface ObjectChange {
  /** The object as the server holds it now; undefined when the change creates it. */
  live?: KubeObject;
  /** The object as the server-side dry run returned it. */
  merged: KubeObject;
}

/** `apps.v1.Deployment.default.web`, as kubectl diff names the two files it compares. */
export function diffFileName(object: KubeObject): string {
  const apiVersion = String(object.apiVersion ?? '');
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return [group, version, object.kind, object.metadata?.namespace, object.metadata?.name].filter(Boolean).join('.');
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The object as kubectl diff prints it: without managedFields or the last-applied annotation (its annotations map stays). */
export function objectYaml(object: KubeObject | undefined): string {
  if (!object) return '';
  const shown = withoutManagedFields(object);
  const annotations = shown.metadata?.annotations as Record<string, string> | undefined;
  if (annotations && LAST_APPLIED in annotations) {
    const { [LAST_APPLIED]: _lastApplied, ...rest } = annotations;
    return printYaml({ ...shown, metadata: { ...shown.metadata, annotations: rest } });
  }
  return printYaml(shown);
}

/**
 * A Secret's values hidden as kubectl diff hides them: `***` where both sides
 * agree, `*** (before)` and `*** (after)` where the change rewrites a value.
 * Other objects are returned as they are.
 */
export function maskSecret(change: ObjectChange): ObjectChange {
  if (change.merged.kind !== 'Secret') return change;
  const mask = (object: KubeObject | undefined, other: KubeObject | undefined, side: string): KubeObject | undefined => {
    if (!object) return object;
    const masked: KubeObject = { ...object };
    for (const field of ['data', 'stringData']) {
      const values = object[field] as Record<string, string> | undefined;
      if (!values) continue;
      const others = (other?.[field] ?? {}) as Record<string, string>;
      masked[field] = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, others[key] === value ? '***' : `*** (${side})`]));
    }
    return masked;
  };
  return { live: mask(change.live, change.merged, 'before'), merged: mask(change.merged, change.live, 'after')! };
}

/** The unified diff of one object (a Secret's values masked); empty when the change leaves it as it is. */
export function objectDiff(change: ObjectChange): string {
  const name = diffFileName(change.merged);
  const before = objectYaml(change.live);
  const after = objectYaml(change.merged);
  if (before === after) return '';
  // jsdiff starts with a line of '=' that diff(1) does not print.
  const patch = createTwoFilesPatch(`LIVE/${name}`, `MERGED/${name}`, before, after).replace(/^=+\n/, '');
  return `diff -u -N LIVE/${name} MERGED/${name}\n${patch}`;
}
