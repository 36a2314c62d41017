// The record's timeline: what happened, in order (runs, confirmations,
// skipped steps, the operator's notes, start and end), kept as events in a
// hidden comment and shown as a table regenerated on each write.

import { TIMELINE_END, TIMELINE_START } from '../markdown/recordBlocks';
import type { RecordStatus } from './header';
import { escapeMarkdown, inlineCode, tableCell } from './markdownText';

interface Base {
  /** ISO time. */
  at: string;
  who: string;
  /** The step, for events about a cell: its heading and numbered item. */
  step?: string;
}

export type TimelineEvent =
  | (Base & { kind: 'start'; runbook: string })
  | (Base & { kind: 'run'; run: number; /** The cell's position in the record. */ cell?: number; commands: string[]; target?: string; exitCode?: number; status: string; verdict?: string })
  | (Base & { kind: 'confirmation'; question: string; answer: boolean; /** What the change would do, as shown with the question. */ preview?: string })
  | (Base & { kind: 'skipped'; command?: string; reason: string })
  | (Base & { kind: 'note'; text: string })
  | (Base & { kind: 'end'; status: RecordStatus });

/** The timeline section as a prose cell's text (\n line endings). */
export function renderTimeline(events: readonly TimelineEvent[]): string {
  const encoded = Buffer.from(JSON.stringify(events), 'utf8').toString('base64');
  return [`${TIMELINE_START} ${encoded} -->`, '## Timeline', '', timelineTable(events), '', TIMELINE_END].join('\n');
}

/** The visible table of the events (Markdown, GFM table, \n line endings). */
export function timelineTable(events: readonly TimelineEvent[]): string {
  const rows = events.map((e) => `| ${[time(e.at), step(e), what(e), target(e), exit(e), verdict(e), tableCell(escapeMarkdown(e.who))].join(' | ')} |`);
  return ['| Time (UTC) | Step | What | Target | Exit | Verdict | Who |', '| --- | --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** Whether a prose cell's text is a record's timeline section. */
export function isTimeline(text: string): boolean {
  return text.startsWith(TIMELINE_START);
}

/** The events a timeline section holds; none when it cannot be read. */
export function readTimeline(text: string): TimelineEvent[] {
  const first = text.split('\n', 1)[0];
  if (!first.startsWith(TIMELINE_START)) return [];
  try {
    const events = JSON.parse(Buffer.from(first.slice(TIMELINE_START.length).replace(/-->\s*$/, '').trim(), 'base64').toString('utf8'));
    return Array.isArray(events) ? events : [];
  } catch {
    return [];
  }
}

export function time(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '');
}

function step(e: TimelineEvent): string {
  return e.step ? tableCell(escapeMarkdown(e.step)) : '';
}

function what(e: TimelineEvent): string {
  switch (e.kind) {
    case 'start': return tableCell(`Record started from ${inlineCode(e.runbook)}`);
    case 'run': return tableCell(`Ran ${e.commands.map(inlineCode).join('; ')}`);
    case 'confirmation': return tableCell(`Asked: ${escapeMarkdown(e.question)} → **${e.answer ? 'yes' : 'no'}**${e.preview ? ` (preview: ${escapeMarkdown(e.preview.split('\n')[0])})` : ''}`);
    case 'skipped': return tableCell(`Skipped ${e.command ? inlineCode(e.command) + ' ' : ''}(${escapeMarkdown(e.reason)})`);
    case 'note': return tableCell(`Note: ${escapeMarkdown(e.text)}`);
    case 'end': return tableCell(`Record ended: **${e.status}**`);
  }
}

function target(e: TimelineEvent): string {
  return e.kind === 'run' && e.target ? tableCell(escapeMarkdown(e.target)) : '';
}

function exit(e: TimelineEvent): string {
  return e.kind === 'run' && e.exitCode !== undefined ? String(e.exitCode) : '';
}

function verdict(e: TimelineEvent): string {
  if (e.kind !== 'run') return '';
  return e.verdict ? `**${e.verdict}**` : e.status === 'ok' ? '' : e.status;
}
