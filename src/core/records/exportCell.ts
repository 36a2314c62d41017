// One code cell of an exported record: its code, then each recorded run as
// an output: the summary line coloured by the verdict (or the status when
// the run failed), stdout, stderr set apart, a mark when the text was edited
// after it was recorded, the link to the sidecar holding a long output whole,
// the commands not run and why, and the confirmations asked during the run.

import type { CommandResult } from '../results';
import { escapeHtml } from './html';
import { inlineHtml } from './proseHtml';
import type { ReadRun } from './runBlock';
import { outcomeWord, summaryLine, verdictLinesOf } from './runSummary';

const COLOURED = new Set(['ok', 'warning', 'critical', 'failed']);

export function cellHtml(code: string, info: string, runs: readonly ReadRun[]): string {
  const language = info.trim().split(/\s+/)[0];
  // A line break right after <pre> is dropped by the browser, so the code's own first line always shows.
  return [
    '<div class="cell">',
    '<div class="code">',
    ...(language ? [`<span class="language">${escapeHtml(language)}</span>`] : []),
    `<pre>\n<code>${escapeHtml(code)}</code></pre>`,
    '</div>',
    ...runs.map(runHtml),
    '</div>',
  ].join('\n');
}

function runHtml(read: ReadRun): string {
  const { run } = read;
  const word = outcomeWord(run.result);
  const sidecar = run.text.sidecar;
  return [
    `<div class="run outcome-${COLOURED.has(word) ? word : 'other'}">`,
    `<p class="summary">${inlineHtml(summaryLine(run))}</p>`,
    ...listed(verdictLinesOf(run.result)),
    ...(read.edited ? ['<p class="edited">The output was edited after it was recorded: it is not what the command printed.</p>'] : []),
    ...(read.text ? [`<pre class="stdout">${pre(read.text)}</pre>`] : []),
    ...(read.stderr ? ['<p class="stream">stderr</p>', `<pre class="stderr">${pre(read.stderr)}</pre>`] : []),
    ...(sidecar ? [`<p class="note">The record shows the beginning of the output (${escapeHtml(sidecar.bytes)} bytes in all). All of it: <a href="./${escapeHtml(encodeURIComponent(sidecar.path))}">${escapeHtml(sidecar.path)}</a></p>`] : []),
    ...notRun(run.result.commands).map((c) => `<p class="note">Not run: <code>${escapeHtml(c.command)}</code> (${escapeHtml(c.reason)})</p>`),
    ...(run.result.message ? [`<p class="note">${escapeHtml(run.result.message)}</p>`] : []),
    ...(Array.isArray(run.confirmations) ? run.confirmations : []).map((c) => `<p class="note">Asked: ${escapeHtml(c.question)} → <strong>${c.answer ? 'yes' : 'no'}</strong></p>`),
    '</div>',
  ].join('\n');
}

/** What the verdict found: one item per threshold crossed. */
function listed(lines: readonly string[]): string[] {
  return lines.length ? ['<ul class="verdicts">', ...lines.map((l) => `<li>${escapeHtml(l)}</li>`), '</ul>'] : [];
}

/** The commands a run passed over (a change in a read-only run, a step that needs a terminal), with why. */
function notRun(commands: readonly CommandResult[] | undefined): CommandResult[] {
  return Array.isArray(commands) ? commands.filter((c) => c.status !== 'ok' && c.reason) : [];
}

/** Text for a <pre>, escaped, after a line break, which the browser drops (as above): a blank first line of the text is kept. */
function pre(text: string): string {
  return `\n${escapeHtml(text)}`;
}
