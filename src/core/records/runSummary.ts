// The words a record shows for one run: its verdict or status, its targets,
// and the visible one-line summary above its output.

import type { CellResult, Target } from '../results';
import { escapeMarkdown } from './markdownText';
import type { RecordedRun } from './recordedRun';
import { time } from './timeline';

const ICONS: Record<string, string> = { ok: '✅', warning: '⚠️', critical: '🛑', failed: '❌', cancelled: '⏹️', declined: '⏭️', skipped: '⏭️', 'not-run': '⏭️' };

/** `warning`, `critical`, `ok` from the verdict; else the status (`ok`, `failed`, `declined`, ...). */
export function outcomeWord(result: Pick<CellResult, 'status' | 'verdict'>): string {
  if (result.status !== 'ok' && result.status !== 'skipped') return result.status;
  return result.verdict?.level ?? result.status;
}

/** What the verdict says, in words: the thresholds that were crossed. */
export function verdictWords(result: Pick<CellResult, 'verdict'>): string | undefined {
  const verdict = result.verdict;
  if (!verdict || verdict.level === 'ok') return undefined;
  const texts = [...verdict.verdicts.filter((v) => v.level === verdict.level).map((v) => v.text), ...verdict.findings.filter((f) => f.level === verdict.level).map((f) => f.message)];
  return texts.join('; ') || undefined;
}

/** The distinct targets a cell's commands ran against. */
export function resultTargets(result: Pick<CellResult, 'commands'>): Target[] {
  const seen = new Map<string, Target>();
  for (const command of result.commands ?? []) if (command.target) seen.set(`${command.target.kind}\0${command.target.label}`, command.target);
  return [...seen.values()];
}

export function targetWords(result: Pick<CellResult, 'commands'>): string | undefined {
  const labels = resultTargets(result).map((t) => t.label);
  return labels.length ? labels.join('; ') : undefined;
}

export function durationWords(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** What the verdict found, one line per threshold crossed at its level (shown under the summary). */
export function verdictLinesOf(result: Pick<CellResult, 'verdict'>): string[] {
  const verdict = result.verdict;
  if (!verdict || verdict.level === 'ok') return [];
  return [...verdict.verdicts.filter((v) => v.level !== 'ok' && v.level !== 'not-measured').map((v) => v.text), ...verdict.findings.map((f) => `${f.level}: ${f.message}`)];
}

/** `**Run 3** · ✅ **ok** · 2026-12-07 07:40:12 UTC · alice · context sandbox · exit 0 · 120 ms` */
export function summaryLine(run: RecordedRun): string {
  const word = outcomeWord(run.result);
  const target = targetWords(run.result);
  const parts = [
    `**Run ${run.run}**`,
    `${ICONS[word] ?? ''} **${word}**`.trim(),
    `${time(run.at)} UTC`,
    escapeMarkdown(run.who),
    ...(target ? [escapeMarkdown(target)] : []),
    // A skipped command did not run: it has no exit code to show.
    ...(run.result.exitCode !== undefined && run.result.status !== 'skipped' ? [`exit ${run.result.exitCode}`] : []),
    durationWords(run.durationMs),
  ];
  return parts.join(' · ');
}
