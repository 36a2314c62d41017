// The CLI's side of an incident record: the record file written atomically
// after every cell (a temporary file, then a rename), so a killed run leaves
// every finished cell in a record that still parses; sidecars beside it.

import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { encodeRunbook } from '../core/markdown';
import { RECORD_SUFFIX, RecordDocument, readRecord, type IncidentHeader, type RecordWrite } from '../core/records';

export function writeAtomically(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(temporary, data);
  renameSync(temporary, path);
}

/** Saves the record and its sidecars; what `RecordDocument.target` calls after each write. */
export function recordSaver(path: string): (text: string, sidecars: RecordWrite['sidecars']) => Promise<void> {
  return async (text, sidecars) => {
    // Sidecars first: the record never links to a file that is not there yet.
    for (const sidecar of sidecars) writeAtomically(join(dirname(path), sidecar.name), sidecar.text);
    writeAtomically(path, encodeRunbook(text));
  };
}

/** The record's name without its suffix: sidecars are named after it. */
export function recordName(path: string): string {
  const name = basename(path);
  return name.endsWith(RECORD_SUFFIX) ? name.slice(0, -RECORD_SUFFIX.length) : name.replace(/\.(md|markdown)$/i, '');
}

/** Where a record's cells run: the folder of the runbook its header names. */
export function recordCwd(recordPath: string, header: IncidentHeader): string {
  return dirname(resolve(dirname(recordPath), header.runbook.path));
}

export interface OpenedRecord {
  document: RecordDocument;
  header: IncidentHeader;
  /** Index of the last cell with a recorded run (-1 when none ran yet). */
  lastFinished: number;
}

/** A record's text opened for recording, or undefined when the text is not a record. */
export function openRecord(text: string): OpenedRecord | undefined {
  const read = readRecord(text);
  if (!read.header) return undefined;
  const lastFinished = Math.max(-1, ...read.cells.filter((c) => c.runs.some((r) => r.run.result.status !== 'cancelled')).map((c) => c.index));
  return { document: new RecordDocument(text), header: read.header, lastFinished };
}
