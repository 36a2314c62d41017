// `runbook check FILE [--json] [--sustained]`: runs the commands of a runbook
// that only read state, judges what they measured against the runbook's
// thresholds, and prints measurements, thresholds and verdicts.
// Exit status: 3 when a command it ran failed (the check is incomplete), else
// the highest verdict: 0 ok, 1 warning, 2 critical; 4 when the file cannot be read.

import { dirname } from 'node:path';
import { createRegistry } from '../core/tools';
import { parseRunbook } from '../core/markdown';
import { BreachTracker, maxLevel, readThresholds, summarizeNotebook, type CellVerdict, type Finding, type Level, type ThresholdDiagnostic, type ThresholdGroup, type Verdict } from '../core/thresholds';
import { planCheck, runUnit, type SkippedCommand, type UnitRun } from './checkRun';
import { printReport } from './checkReport';
import type { Output } from './roundtrip';
import { readRunbookText, sessionWithVars } from './runbookFile';
import { abortableSleep } from '../core/util';

export const EXIT = { ok: 0, warning: 1, critical: 2, incomplete: 3, unreadable: 4 } as const;

export interface CheckOptions {
  json?: boolean;
  /** Count only breaches that lasted their duration; samples until the longest has passed. */
  sustained?: boolean;
  vars?: Record<string, string>;
  cwd?: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** How long a streaming command (`get -w`, `watch`) runs for its one sample (default 1000 ms). */
  streamWindowMs?: number;
  /** With --sustained: time between samples (default 30000 ms). */
  intervalMs?: number;
  /** Multiplies every threshold's duration (tests: 0.001 makes 5m 300 ms). */
  durationScale?: number;
  signal?: AbortSignal;
}

export interface CheckedCell {
  line: number;
  command: string;
  status: string;
  exitCode: number;
  verdict?: CellVerdict;
}

export interface CheckReport {
  file: string;
  /** The highest level counted (sustained breaches only with --sustained). */
  level: Level;
  exitCode: number;
  incomplete: boolean;
  sustainedOnly: boolean;
  rounds: number;
  verdicts: (Verdict & { line?: number; threshold: string })[];
  findings: (Finding & { line: number })[];
  cells: CheckedCell[];
  skipped: SkippedCommand[];
  failures: { line: number; command: string; exitCode: number; message: string }[];
  diagnostics: (ThresholdDiagnostic & { fileLine: number })[];
}

export function checkSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): Pick<CheckOptions, 'streamWindowMs' | 'intervalMs' | 'durationScale'> {
  const number = (name: string) => {
    const v = env[name];
    return v !== undefined && v.trim() !== '' && Number.isFinite(Number(v)) && Number(v) >= 0 ? Number(v) : undefined;
  };
  return { streamWindowMs: number('RUNBOOK_CHECK_STREAM_WINDOW_MS'), intervalMs: number('RUNBOOK_CHECK_INTERVAL_MS'), durationScale: number('RUNBOOK_CHECK_DURATION_SCALE') };
}

export async function checkCommand(file: string, options: CheckOptions, io: Output): Promise<number> {
  const read = readRunbookText(file);
  if ('error' in read) {
    io.err(read.error);
    return EXIT.unreadable;
  }
  const report = await checkRunbook(file, read.text, options, (line) => io.err(line));
  printReport(report, options.json ?? false, io);
  return report.exitCode;
}

export async function checkRunbook(file: string, text: string, options: CheckOptions, progress: (line: string) => void = () => {}): Promise<CheckReport> {
  const env = options.env ?? process.env;
  const settings = { ...checkSettingsFromEnv(env), ...definedOnly(options) };
  const streamWindowMs = settings.streamWindowMs ?? 1000;
  const intervalMs = settings.intervalMs ?? 30_000;
  const scale = settings.durationScale ?? 1;
  const doc = parseRunbook(text);
  const sourceCells = doc.cells.map((c) => ({ kind: c.kind, language: c.language, text: c.value, frontMatter: c.origin?.fence?.role === 'frontmatter' }));
  const reading = readThresholds(sourceCells);
  const groups: ThresholdGroup[] = reading.groups.map((g) => ({ ...g, metrics: g.metrics.map((m) => (m.durationMs ? { ...m, durationMs: m.durationMs * scale } : m)) }));
  const registry = createRegistry();
  const plan = planCheck(text, doc.cells, registry, env);
  const session = sessionWithVars(options.cwd ?? (file ? dirname(file) : process.cwd()), options.vars ?? {}, env);
  const tracker = new BreachTracker();
  const signal = options.signal ?? new AbortController().signal;
  const started = Date.now();
  const longest = Math.max(0, ...groups.flatMap((g) => g.metrics.map((m) => m.durationMs ?? 0)));
  let runs: UnitRun[] = [];
  let rounds = 0;
  try {
    for (;;) {
      runs = [];
      for (const unit of plan.units) {
        if (signal.aborted) break;
        runs.push(await runUnit(unit, { session, registry, signal, streamWindowMs, groups, tracker }).catch((error: unknown) => crashed(unit, error)));
      }
      rounds++;
      if (!options.sustained || signal.aborted || runs.some((r) => r.failed)) break;
      const summary = summarizeNotebook(groups, runs.map((r) => r.verdict));
      const waiting = summary.verdicts.filter((v) => v.level !== 'ok' && v.level !== 'not-measured' && !v.sustained);
      const elapsed = Date.now() - started;
      // Sample until every breach has lasted its duration or cleared; a flapping one stops after twice the longest duration.
      if (!waiting.length || elapsed >= 2 * longest + intervalMs) break;
      progress(`runbook check: ${waiting.length} breach${waiting.length === 1 ? '' : 'es'} not yet sustained; sampling again in ${Math.round(intervalMs / 1000)} s (round ${rounds + 1})`);
      await abortableSleep(intervalMs, signal);
      // Interrupted while waiting: report what the samples so far showed.
      if (signal.aborted) break;
    }
  } finally {
    await session.dispose();
  }
  return buildReport(file, text, doc.cells, groups, reading.diagnostics, plan.skipped, runs, rounds, options.sustained ?? false);
}

function buildReport(file: string, text: string, cells: ReturnType<typeof parseRunbook>['cells'], groups: ThresholdGroup[], diagnostics: ThresholdDiagnostic[], skipped: SkippedCommand[], runs: UnitRun[], rounds: number, sustainedOnly: boolean): CheckReport {
  const summary = summarizeNotebook(groups, runs.map((r) => r.verdict));
  const lineOf = new Map<Verdict, number>();
  for (const run of runs) for (const v of run.verdict?.verdicts ?? []) lineOf.set(v, run.unit.line);
  const thresholdOf = (v: Verdict) => groups.find((g) => g.name === v.group)?.metrics.find((m) => m.metric === v.metric);
  const verdicts = summary.verdicts.map((v) => ({ ...v, line: lineOf.get(v), threshold: describeThreshold(thresholdOf(v)) }));
  const findings = dedupeFindings(runs);
  const failures = runs.filter((r) => r.failed).map((r) => ({ line: r.unit.line, command: r.result.command, exitCode: r.result.exitCode ?? 1, message: (r.result.stderr ?? '').trim().split('\n')[0] ?? '' }));
  const counted = (v: Verdict): Level[] => (v.level === 'not-measured' ? [] : [sustainedOnly ? (v.sustainedLevel ?? 'ok') : v.level]);
  const level = maxLevel([...summary.verdicts.flatMap(counted), ...findings.map((f) => f.level)]);
  const incomplete = failures.length > 0;
  const body = text.replace(/^\uFEFF/, '');
  const fileLine = (d: ThresholdDiagnostic) => {
    const cell = cells[d.cellIndex];
    const before = cell?.origin ? body.slice(0, cell.origin.start + cell.origin.leading.length).match(/\r\n|\r|\n/g)?.length ?? 0 : 0;
    return before + 1 + (cell?.origin?.fence ? 1 : 0) + d.line;
  };
  return {
    file,
    level,
    exitCode: incomplete ? EXIT.incomplete : EXIT[level],
    incomplete,
    sustainedOnly,
    rounds,
    verdicts,
    findings,
    cells: runs.map((r) => ({ line: r.unit.line, command: r.result.command, status: r.result.status, exitCode: r.result.exitCode ?? 0, verdict: r.verdict })),
    skipped: [...skipped, ...runs.flatMap((r) => r.notRun)].sort((a, b) => a.line - b.line),
    failures,
    diagnostics: diagnostics.map((d) => ({ ...d, fileLine: fileLine(d) })),
  };
}

/** A unit whose run threw (a bug, not the command's failure): reported as a failed command. */
function crashed(unit: UnitRun['unit'], error: unknown): UnitRun {
  const message = error instanceof Error ? error.message : String(error);
  return { unit, failed: true, notRun: [], result: { tool: '', command: unit.text.trim(), status: 'failed', text: '', stderr: `runbook: ${message}\n`, exitCode: 70 } };
}

function describeThreshold(t: ThresholdGroup['metrics'][number] | undefined): string {
  if (!t) return '';
  const parts = [t.warning && `warning ${t.warning.text}`, t.critical && `critical ${t.critical.text}`].filter(Boolean);
  return `${parts.join(', ')}${t.durationText ? `, ${t.durationText}` : ''}`;
}

/** Each finding once (the latest cell that found it). */
function dedupeFindings(runs: readonly UnitRun[]): (Finding & { line: number })[] {
  const byKey = new Map<string, Finding & { line: number }>();
  for (const run of runs) for (const f of run.verdict?.findings ?? []) byKey.set(`${f.subject}\u0000${f.message}`, { ...f, line: run.unit.line });
  return [...byKey.values()];
}

function definedOnly(options: CheckOptions): Partial<CheckOptions> {
  return Object.fromEntries(Object.entries({ streamWindowMs: options.streamWindowMs, intervalMs: options.intervalMs, durationScale: options.durationScale }).filter(([, v]) => v !== undefined));
}

