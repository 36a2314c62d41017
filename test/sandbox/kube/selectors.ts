// Label and field selectors: parsing the query-string syntax, matching objects,
// and the field labels each kind supports (as the real API server registers them).
import { badRequest } from './errors';
import { isPlainObject, type Json, type KubeObject } from './util';

export interface LabelRequirement {
  key: string;
  op: 'in' | 'notin' | 'exists' | '!';
  values: string[];
}

function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) parts.push(cur);
  return parts.map((p) => p.trim()).filter(Boolean);
}

export function parseLabelSelector(text: string | undefined | null): LabelRequirement[] {
  if (!text || !text.trim()) return [];
  return splitTopLevel(text).map((part) => {
    let m = /^([^\s!=,()]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part);
    if (m) {
      const values = m[3].split(',').map((v) => v.trim()).filter(Boolean);
      return { key: m[1], op: m[2] as 'in' | 'notin', values };
    }
    m = /^([^\s!=,()]+)\s*(==|=|!=)\s*([^\s!=,()]*)$/.exec(part);
    if (m) return { key: m[1], op: m[2] === '!=' ? 'notin' : 'in', values: [m[3]] };
    m = /^!\s*([^\s!=,()]+)$/.exec(part);
    if (m) return { key: m[1], op: '!', values: [] };
    m = /^([^\s!=,()]+)$/.exec(part);
    if (m) return { key: m[1], op: 'exists', values: [] };
    throw badRequest(`unable to parse requirement: found '${part}', expected: in, notin, =, ==, !=, gt, lt`);
  });
}

export function matchesLabels(reqs: LabelRequirement[], labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case 'exists':
        return has;
      case '!':
        return !has;
      case 'in':
        return has && r.values.includes(l[r.key]);
      case 'notin':
        return !has || !r.values.includes(l[r.key]);
    }
  });
}

/** Requirements of a metav1.LabelSelector (matchLabels + matchExpressions). */
export function fromLabelSelector(sel: Json): LabelRequirement[] {
  if (!isPlainObject(sel)) return [];
  const reqs: LabelRequirement[] = Object.entries(sel.matchLabels ?? {}).map(([key, v]) => ({
    key,
    op: 'in' as const,
    values: [String(v)],
  }));
  for (const e of sel.matchExpressions ?? []) {
    const op = String(e.operator).toLowerCase();
    if (op === 'in' || op === 'notin') reqs.push({ key: e.key, op, values: e.values ?? [] });
    else if (op === 'exists') reqs.push({ key: e.key, op: 'exists', values: [] });
    else if (op === 'doesnotexist') reqs.push({ key: e.key, op: '!', values: [] });
  }
  return reqs;
}

/** labels.Selector.String(): requirements sorted by key. */
export function selectorString(reqs: LabelRequirement[]): string {
  return [...reqs]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => {
      const vals = [...r.values].sort();
      if (r.op === 'exists') return r.key;
      if (r.op === '!') return `!${r.key}`;
      if (vals.length === 1) return `${r.key}${r.op === 'in' ? '=' : '!='}${vals[0]}`;
      return `${r.key} ${r.op} (${vals.join(',')})`;
    })
    .join(',');
}

/** metav1.FormatLabelSelector: "<none>" when empty. */
export function formatLabelSelector(sel: Json): string {
  const s = selectorString(fromLabelSelector(sel));
  return s || '<none>';
}

/** labels.FormatLabels: "a=b,c=d" in key order, "<none>" when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(',') : '<none>';
}

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

export function parseFieldSelector(text: string | undefined | null): FieldRequirement[] {
  if (!text || !text.trim()) return [];
  return text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((part) => {
      const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(part);
      if (!m) throw badRequest(`invalid selector: '${text}'; can't understand '${part}'`);
      return { field: m[1], op: m[2] === '!=' ? '!=' : '=', value: m[3] };
    });
}

type FieldGetter = (o: KubeObject) => Json;

const COMMON: Record<string, FieldGetter> = {
  'metadata.name': (o) => o.metadata.name,
  'metadata.namespace': (o) => o.metadata.namespace,
};

const BY_KEY: Record<string, Record<string, FieldGetter>> = {
  '/pods': {
    'spec.nodeName': (o) => o.spec?.nodeName,
    'spec.restartPolicy': (o) => o.spec?.restartPolicy,
    'spec.schedulerName': (o) => o.spec?.schedulerName,
    'spec.serviceAccountName': (o) => o.spec?.serviceAccountName,
    'spec.hostNetwork': (o) => String(o.spec?.hostNetwork ?? false),
    'status.phase': (o) => o.status?.phase,
    'status.podIP': (o) => o.status?.podIP,
    'status.nominatedNodeName': (o) => o.status?.nominatedNodeName,
  },
  '/events': {
    'involvedObject.kind': (o) => o.involvedObject?.kind,
    'involvedObject.namespace': (o) => o.involvedObject?.namespace,
    'involvedObject.name': (o) => o.involvedObject?.name,
    'involvedObject.uid': (o) => o.involvedObject?.uid,
    'involvedObject.apiVersion': (o) => o.involvedObject?.apiVersion,
    'involvedObject.resourceVersion': (o) => o.involvedObject?.resourceVersion,
    'involvedObject.fieldPath': (o) => o.involvedObject?.fieldPath,
    reason: (o) => o.reason,
    reportingComponent: (o) => o.reportingComponent,
    source: (o) => o.source?.component,
    type: (o) => o.type,
  },
  '/secrets': { type: (o) => o.type },
  '/nodes': { 'spec.unschedulable': (o) => String(o.spec?.unschedulable ?? false) },
  '/namespaces': { 'status.phase': (o) => o.status?.phase },
  'apps/replicasets': { 'status.replicas': (o) => String(o.status?.replicas ?? 0) },
};

/** Rejects field labels the kind does not support, with the real server's message. */
export function checkFieldSelector(key: string, reqs: FieldRequirement[], custom: boolean): void {
  const supported = { ...COMMON, ...(BY_KEY[key] ?? {}) };
  for (const r of reqs) {
    if (supported[r.field]) continue;
    if (custom) throw badRequest(`"${r.field}" is not a known field selector: only "metadata.name", "metadata.namespace"`);
    throw badRequest(`field label not supported: ${r.field}`);
  }
}

export function matchesFields(key: string, reqs: FieldRequirement[], obj: KubeObject): boolean {
  const supported = { ...COMMON, ...(BY_KEY[key] ?? {}) };
  return reqs.every((r) => {
    const v = supported[r.field]?.(obj);
    const s = v === undefined || v === null ? '' : String(v);
    return r.op === '=' ? s === r.value : s !== r.value;
  });
}
