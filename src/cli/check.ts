// `runbook check FILE [--json] [--sustained]`: runs the commands of a runbook
// that only read state, judges what they measured against the runbook's
// thresholds, and prints measurements, thresholds and verdicts.
// Exit status: 3 when a command it ran failed (the check is incomplete), else
// the highest verdict: 0 ok, 1 warning, 2 critical; 4 when the file cannot be read.

import { dirname } from 'node:path';
import type { CellResult } from '../core/results';
import { Runbook } from '../core/runbook';
import { summarizeNotebook, type CellVerdict, type Finding, type Level, type ThresholdDiagnostic, type ThresholdGroup, type Verdict } from '../core/thresholds';
import { EXIT, exitCodeFor, readRound, roundLevel, type CheckedRun, type CheckRound, type FailedCommand, type SkippedCommand } from './runOutcome';
import { printReport } from './checkReport';
import type { Output } from './roundtrip';
import { cliRunner, readRunbookText, sessionWithVars } from './runbookFile';
import { abortableSleep } from '../core/util';
import { inlineNotRun } from './inlineNotRun';

export { EXIT } from './runOutcome';

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
  /** Each command is stopped after this long and fails, making the check incomplete (--timeout); undefined or 0: no limit. */
  commandTimeoutMs?: number;
  signal?: AbortSignal;
}

export interface CheckedCell {
  line: number;
  command: string;
  status: string;
  exitCode: number;
  verdict?: CellVerdict;
  /** The cell's whole result, as the notebook's structured output holds it. */
  result: CellResult;
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
  /** Commands written inline in the prose: listed, never run. */
  inline: SkippedCommand[];
  failures: FailedCommand[];
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
  const intervalMs = settings.intervalMs ?? 30_000;
  const scale = settings.durationScale ?? 1;
  const read = Runbook.fromMarkdown(text);
  const groups: ThresholdGroup[] = read.groups.map((g) => ({ ...g, metrics: g.metrics.map((m) => (m.durationMs ? { ...m, durationMs: m.durationMs * scale } : m)) }));
  const runbook = read.withThresholds({ groups, diagnostics: read.thresholds.diagnostics });
  const session = sessionWithVars(options.cwd ?? (file ? dirname(file) : process.cwd()), options.vars ?? {}, env);
  // Values come only from --var; check never prompts and never changes state.
  const runner = cliRunner(runbook, session, { resolve: async () => undefined, confirm: async () => false }, { continueOnFailure: true, stopOnCritical: false, readOnly: true, alwaysSample: true, streamWindowMs: settings.streamWindowMs ?? 1000, commandTimeoutMs: options.commandTimeoutMs });
  const signal = options.signal ?? new AbortController().signal;
  const started = Date.now();
  const longest = Math.max(0, ...groups.flatMap((g) => g.metrics.map((m) => m.durationMs ?? 0)));
  let round: CheckRound = { runs: [], skipped: [], failures: [] };
  let rounds = 0;
  try {
    for (;;) {
      round = readRound(await runner.run(runbook.codeCells.map((c) => c.index), { signal }));
      rounds++;
      if (!options.sustained || signal.aborted || round.failures.length) break;
      const summary = summarizeNotebook(groups, round.runs.map((r) => r.result.verdict));
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
  return buildReport(file, runbook, round, rounds, options.sustained ?? false, inlineNotRun(file, text));
}

function buildReport(file: string, runbook: Runbook, round: CheckRound, rounds: number, sustainedOnly: boolean, inline: SkippedCommand[]): CheckReport {
  const { groups, diagnostics } = runbook.thresholds;
  const { runs } = round;
  const summary = summarizeNotebook(groups, runs.map((r) => r.result.verdict));
  const lineOf = new Map<Verdict, number>();
  for (const run of runs) for (const v of run.result.verdict?.verdicts ?? []) lineOf.set(v, measurementLine(run, v.measurement?.command));
  const thresholdOf = (v: Verdict) => groups.find((g) => g.name === v.group)?.metrics.find((m) => m.metric === v.metric);
  const verdicts = summary.verdicts.map((v) => ({ ...v, line: lineOf.get(v), threshold: describeThreshold(thresholdOf(v)) }));
  const findings = dedupeFindings(runs);
  const level = roundLevel(summary.verdicts, findings, sustainedOnly);
  const incomplete = round.failures.length > 0;
  const fileLine = (d: ThresholdDiagnostic) => (runbook.cells[d.cellIndex]?.line ?? 1) + d.line;
  return {
    file,
    level,
    exitCode: exitCodeFor(level, round),
    incomplete,
    sustainedOnly,
    rounds,
    verdicts,
    findings,
    cells: runs.map((r) => ({ line: r.line, command: r.result.command, status: r.result.status, exitCode: r.result.exitCode ?? 0, verdict: r.result.verdict, result: r.result })),
    skipped: round.skipped.sort((a, b) => a.line - b.line),
    inline,
    failures: round.failures,
    diagnostics: diagnostics.map((d) => ({ ...d, fileLine: fileLine(d) })),
  };
}

/** The file line of the command a measurement came from (the cell's first command that ran when unknown). */
function measurementLine(run: CheckedRun, command: number | undefined): number {
  const c = command !== undefined ? run.result.commands?.[command] : undefined;
  return c?.line !== undefined && run.cell.line !== undefined ? run.cell.line + c.line : run.line;
}

function describeThreshold(t: ThresholdGroup['metrics'][number] | undefined): string {
  if (!t) return '';
  const parts = [t.warning && `warning ${t.warning.text}`, t.critical && `critical ${t.critical.text}`].filter(Boolean);
  return `${parts.join(', ')}${t.durationText ? `, ${t.durationText}` : ''}`;
}

/** Each finding once (the latest cell that found it). */
function dedupeFindings(runs: readonly CheckedRun[]): (Finding & { line: number })[] {
  const byKey = new Map<string, Finding & { line: number }>();
  for (const run of runs) for (const f of run.result.verdict?.findings ?? []) byKey.set(`${f.subject}\u0000${f.message}`, { ...f, line: run.line });
  return [...byKey.values()];
}

function definedOnly(options: CheckOptions): Partial<CheckOptions> {
  return Object.fromEntries(Object.entries({ streamWindowMs: options.streamWindowMs, intervalMs: options.intervalMs, durationScale: options.durationScale }).filter(([, v]) => v !== undefined));
}

