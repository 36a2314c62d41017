// The record's header: an `incident:` mapping at the top of the front matter,
// before the runbook's own keys (such as `thresholds:` bindings), which stay
// as they were. GitHub shows front matter as a table at the top of the file.

import { isMap, parseDocument, stringify } from 'yaml';
import type { Target } from '../results';

export type RecordStatus = 'open' | 'resolved' | 'abandoned';

export interface RecordedTarget {
  kind: Target['kind'];
  label: string;
  details?: Record<string, string>;
}

export interface IncidentHeader {
  id: string;
  title: string;
  runbook: {
    /** The runbook's path, relative to the record's folder. */
    path: string;
    sha256: string;
    /** The commit checked out in the runbook's repository when the record started. */
    commit?: string;
  };
  started: string;
  ended?: string;
  status: RecordStatus;
  operator: string;
  /** Every target a recorded run touched. */
  targets: RecordedTarget[];
  /** The latest verdict of each cell that measured something. */
  verdicts: { ok: number; warning: number; critical: number };
}

const KEY = 'incident';

/** The header as YAML lines (with \n), ready to go first in the front matter. */
export function renderHeader(header: IncidentHeader): string {
  const { id, title, runbook, started, ended, status, operator, targets, verdicts } = header;
  const ordered = { id, title, runbook, started, ...(ended ? { ended } : {}), status, operator, targets, verdicts };
  return stringify({ [KEY]: ordered }, { lineWidth: 0 }) + END + '\n';
}

/** Ends the header's lines, so the runbook's own front matter after it is never taken for part of it. */
const END = '# end of incident header';

/** The header in a front matter's text, or undefined when it holds none. Only its own lines are read: the runbook's keys may be anything. */
export function readHeader(frontMatter: string): IncidentHeader | undefined {
  const lines = frontMatter.split('\n');
  const span = headerSpan(lines);
  if (!span) return undefined;
  const doc = parseDocument(lines.slice(span.start, span.end).join('\n'));
  if (doc.errors.length || !isMap(doc.contents)) return undefined;
  const value = doc.toJS()?.[KEY] as IncidentHeader | undefined;
  return value && typeof value === 'object' && typeof value.id === 'string' ? value : undefined;
}

/** The front matter with its header replaced (or added first); every other line kept. */
export function withHeader(frontMatter: string, header: IncidentHeader): string {
  const lines = frontMatter === '' ? [] : frontMatter.split('\n');
  const span = headerSpan(lines);
  const rest = span ? [...lines.slice(0, span.start), ...lines.slice(span.end)] : lines;
  const own = renderHeader(header).replace(/\n$/, '');
  return rest.length ? `${own}\n${rest.join('\n')}` : own;
}

/** The `incident:` key's lines up to the end comment (or, when that was deleted, the indented lines after the key). */
function headerSpan(lines: readonly string[]): { start: number; end: number } | undefined {
  const start = lines.findIndex((l) => l.startsWith(`${KEY}:`));
  if (start < 0) return undefined;
  const marked = lines.indexOf(END, start);
  if (marked >= 0) return { start, end: marked + 1 };
  let end = start + 1;
  while (end < lines.length && /^[ \t]/.test(lines[end])) end++;
  return { start, end };
}
