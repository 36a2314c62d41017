// Starting a record: where it goes (`incidents/<UTC date>-<slug>[-n].incident.md`
// beside the runbook) and what it first holds (the runbook, with a header in
// its front matter and an empty timeline at the end).

import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { dominantLineEnding, splitLines } from '../markdown/lines';
import { frontMatterLineCount } from '../markdown/frontMatter';
import { parseRunbook } from '../markdown';
import { gitDirFor, headCommit } from './gitInfo';
import { renderHeader, type IncidentHeader } from './header';
import { sha256 } from './recordedRun';
import { renderTimeline, type TimelineEvent } from './timeline';

export const RECORD_SUFFIX = '.incident.md';
export const DEFAULT_RECORDS_FOLDER = 'incidents';
/** Outputs larger than this (UTF-8 bytes) go whole into a sidecar file next to the record. */
export const DEFAULT_MAX_OUTPUT_BYTES = 256 * 1024;

export function isRecordPath(path: string): boolean {
  return path.endsWith(RECORD_SUFFIX);
}

/** The runbook a record was started from, by the path its header names (relative to the record's folder). */
export function recordRunbookPath(recordPath: string, header: Pick<IncidentHeader, 'runbook'>): string {
  return resolve(dirname(recordPath), header.runbook.path);
}

/** The record's name without its folder and suffix: its sidecar files are named after it. */
export function recordName(recordPath: string): string {
  const name = basename(recordPath);
  return isRecordPath(name) ? name.slice(0, -RECORD_SUFFIX.length) : name.replace(/\.(md|markdown)$/i, '');
}

/** A free path for a new record of `runbookPath` started at `now`. */
export function newRecordPath(runbookPath: string, now: Date, folder = DEFAULT_RECORDS_FOLDER, exists: (p: string) => boolean = existsSync): string {
  const dir = resolve(dirname(runbookPath), folder);
  const stem = `${now.toISOString().slice(0, 10)}-${slug(runbookPath)}`;
  for (let n = 1; ; n++) {
    const path = join(dir, `${stem}${n === 1 ? '' : `-${n}`}${RECORD_SUFFIX}`);
    if (!exists(path)) return path;
  }
}

export function slug(runbookPath: string): string {
  const name = basename(runbookPath).replace(/\.(incident|runbook)?\.?(md|markdown)$/i, '').replace(/\.(runbook|incident)$/i, '');
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'runbook';
}

/** The runbook's title: its first `#` heading, else its file name. */
export function runbookTitle(text: string, runbookPath: string): string {
  const heading = /^ {0,3}#[ \t]+(.+?)[ \t#]*$/m.exec(text.replace(/^\uFEFF/, ''));
  return heading?.[1] ?? basename(runbookPath);
}

export interface NewRecord {
  path: string;
  text: string;
  header: IncidentHeader;
}

/** A new record of the runbook at `runbookPath` whose text is `runbookText`, to be written at `recordPath`. */
export function startRecord(runbookPath: string, runbookText: string, recordPath: string, operator: string, now: Date): NewRecord {
  const gitDir = gitDirFor(dirname(runbookPath));
  const commit = gitDir ? headCommit(gitDir) : undefined;
  const started = now.toISOString();
  const header: IncidentHeader = {
    id: basename(recordPath, RECORD_SUFFIX),
    title: runbookTitle(runbookText, runbookPath),
    runbook: { path: relative(dirname(recordPath), runbookPath).split('\\').join('/'), sha256: sha256(runbookText), ...(commit ? { commit } : {}) },
    started,
    status: 'open',
    operator,
    targets: [],
    verdicts: { ok: 0, warning: 0, critical: 0 },
  };
  const events: TimelineEvent[] = [{ kind: 'start', at: started, who: operator, runbook: header.runbook.path }];
  return { path: recordPath, header, text: recordText(runbookText, header, events) };
}

function recordText(runbookText: string, header: IncidentHeader, events: TimelineEvent[]): string {
  const bom = runbookText.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = bom ? runbookText.slice(1) : runbookText;
  const lines = splitLines(body);
  const eol = dominantLineEnding(lines);
  const own = renderHeader(header).split('\n').filter(Boolean).map((l) => l + eol).join('');
  const hasFrontMatter = frontMatterLineCount(lines) > 0;
  const opening = hasFrontMatter ? lines[0].text + lines[0].eol : '';
  const rest = hasFrontMatter ? body.slice(opening.length) : body;
  const head = hasFrontMatter ? opening + own : `---${eol}${own}---${eol}${eol}`;
  const ending = rest === '' || /[\r\n]$/.test(rest) ? '' : eol;
  const timeline = renderTimeline(events).split('\n').join(eol);
  return bom + head + rest + ending + closingOfLastFence(body, eol) + eol + timeline + eol;
}

/** A runbook that ends inside a fence gets the fence closed, so the timeline after it is not code. */
function closingOfLastFence(body: string, eol: string): string {
  const cells = parseRunbook(body).cells;
  const fence = cells[cells.length - 1]?.origin?.fence;
  return fence && fence.closing === null && fence.role !== 'frontmatter' ? fence.prefix + fence.marker + eol : '';
}
