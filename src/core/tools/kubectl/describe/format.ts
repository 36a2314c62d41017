// The shared pieces of describe output: the writer that indents `Key:\tvalue`
// lines by level (two spaces a level) and aligns them at the end, and the
// blocks every kind uses (labels, annotations, tolerations, taints, selectors)
// in the exact form kubectl prints them.

import { escapeTerminal } from '../printers/escapeTerminal';
import { alignTabbed } from '../printers/tabwriter';

/** A decoded API object or part of one (describers read fields loosely, as kubectl does). */
export type Json = Record<string, any>;

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const MAX_ANNOTATION_LEN = 140;

/** Accumulates indented lines; `toString()` aligns the tab-separated cells. */
export class DescribeWriter {
  constructor(
    private readonly sink: { text: string } = { text: '' },
    private readonly indent = 0,
  ) {}

  write(level: number, text: string): void {
    this.sink.text += escapeTerminal('  '.repeat(level + this.indent) + text);
  }

  /** A whole line at no extra level (kubectl's WriteLine). */
  line(text: string): void {
    if (this.indent) this.write(0, text + '\n');
    else this.sink.text += escapeTerminal(text + '\n');
  }

  /** A writer whose levels start `levels` deeper (for nested sections). */
  nested(levels: number): DescribeWriter {
    return new DescribeWriter(this.sink, this.indent + levels);
  }

  toString(): string {
    return alignTabbed(this.sink.text);
  }
}

export function sortedKeys(map: Json | undefined): string[] {
  return Object.keys(map ?? {}).sort(byteOrder);
}

export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `Labels:  a=b` with one label a line, sorted by key; `<none>` when empty. */
export function printLabels(w: DescribeWriter, title: string, labels: Json | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const keys = sortedKeys(labels);
  if (keys.length === 0) return w.line('<none>');
  keys.forEach((key, i) => {
    if (i) w.write(0, initialIndent + innerIndent);
    w.write(0, `${key}=${labels![key]}\n`);
  });
}

/** `Annotations:  key: value`; long or multi-line values go on their own lines. */
export function printAnnotations(w: DescribeWriter, title: string, annotations: Json | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = sortedKeys(annotations).filter((k) => k !== LAST_APPLIED);
  if (keys.length === 0) return w.line('<none>');
  keys.forEach((key, i) => {
    if (i) w.write(0, '\t');
    const value = String(annotations![key]).replace(/\n$/, '');
    if (byteLength(value) + byteLength(key) + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${key}:\n`);
      for (const part of value.split('\n')) w.write(0, `\t  ${shorten(part, MAX_ANNOTATION_LEN - 2)}\n`);
    } else w.write(0, `${key}: ${value}\n`);
  });
}

function shorten(text: string, max: number): string {
  return byteLength(text) > max ? Buffer.from(text).subarray(0, max).toString() + '...' : text;
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text);
}

export function printTolerations(w: DescribeWriter, title: string, tolerations: Json[] | undefined, initialIndent = ''): void {
  w.write(0, `${initialIndent}${title}:\t`);
  if (!tolerations?.length) return w.line('<none>');
  const sorted = [...tolerations].sort((a, b) => byteOrder(a.key ?? '', b.key ?? ''));
  sorted.forEach((t, i) => {
    if (i) w.write(0, initialIndent + '\t');
    let text = t.key ?? '';
    if (t.value) text += `=${t.value}`;
    if (t.effect) text += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) text += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) text += ` for ${t.tolerationSeconds}s`;
    w.write(0, text + '\n');
  });
}

export function printTaints(w: DescribeWriter, title: string, taints: Json[] | undefined): void {
  w.write(0, `${title}:\t`);
  if (!taints?.length) return w.line('<none>');
  const key = (t: Json) => `${t.effect ?? ''},${t.key ?? ''}`;
  [...taints].sort((a, b) => byteOrder(key(a), key(b))).forEach((t, i) => {
    if (i) w.write(0, '\t');
    let text = t.key ?? '';
    if (t.value) text += `=${t.value}`;
    if (t.effect) text += `:${t.effect}`;
    w.write(0, text + '\n');
  });
}

/** `a=b,c=d` sorted by key, as labels.FormatLabels; `<none>` when empty. */
export function formatLabels(map: Json | undefined): string {
  const keys = sortedKeys(map);
  return keys.length ? keys.map((k) => `${k}=${map![k]}`).join(',') : '<none>';
}

/** A LabelSelector as a selector string: requirements sorted by key. */
export function selectorString(selector: Json | undefined | null): string {
  if (!selector) return '';
  const requirements: { key: string; text: string }[] = [];
  for (const key of Object.keys(selector.matchLabels ?? {})) requirements.push({ key, text: `${key}=${selector.matchLabels[key]}` });
  for (const e of (selector.matchExpressions ?? []) as Json[]) {
    const values = [...((e.values ?? []) as string[])].sort(byteOrder).join(',');
    const text = ({ In: `${e.key} in (${values})`, NotIn: `${e.key} notin (${values})`, Exists: e.key, DoesNotExist: `!${e.key}` } as Record<string, string>)[e.operator] ?? e.key;
    requirements.push({ key: e.key, text });
  }
  return requirements
    .sort((a, b) => byteOrder(a.key, b.key))
    .map((r) => r.text)
    .join(',');
}

/** metav1.FormatLabelSelector: the selector string, `<none>` when it selects everything. */
export function formatLabelSelector(selector: Json | undefined | null): string {
  return selectorString(selector) || '<none>';
}

export function orNone(text: string | undefined | null): string {
  return text ? text : '<none>';
}

export function printBool(value: unknown): string {
  return value ? 'True' : 'False';
}

/** Go's `%v` of a string slice: `[a b c]`. */
export function goList(values: readonly unknown[] | undefined | null): string {
  return `[${(values ?? []).map(String).join(' ')}]`;
}

export function controllerOf(object: Json): string {
  const ref = ((object.metadata?.ownerReferences ?? []) as Json[]).find((r) => r.controller === true);
  return ref ? `${ref.kind}/${ref.name}` : '';
}
