// Reading a runbook's thresholds: the YAML blocks under headings that name a
// component (`### Database`), bound by front matter or by default. Every
// problem becomes a diagnostic on its cell; nothing here throws.

import { isMap, isScalar, LineCounter, parseDocument, type Pair, type YAMLMap } from 'yaml';
import { defaultBinding, deploymentsNamed } from './bindings';
import { EXPECTED_BOUND, EXPECTED_DURATION, parseBound, parseDuration } from './bounds';
import { componentOfBinding, groupKey, readFrontMatter, type FrontMatterBinding } from './frontMatter';
import { componentForHeading, headingsOf, isThresholdSection, pushHeading, type Heading } from './headings';
import { findMetric, metricsOf, suggestMetric, unitName } from './metrics';
import { diagnosticAt, type Range } from './positions';
import type { Component, MetricThreshold, ThresholdDiagnostic, ThresholdGroup } from './types';
import { isShellLanguage } from '../shell/languages';

export interface ThresholdSourceCell {
  kind: 'markdown' | 'code';
  language: string;
  text: string;
  /** The YAML front matter block at the top of the file. */
  frontMatter?: boolean;
}

export interface ThresholdReading {
  groups: ThresholdGroup[];
  diagnostics: ThresholdDiagnostic[];
}

const YAML_LANGUAGES = new Set(['yaml', 'yml']);
const EXAMPLE = 'cpu: {warning: 70%, critical: 85%, duration: 5m}';

export function readThresholds(cells: readonly ThresholdSourceCell[]): ThresholdReading {
  const diagnostics: ThresholdDiagnostic[] = [];
  const groups: ThresholdGroup[] = [];
  const frontIndex = cells.findIndex((c) => c.frontMatter);
  const front = frontIndex >= 0 ? readFrontMatter(cells[frontIndex].text, frontIndex) : undefined;
  if (front) diagnostics.push(...front.diagnostics);
  const used = new Set<string>();
  const deployments = [...new Set(cells.filter((c) => c.kind === 'code' && isShellLanguage(c.language)).flatMap((c) => deploymentsNamed(c.text)))];

  const stack: Heading[] = [];
  cells.forEach((cell, cellIndex) => {
    if (cell.kind === 'markdown') {
      for (const heading of headingsOf(cell.text)) pushHeading(stack, heading);
      return;
    }
    if (cell.frontMatter || !YAML_LANGUAGES.has(cell.language.toLowerCase())) return;
    const nearest = stack[stack.length - 1];
    if (!nearest) return;
    const bound = front?.bindings.get(groupKey(nearest.text));
    const component = componentForHeading(nearest.text) ?? (bound && componentOfBinding(bound.binding));
    if (!component) return;
    const inSection = stack.some((h) => isThresholdSection(h.text));
    const block = readBlock(cell.text, cellIndex, nearest.text, component, inSection || bound !== undefined);
    if (!block) return;
    diagnostics.push(...block.diagnostics);
    if (!block.metrics) return;
    if (bound) used.add(groupKey(nearest.text));
    groups.push(makeGroup(nearest.text, component, cellIndex, block.metrics, bound, deployments));
  });

  if (front && frontIndex >= 0) {
    for (const [key, binding] of front.bindings) {
      if (used.has(key)) continue;
      diagnostics.push(diagnosticAt(front.lines, frontIndex, binding.range, `thresholds.${binding.name}: no heading '${binding.name}' with a threshold block below it; expected a heading of that name followed by a YAML block such as ${EXAMPLE}`, 'warning'));
    }
  }
  return { groups, diagnostics };
}

function makeGroup(name: string, component: Component, cellIndex: number, metrics: MetricThreshold[], bound: FrontMatterBinding | undefined, deployments: readonly string[]): ThresholdGroup {
  const defaults = defaultBinding(component, deployments);
  // Front matter replaces the default for the components it names and keeps the group's own component bound.
  const binding = bound ? { [component]: defaults[component], ...bound.binding } : defaults;
  return { name, component, binding, bindingSource: bound ? 'front-matter' : 'default', cellIndex, metrics: metrics.map((m) => ({ ...m, group: name })) };
}

interface Block {
  metrics?: MetricThreshold[];
  diagnostics: ThresholdDiagnostic[];
}

/** One YAML block; undefined when it is not a threshold block at all (a manifest, a config snippet). */
function readBlock(text: string, cellIndex: number, group: string, component: Component, expected: boolean): Block | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const looksLikeThresholds = /^\s*(warning|critical)\s*:|\{\s*(warning|critical)\s*:/m.test(text);
  if (doc.errors.length) {
    if (!expected && !looksLikeThresholds) return undefined;
    return {
      diagnostics: doc.errors.map((e) => diagnosticAt(lines, cellIndex, wholeLineIfPoint(text, e.pos), `invalid YAML: ${e.message.split('\n')[0]}; expected metric blocks such as ${EXAMPLE}`)),
    };
  }
  const contents = doc.contents;
  if (!isMap(contents)) {
    if (!expected || contents === null) return undefined;
    return { diagnostics: [diagnosticAt(lines, cellIndex, (contents as { range?: Range }).range, `expected a mapping from metric names to bounds, such as ${EXAMPLE}`)] };
  }
  const keys = contents.items.map((p) => (isScalar(p.key) ? String(p.key.value) : ''));
  if (keys.includes('apiVersion') || keys.includes('kind')) return undefined;
  const shaped = contents.items.some((p) => isMap(p.value) && p.value.items.some((e) => isScalar(e.key) && ['warning', 'critical', 'duration'].includes(String(e.key.value))));
  if (!expected && !shaped) return undefined;
  const diagnostics: ThresholdDiagnostic[] = [];
  const metrics: MetricThreshold[] = [];
  for (const pair of contents.items) {
    const metric = readMetric(pair, lines, cellIndex, group, component, diagnostics);
    if (metric) metrics.push(metric);
  }
  return { metrics, diagnostics };
}

/** A one-character error position grows to the rest of its line, so the squiggle can be seen. */
function wholeLineIfPoint(text: string, [start, end]: Range): Range {
  if (end - start > 1) return [start, end];
  const lineEnd = text.indexOf('\n', start);
  return [start, Math.max(end, lineEnd < 0 ? text.length : lineEnd)];
}

function readMetric(pair: Pair, lines: LineCounter, cellIndex: number, group: string, component: Component, diagnostics: ThresholdDiagnostic[]): MetricThreshold | undefined {
  const range = (node: unknown) => (node as { range?: Range } | null)?.range;
  const error = (node: unknown, message: string, severity: ThresholdDiagnostic['severity'] = 'error') => diagnostics.push(diagnosticAt(lines, cellIndex, range(node), message, severity));
  const name = isScalar(pair.key) ? String(pair.key.value) : '';
  const info = findMetric(component, name);
  if (!info) {
    const suggestion = suggestMetric(component, name);
    const known = metricsOf(component).map((m) => m.name).join(', ');
    error(pair.key, `unknown metric '${name}' for ${group} (${component})${suggestion ? `; did you mean '${suggestion}'?` : ''} Expected one of: ${known}`);
    return undefined;
  }
  if (!isMap(pair.value)) {
    error(pair.value ?? pair.key, `expected warning, critical and duration under '${name}', e.g. ${name}: {warning: ..., critical: ..., duration: 5m}`);
    return undefined;
  }
  const start = lines.linePos(range(pair.key)?.[0] ?? 0);
  const threshold: MetricThreshold = { group, component, metric: name, measures: info.name, cellIndex, line: start.line - 1 };
  for (const entry of (pair.value as YAMLMap).items) {
    const key = isScalar(entry.key) ? String(entry.key.value) : '';
    const raw = isScalar(entry.value) ? entry.value.value : entry.value === null ? null : (entry.value as object);
    if (key === 'warning' || key === 'critical') {
      const parsed = parseBound(raw);
      if ('error' in parsed) {
        error(entry.value ?? entry.key, `${name}.${key}: ${parsed.error}`);
        continue;
      }
      if (!info.units.includes(parsed.ok.unit)) {
        error(entry.value, `${name}.${key}: ${name} takes ${info.units.map(unitName).join(' or ')}; got '${parsed.ok.text}'`);
        continue;
      }
      threshold[key] = parsed.ok;
    } else if (key === 'duration' || key === 'for') {
      const parsed = parseDuration(raw);
      if ('error' in parsed) {
        error(entry.value ?? entry.key, `${name}.duration: ${parsed.error}`);
        continue;
      }
      threshold.durationMs = parsed.ok;
      threshold.durationText = String(raw);
    } else {
      error(entry.key, `unknown key '${key}' under '${name}'; expected warning, critical or duration (${EXPECTED_BOUND} for the bounds, ${EXPECTED_DURATION} for duration)`);
    }
  }
  if (!threshold.warning && !threshold.critical) {
    error(pair.key, `'${name}' has no usable warning or critical bound; expected e.g. ${name}: {warning: ..., critical: ...}`);
    return undefined;
  }
  checkOrder(threshold, (message) => error(pair.key, message, 'warning'));
  return threshold;
}

function checkOrder(t: MetricThreshold, warn: (message: string) => void): void {
  const { warning, critical } = t;
  if (!warning || !critical) return;
  if (warning.unit !== critical.unit) return warn(`${t.metric}: warning '${warning.text}' and critical '${critical.text}' are in different units`);
  if (warning.direction !== critical.direction) return warn(`${t.metric}: warning '${warning.text}' and critical '${critical.text}' point different ways; write both with < (lower is worse) or neither`);
  const inverted = warning.direction === 'above' ? critical.value < warning.value : critical.value > warning.value;
  if (inverted) warn(`${t.metric}: critical '${critical.text}' is reached before warning '${warning.text}'; expected critical ${warning.direction === 'above' ? 'above' : 'below'} warning`);
}

