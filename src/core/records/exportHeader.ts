// The top of an exported record: what the header says (title, status, who,
// when, which runbook at which commit, the targets touched, the verdict
// counts) and the timeline of what happened.

import type { IncidentHeader } from './header';
import { escapeHtml } from './html';
import { proseHtml } from './proseHtml';
import { time, timelineTable, type TimelineEvent } from './timeline';

export function headerHtml(header: IncidentHeader | undefined): string {
  if (!header) return '<header class="record-header"><h1>Incident record</h1><p>This record has no readable header.</p></header>';
  const { runbook } = header;
  const rows: [string, string][] = [
    ['Status', `<span class="status status-${escapeHtml(header.status)}">${escapeHtml(header.status)}</span>`],
    ['Operator', escapeHtml(header.operator)],
    ['Started', `${escapeHtml(time(header.started))} UTC`],
    ['Ended', header.ended ? `${escapeHtml(time(header.ended))} UTC` : 'not yet'],
    ['Runbook', `<code>${escapeHtml(runbook.path)}</code>`],
    ['Runbook sha256', `<code>${escapeHtml(runbook.sha256)}</code>`],
    ...(runbook.commit ? [['Commit', `<code>${escapeHtml(runbook.commit)}</code>`] as [string, string]] : []),
    ['Targets', Array.isArray(header.targets) && header.targets.length ? header.targets.map((t) => `${escapeHtml(t.kind)}: ${escapeHtml(t.label)}`).join('<br>') : 'none'],
    ['Verdicts', (['ok', 'warning', 'critical'] as const).map((level) => `<span class="count count-${level}">${header.verdicts?.[level] ?? 0} ${level}</span>`).join('')],
  ];
  return [
    '<header class="record-header">',
    `<h1>${escapeHtml(header.title)}</h1>`,
    `<p>Incident record <code>${escapeHtml(header.id)}</code></p>`,
    '<dl>',
    ...rows.map(([name, value]) => `<dt>${name}</dt><dd>${value}</dd>`),
    '</dl>',
    '</header>',
  ].join('\n');
}

export function timelineHtml(events: readonly TimelineEvent[]): string {
  return ['<section class="record-timeline">', '<h2>Timeline</h2>', events.length ? proseHtml(timelineTable(events)) : '<p>No events recorded.</p>', '</section>'].join('\n');
}
