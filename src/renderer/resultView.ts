// What the renderer draws for a cell result, as plain data: the output lines
// as the CLI printed them, which of them breach a threshold, and the verdict
// lines under the output. No DOM here, so it is unit-tested in Node.

import type { CellResult, CommandResult } from '../core/results';
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
  // Of an output too large to keep, the text holds its last lines: a row's line counts from the output's start.
  const full = result.fullOutput?.stdout;
  const omitted = full ? full.lines - full.shownLines : 0;
  if (verdict) highlight(rows, verdict, result.commands ?? [], omitted);
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

function tokens(line: string): string[] {
  return line
    .split(/[\s|,;]+/)
    .map((t) => t.replace(/^["'([]+|["')\]:.]+$/g, ''))
    .filter(Boolean);
}

interface Breach {
  level: RowLevel;
  text: string;
  /** The line of the cell's text that prints the table row it came from, when that is known. */
  line?: number;
  /** Came from a table row whose line is not known (its output went through a pipe): no line is marked. */
  unplaced?: boolean;
  /** Not from a table row: the value as a line would print it (`91%`). */
  value?: string;
  /** The lines its command printed start here, when known. */
  from?: number;
}

type Source = Pick<Measurement, 'row' | 'command'>;

/** Where a breach is in the text: the line of its row (outputLine + headerLines + index), or what else marks it. */
function place(source: Source, commands: readonly CommandResult[], value: string | undefined): Pick<Breach, 'line' | 'unplaced' | 'value' | 'from'> {
  const start = source.command !== undefined ? commands[source.command]?.outputLine : undefined;
  if (source.row) return start === undefined ? { unplaced: true } : { line: start + source.row.headerLines + source.row.index };
  return { value, from: start };
}

function percentText(m: Measurement): string | undefined {
  return m.unit === '%' ? `${Math.round(m.value)}%` : undefined;
}

/** Every measurement a threshold judged warning or critical, the findings, and verdicts not covered by those. */
function breaches(verdict: CellVerdict, commands: readonly CommandResult[]): Breach[] {
  const found: Breach[] = [];
  const breached = (level: string | undefined): level is RowLevel => level === 'warning' || level === 'critical';
  for (const m of verdict.measurements) {
    if (!breached(m.level)) continue;
    const about = verdict.verdicts.find((v) => v.metric === m.metric && v.group === m.group && v.measurement?.subject === m.subject);
    const text = about?.text ?? `${m.level}: ${m.metric} ${m.value}${m.unit} on ${m.subject}${m.detail ? ` (${m.detail})` : ''}`;
    found.push({ level: m.level, text, ...place(m, commands, percentText(m)) });
  }
  for (const v of verdict.verdicts) {
    if (!breached(v.level) || !v.measurement) continue;
    if (found.some((b) => b.text === v.text)) continue;
    found.push({ level: v.level, text: v.text, ...place(v.measurement, commands, percentText(v.measurement)) });
  }
  for (const f of verdict.findings) {
    if (breached(f.level) && f.row) found.push({ level: f.level, text: `${f.level}: ${f.subject}: ${f.message}`, ...place(f, commands, undefined) });
  }
  return found;
}

/**
 * A breach from a table row marks the line that row is printed on, found by index from where its
 * command's output began; when that is not known (piped output), it marks nothing rather than guess.
 * A value that is not a table row (kubectl describe, a psql result) marks the lines that print it.
 */
function highlight(rows: RowView[], verdict: CellVerdict, commands: readonly CommandResult[], omitted: number): void {
  for (const breach of breaches(verdict, commands)) {
    if (breach.line !== undefined) {
      const row = breach.line - omitted;
      if (row >= 0 && row < rows.length) mark(rows[row], breach);
    } else if (!breach.unplaced && breach.value) {
      for (let i = Math.max(0, (breach.from ?? 0) - omitted); i < rows.length; i++) if (tokens(rows[i].text).includes(breach.value)) mark(rows[i], breach);
    }
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
