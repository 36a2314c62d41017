// Reading a record: its header, its timeline, and each code cell's recorded
// runs. `runbook show` prints it; the notebook puts the latest run of each
// cell back onto the cell when the record is opened.

import { firstCodeLine, parseRunbook, type RunbookDocument } from '../markdown';
import { frontMatterCell, timelineCell } from './recordCells';
import type { CellResult } from '../results';
import { readHeader, type IncidentHeader } from './header';
import { readRunBlocks, type ReadRun } from './runBlock';
import { RUN_START } from '../markdown/recordBlocks';
import { findCodeSpans } from '../inline/codeSpans';
import { readTimeline, type TimelineEvent } from './timeline';

export interface RecordedCell {
  index: number;
  /** 1-based line of the cell's first code line. */
  line?: number;
  code: string;
  runs: ReadRun[];
}

/** The runs of one command written inline in the prose, recorded after its paragraph. */
export interface RecordedInline {
  /** The Markdown cell that holds them. */
  index: number;
  /** 1-based line of the inline command in the file, when found. */
  line?: number;
  command: string;
  runs: ReadRun[];
}

export interface ReadRecord {
  header?: IncidentHeader;
  events: TimelineEvent[];
  cells: RecordedCell[];
  /** Runs of inline commands, in the order of the file. */
  inline: RecordedInline[];
}

export function readRecord(text: string): ReadRecord {
  return readParsedRecord(text, parseRunbook(text));
}

/** The record in `text`, whose cells `doc` already holds (parseRunbook of the same text). */
export function readParsedRecord(text: string, doc: RunbookDocument): ReadRecord {
  const body = text.replace(/^\uFEFF/, '');
  const front = frontMatterCell(doc.cells);
  const timeline = timelineCell(doc.cells);
  const cells: RecordedCell[] = [];
  const inline: RecordedInline[] = [];
  doc.cells.forEach((cell, index) => {
    if (cell.kind !== 'code') {
      if (cell !== front && cell !== timeline) inline.push(...inlineRuns(cell.value, index, firstCodeLine(body, cell)));
      return;
    }
    const runs = cell.origin?.runs;
    if (!runs) return;
    cells.push({ index, line: firstCodeLine(body, cell), code: cell.value, runs: readRunBlocks(runs, cell.origin?.fence?.prefix ?? '') });
  });
  return { header: front ? readHeader(front.value) : undefined, events: timeline ? readTimeline(timeline.value) : [], cells, inline };
}

/** A recorded run as the cell result the notebook shows, with where it was recorded and whether it was edited since. */
export function recordedResult(read: ReadRun): CellResult {
  const { run } = read;
  return {
    ...run.result,
    text: read.text,
    ...(read.stderr ? { stderr: read.stderr } : {}),
    recorded: { run: run.run, at: run.at, who: run.who, ...(read.edited ? { edited: true } : {}), ...(run.text.sidecar ? { sidecar: run.text.sidecar.path } : {}) },
  };
}

/**
 * The inline runs in a Markdown cell's text (`firstLine`: its first line in the file): each block read at its own
 * container prefix, and placed at the inline command it ran, the last span before it with the same text.
 */
function inlineRuns(text: string, index: number, firstLine: number | undefined): RecordedInline[] {
  if (!text.includes(RUN_START)) return [];
  const lines = text.split(/\r\n|\r|\n/);
  const spans = findCodeSpans(text);
  const found: RecordedInline[] = [];
  lines.forEach((line, at) => {
    const start = line.indexOf(RUN_START);
    if (start < 0 || line.slice(0, start).trim().replace(/>/g, '') !== '') return;
    const [run] = readRunBlocks(lines.slice(at).join('\n'), line.slice(0, start));
    if (!run) return;
    const command = run.run.result.command;
    const span = spans.filter((s) => s.line < at && s.text === command).pop();
    found.push({ index, ...(span && firstLine !== undefined ? { line: firstLine + span.line } : {}), command, runs: [run] });
  });
  return found;
}
