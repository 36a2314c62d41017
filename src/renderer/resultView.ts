// What the renderer draws for a cell result, as plain data: the output lines
// as the CLI printed them, which of them breach a threshold, and the verdict
// lines under the output. No DOM here, so it is unit-tested in Node.

import type { CellResult } from '../core/results';
import type { CellVerdict, Level, Measurement, Verdict } from '../core/thresholds';

export type RowLevel = Exclude<Level, 'ok'>;

export interface RowView {
  text: string;
  /** Set when the row shows a subject whose measurement breaches a threshold. */
  level?: RowLevel;
  /** Why the row is highlighted: the verdicts about it, one per line. */
  title?: string;
}

export interface VerdictLineView {
  level: Verdict['level'];
  text: string;
}

export interface ResultView {
  status: CellResult['status'];
  level?: Level;
  message?: string;
  rows: RowView[];
  verdictLines: VerdictLineView[];
}

const RANK: Record<Verdict['level'], number> = { 'not-measured': 0, ok: 1, warning: 2, critical: 3 };

export function describeResult(result: CellResult): ResultView {
  const verdict = result.verdict;
  const lines = result.text ? splitLines(result.text) : [];
  const rows: RowView[] = lines.map((text) => ({ text }));
  if (verdict) highlight(rows, verdict);
  return {
    status: result.status,
    level: verdict?.level,
    message: result.message,
    rows,
    verdictLines: verdict ? verdictLines(verdict) : [],
  };
}

/** Lines without their endings; a final line ending adds no empty row. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The name a subject goes by in CLI output: `pod/web-1` → `web-1`, `database app` → `app`. */
export function subjectName(subject: string): string {
  const words = subject.trim().split(/\s+/);
  const last = words[words.length - 1] ?? '';
  return last.includes('/') ? last.slice(last.lastIndexOf('/') + 1) : last;
}

function tokens(line: string): string[] {
  return line
    .split(/[\s|,;]+/)
    .map((t) => t.replace(/^["'([]+|["')\]:.]+$/g, ''))
    .filter(Boolean);
}

interface Breach {
  level: RowLevel;
  subject: string;
  /** The subject is the first column of its row, exactly as printed (kubectl tables). */
  row: boolean;
  /** `91%`: how a line that is not a table row shows the value. */
  value?: string;
  text: string;
}

function percentText(m: Measurement): string | undefined {
  return m.unit === '%' ? `${Math.round(m.value)}%` : undefined;
}

/** Every measurement a threshold judged warning or critical, the findings, and verdicts not covered by those. */
function breaches(verdict: CellVerdict): Breach[] {
  const found: Breach[] = [];
  const breached = (level: string | undefined): level is RowLevel => level === 'warning' || level === 'critical';
  for (const m of verdict.measurements) {
    if (!breached(m.level)) continue;
    const about = verdict.verdicts.find((v) => v.metric === m.metric && v.group === m.group && v.measurement?.subject === m.subject);
    const text = about?.text ?? `${m.level}: ${m.metric} ${m.value}${m.unit} on ${m.subject}${m.detail ? ` (${m.detail})` : ''}`;
    found.push({ level: m.level, subject: m.subject, row: m.row === true, value: percentText(m), text });
  }
  for (const v of verdict.verdicts) {
    if (!breached(v.level) || !v.measurement) continue;
    if (found.some((b) => b.text === v.text)) continue;
    found.push({ level: v.level, subject: v.measurement.subject, row: v.measurement.row === true, value: percentText(v.measurement), text: v.text });
  }
  for (const f of verdict.findings) if (breached(f.level)) found.push({ level: f.level, subject: f.subject, row: f.row === true, text: `${f.level}: ${f.subject}: ${f.message}` });
  return found;
}

function highlight(rows: RowView[], verdict: CellVerdict): void {
  const rowTokens = rows.map((row) => tokens(row.text));
  const indexes = rows.map((_, i) => i);
  for (const breach of breaches(verdict)) {
    let matched: number[];
    if (breach.row) {
      matched = indexes.filter((i) => rows[i].text.trimStart().split(/\s+/)[0] === breach.subject);
    } else {
      // Not a table row (kubectl describe, psql, redis-cli INFO): the line that prints the value, else the one naming the subject.
      matched = breach.value ? indexes.filter((i) => rowTokens[i].includes(breach.value!)) : [];
      const name = subjectName(breach.subject);
      if (matched.length === 0 && name) matched = indexes.filter((i) => rowTokens[i].includes(name));
    }
    for (const i of matched) mark(rows[i], breach);
  }
}

function mark(row: RowView, breach: Breach): void {
  if (!row.level || (row.level === 'warning' && breach.level === 'critical')) row.level = breach.level;
  const reasons = row.title ? row.title.split('\n') : [];
  if (!reasons.includes(breach.text)) reasons.push(breach.text);
  row.title = reasons.join('\n');
}

/** Every verdict, worst first, then the findings. */
export function verdictLines(verdict: CellVerdict): VerdictLineView[] {
  const judged = [...verdict.verdicts].sort((a, b) => RANK[b.level] - RANK[a.level]).map((v) => ({ level: v.level, text: withoutLevel(v.text, v.level) }));
  const findings = verdict.findings.map((f) => ({ level: f.level, text: `${f.subject}: ${f.message}` }));
  return [...judged, ...findings];
}

/** The renderer shows the level as a badge: `critical — not yet sustained` reads `not yet sustained`. */
function withoutLevel(text: string, level: Verdict['level']): string {
  const words = level === 'not-measured' ? '(?:not[- ]measured)' : level;
  const rest = text.replace(new RegExp(`^${words}\\b\\s*(?:[—:-]\\s*)?`, 'i'), '');
  return rest || text;
}
