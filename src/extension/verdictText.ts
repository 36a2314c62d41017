// Words for verdicts in the editor: the cell status bar item, the notebook
// summary and their tooltips. Plain strings, no `vscode` import.

import type { CellVerdict, Level, Measurement, Verdict } from '../core/thresholds';

type SummaryLevel = Verdict['level'];

const ICONS: Record<Level, string> = { ok: '$(pass)', warning: '$(warning)', critical: '$(error)' };
const RANK: Record<SummaryLevel, number> = { 'not-measured': 0, ok: 1, warning: 2, critical: 3 };

export function levelIcon(level: Level): string {
  return ICONS[level];
}

/** `91%`, `1200/sec`, `0.35s`, `3`. */
export function formatValue(value: number, unit: Measurement['unit']): string {
  const rounded = Number.isInteger(value) ? String(value) : String(Math.round(value * 10) / 10);
  return `${rounded}${unit}`;
}

/** The duration of an unsustained breach as the core words it (`not yet sustained (5m)`), else undefined. */
export function notYetSustained(verdicts: readonly Verdict[], level: Level): string | undefined {
  const breaches = verdicts.filter((v) => v.level === level);
  if (breaches.length === 0 || breaches.some((v) => v.sustained)) return undefined;
  const duration = breaches.map((v) => /not yet sustained \(([^)]+)\)/.exec(v.text)?.[1]).find(Boolean);
  return duration ? `not yet sustained (${duration})` : 'not yet sustained';
}

/** `$(error) critical — not yet sustained (5m)` */
export function cellStatusText(verdict: CellVerdict): string {
  const pending = verdict.level === 'ok' ? undefined : notYetSustained(verdict.verdicts, verdict.level);
  return `${levelIcon(verdict.level)} ${verdict.level}${pending ? ` — ${pending}` : ''}`;
}

/** One line per threshold verdict, finding and measurement. */
export function cellTooltip(verdict: CellVerdict): string {
  const lines = [`Runbook verdict: ${verdict.level}`];
  const judged = [...verdict.verdicts].sort((a, b) => RANK[b.level] - RANK[a.level]);
  if (judged.length) lines.push('', 'Thresholds:');
  for (const v of judged) lines.push(`  ${verdictLine(v)}`);
  if (verdict.findings.length) lines.push('', 'Findings:');
  for (const f of verdict.findings) lines.push(`  ${f.level}: ${f.subject}: ${f.message}`);
  if (verdict.measurements.length) lines.push('', 'Measured:');
  for (const m of verdict.measurements) lines.push(`  ${measurementLine(m)}`);
  return lines.join('\n');
}

/** `Application Servers · cpu: critical — 91% on pod/x, threshold critical ≥ 85% (not yet sustained, since 10:04:05)` */
export function verdictLine(v: Verdict): string {
  const head = `${v.group} · ${v.metric}: ${v.level === 'not-measured' ? 'not measured' : v.level}`;
  const parts: string[] = [];
  if (v.measurement) parts.push(`${formatValue(v.measurement.value, v.measurement.unit)} on ${v.measurement.subject}`);
  if (v.bound) parts.push(`threshold ${v.level} ${v.bound.direction === 'below' ? '<' : '≥'} ${formatValue(v.bound.value, v.bound.unit)}`);
  const notes: string[] = [];
  if (v.level !== 'ok' && v.level !== 'not-measured' && !v.sustained) notes.push(notYetSustained([v], v.level) ?? 'not yet sustained');
  if (v.since && v.level !== 'ok' && v.level !== 'not-measured') notes.push(`since ${clock(v.since)}`);
  const detail = parts.length ? ` — ${parts.join(', ')}` : '';
  return `${head}${detail}${notes.length ? ` (${notes.join(', ')})` : ''}`;
}

export function measurementLine(m: Measurement): string {
  return `${m.metric} ${formatValue(m.value, m.unit)} — ${m.subject}${m.detail ? ` (${m.detail})` : ''}`;
}

export interface SummaryWords {
  text: string;
  tooltip: string;
  level: SummaryLevel;
}

/** `$(warning) Runbook: 2 critical, 1 warning, 3 not measured`, and every threshold's latest verdict. */
export function summaryWords(verdicts: readonly Verdict[]): SummaryWords {
  const count = (level: SummaryLevel) => verdicts.filter((v) => v.level === level).length;
  const counts = (['critical', 'warning', 'ok', 'not-measured'] as const).map((level) => [level, count(level)] as const).filter(([, n]) => n > 0);
  const level = verdicts.reduce<SummaryLevel>((worst, v) => (RANK[v.level] > RANK[worst] ? v.level : worst), 'not-measured');
  const icon = level === 'not-measured' ? '$(dashboard)' : levelIcon(level);
  const words = counts.map(([l, n]) => `${n} ${l === 'not-measured' ? 'not measured' : l}`).join(', ');
  const tooltip = [`Runbook thresholds: latest verdict of each`, '', ...verdicts.map((v) => verdictLine(v))].join('\n');
  return { text: `${icon} Runbook: ${words || 'no thresholds'}`, tooltip, level };
}

function clock(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(11, 19) + ' UTC';
}
