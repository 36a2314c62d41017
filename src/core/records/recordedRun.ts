// What an incident record keeps about one run of a cell, beside the text it
// shows: the structured result (commands, targets, timings, data, verdict),
// who ran it and when, and a digest of the text so a hand edit shows. It is
// written into an HTML comment as base64 JSON: GitHub does not show it, and
// an output containing `-->` cannot end the comment early.

import { createHash } from 'node:crypto';
import type { CellResult } from '../results';

export const RECORD_FORMAT = 1;

/** The text of one stream as the record keeps it. */
export interface RecordedText {
  /** sha256 (hex) of the text shown in the record (after line endings are made \n). */
  sha256: string;
  /** Bytes (UTF-8) of the text shown. */
  bytes: number;
  /** The text ended with a line ending (the fence cannot show whether it did). */
  eol: boolean;
  /** The whole text was too large and is in a file next to the record; the record shows its beginning. */
  sidecar?: { path: string; sha256: string; bytes: number };
}

export interface ConfirmationRecord {
  question: string;
  answer: boolean;
  /** What the change would do (a diff, rows or keys affected), as shown with the question. */
  preview?: string;
}

export interface RecordedRun {
  v: typeof RECORD_FORMAT;
  /** 1-based, in the order runs were recorded in this record. */
  run: number;
  at: string;
  durationMs: number;
  who: string;
  /** The step the cell is in: its heading and numbered item. */
  step?: string;
  /** The cell's result without its text and stderr, which the record shows. */
  result: Omit<CellResult, 'text' | 'stderr'>;
  text: RecordedText;
  stderr?: RecordedText;
  confirmations?: ConfirmationRecord[];
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Line endings as a Markdown fence can hold them. */
export function normalizeText(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

export function encodeRun(run: RecordedRun): string {
  return Buffer.from(JSON.stringify(run), 'utf8').toString('base64');
}

/** The run a marker line carries, or undefined when the line is not one this version can read. */
export function decodeRun(encoded: string): RecordedRun | undefined {
  try {
    const run = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as RecordedRun;
    return run && run.v === RECORD_FORMAT && typeof run.result === 'object' ? run : undefined;
  } catch {
    return undefined;
  }
}
