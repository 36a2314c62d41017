// -o json, -o yaml and -o name, as kubectl prints unstructured objects:
// keys sorted, JSON indented by four spaces with Go's HTML escaping, YAML in
// the block style kubectl's YAML library writes.

import { Document } from 'yaml';

export type KubeObject = {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
};

/** One object, or several wrapped in a v1 List the way kubectl wraps them. */
export function asPrintable(objects: KubeObject[], single: boolean): KubeObject {
  if (single && objects.length === 1) return objects[0];
  return { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } };
}

export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

export function printJson(value: unknown): string {
  const text = JSON.stringify(sortKeys(value), null, 4)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return text + '\n';
}

export function printYaml(value: unknown): string {
  // YAML 1.1 rules decide quoting, as in kubectl: timestamps, yes/no and on/off stay strings.
  const doc = new Document(sortKeys(value), { keepUndefined: false, version: '1.1' });
  return doc.toString({
    indentSeq: false,
    lineWidth: 80,
    minContentWidth: 0,
    defaultStringType: 'PLAIN',
    defaultKeyType: 'PLAIN',
    doubleQuotedAsJSON: true,
    singleQuote: false,
    nullStr: 'null',
  });
}

/** `deployment.apps/tiktok-toe`, `pod/web-1`. */
export function printName(object: KubeObject): string {
  const kind = (object.kind ?? '').toLowerCase();
  const group = (object.apiVersion ?? '').includes('/') ? object.apiVersion!.split('/')[0] : '';
  return `${group ? `${kind}.${group}` : kind}/${object.metadata?.name ?? ''}\n`;
}
