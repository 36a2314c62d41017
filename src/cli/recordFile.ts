// The CLI's side of an incident record: the record file written atomically
// after every cell (a temporary file, then a rename), so a killed run leaves
// every finished cell in a record that still parses; sidecars beside it.

import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { encodeRunbook } from '../core/markdown';
import { RecordDocument, readParsedRecord, recordRunbookPath, type IncidentHeader, type RecordWrite } from '../core/records';

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

/** Where a record's cells run: the folder of the runbook its header names. */
export function recordCwd(recordPath: string, header: IncidentHeader): string {
  return dirname(recordRunbookPath(recordPath, header));
}

export interface OpenedRecord {
  document: RecordDocument;
  header: IncidentHeader;
  /** Index of the last cell with a recorded run (-1 when none ran yet). */
  lastFinished: number;
}

/** A record's text opened for recording, or undefined when the text is not a record. */
export function openRecord(text: string): OpenedRecord | undefined {
  // One parse: the document the recorder writes through is the one read here.
  const document = new RecordDocument(text);
  const read = readParsedRecord(text, document.doc);
  if (!read.header) return undefined;
  const lastFinished = Math.max(-1, ...read.cells.filter((c) => c.runs.some((r) => r.run.result.status !== 'cancelled')).map((c) => c.index));
  return { document, header: read.header, lastFinished };
}
