// Front matter bindings: `thresholds: {Application Servers: {kubernetes: deployment/tiktok-toe}}`.

import { isMap, isScalar, LineCounter, parseDocument, type Pair } from 'yaml';
import { COMPONENTS } from './bindings';
import { diagnosticAt, type Range } from './positions';
import type { Component, ThresholdDiagnostic } from './types';

export interface FrontMatterBinding {
  name: string;
  binding: Record<string, string>;
  /** Where the group's name is in the front matter cell. */
  range: Range;
}

export interface FrontMatterBindings {
  bindings: Map<string, FrontMatterBinding>;
  diagnostics: ThresholdDiagnostic[];
  lines: LineCounter;
}

/** The binding key naming a group's Prometheus endpoint. */
export const METRICS_KEY = 'metrics';

export function groupKey(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

export function readFrontMatter(text: string, cellIndex: number): FrontMatterBindings {
  const lines = new LineCounter();
  const bindings = new Map<string, FrontMatterBinding>();
  const diagnostics: ThresholdDiagnostic[] = [];
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length || !isMap(doc.contents)) return { bindings, diagnostics, lines };
  const thresholds = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'thresholds') as Pair | undefined;
  if (!thresholds) return { bindings, diagnostics, lines };
  const value = thresholds.value;
  const at = (node: unknown) => (node as { range?: Range } | null)?.range;
  if (!isMap(value)) {
    diagnostics.push(diagnosticAt(lines, cellIndex, at(thresholds.key), 'thresholds: expected a mapping from a heading to what it measures, e.g. `Application Servers: {kubernetes: deployment/web}`'));
    return { bindings, diagnostics, lines };
  }
  for (const pair of value.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!isMap(pair.value)) {
      diagnostics.push(diagnosticAt(lines, cellIndex, at(pair.key), `thresholds.${name}: expected a mapping such as {kubernetes: deployment/web}, {postgres: primary} or {redis: primary}`));
      continue;
    }
    const binding: Record<string, string> = {};
    for (const entry of pair.value.items) {
      const component = isScalar(entry.key) ? String(entry.key.value) : '';
      // `metrics: URL`: a Prometheus endpoint whose request counter measures the group's `requests` (the health view reads it).
      if (component === METRICS_KEY && isScalar(entry.value) && /^https?:\/\//.test(String(entry.value.value))) {
        binding[METRICS_KEY] = String(entry.value.value);
        continue;
      }
      if (!COMPONENTS.includes(component as Component)) {
        diagnostics.push(diagnosticAt(lines, cellIndex, at(entry.key), `unknown component '${component}' in thresholds.${name}; expected one of: ${COMPONENTS.join(', ')}`));
        continue;
      }
      if (!isScalar(entry.value) || entry.value.value === null) {
        diagnostics.push(diagnosticAt(lines, cellIndex, at(entry.value) ?? at(entry.key), `thresholds.${name}.${component}: expected a name such as deployment/web, statefulset/db, pod/redis-*, primary or host:port`));
        continue;
      }
      binding[component] = String(entry.value.value);
    }
    bindings.set(groupKey(name), { name, binding, range: at(pair.key) ?? [0, 0] });
  }
  return { bindings, diagnostics, lines };
}

/** The component a binding is about, for a heading that names none: its first known component. */
export function componentOfBinding(binding: Record<string, string>): Component | undefined {
  return Object.keys(binding).find((k): k is Component => COMPONENTS.includes(k as Component));
}
