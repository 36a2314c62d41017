// Reading a record: its header, its timeline, and each code cell's recorded
// runs. `runbook show` prints it; the notebook puts the latest run of each
// cell back onto the cell when the record is opened.

import { firstCodeLine, parseRunbook, type RunbookDocument } from '../markdown';
import { frontMatterCell, timelineCell } from './recordCells';
import type { CellResult } from '../results';
import { readHeader, type IncidentHeader } from './header';
import { readRunBlocks, type ReadRun } from './runBlock';
import { readTimeline, type TimelineEvent } from './timeline';

export interface RecordedCell {
  index: number;
  /** 1-based line of the cell's first code line. */
  line?: number;
  code: string;
  runs: ReadRun[];
}

export interface ReadRecord {
  header?: IncidentHeader;
  events: TimelineEvent[];
  cells: RecordedCell[];
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
  doc.cells.forEach((cell, index) => {
    const runs = cell.origin?.runs;
    if (cell.kind !== 'code' || !runs) return;
    cells.push({ index, line: firstCodeLine(body, cell), code: cell.value, runs: readRunBlocks(runs, cell.origin?.fence?.prefix ?? '') });
  });
  return { header: front ? readHeader(front.value) : undefined, events: timeline ? readTimeline(timeline.value) : [], cells };
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
