// What `runbook run` records into, chosen from FILE and the flags: the
// record FILE itself (continued after its last finished cell with
// `--resume`), or a new record of the runbook FILE (`--record [OUT]`).

import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Session } from '../core/engine';
import { DEFAULT_MAX_OUTPUT_BYTES, IncidentRecorder, newRecordPath, operatorName, recordName, startRecord, type RecordDocument } from '../core/records';
import { Runbook, type Cell } from '../core/runbook';
import type { RunnerEvent, RunnerListener } from '../core/runner';
import { openRecord, recordCwd, recordSaver, writeAtomically } from './recordFile';

export interface RecordingOptions {
  record?: string | boolean;
  resume?: boolean;
  recordsFolder?: string;
  maxOutputBytes?: number;
  env?: Readonly<Record<string, string | undefined>>;
  now?: () => Date;
}

export interface Recording {
  path: string;
  /** The cells the runner runs (the runbook's own when a new record was started from it). */
  runbook: Runbook;
  /** The folder the cells run in. */
  cwd: string;
  /** Run only cells after this index. */
  after: number;
  /** Subscribes the record's recorder: the runner's events, on the record's cells. */
  attach(session: Session): RunnerListener;
}

export function prepareRecording(file: string, text: string, options: RecordingOptions): { recording?: Recording; error?: undefined } | { error: string } {
  const now = options.now ?? (() => new Date());
  const opened = openRecord(text);
  if (opened) {
    if (typeof options.record === 'string') return { error: `${file} is an incident record: running it adds to it (leave out --record ${options.record})` };
    const runbook = Runbook.fromMarkdown(text);
    return { recording: recording(file, opened.document, runbook, runbook, recordCwd(file, opened.header), options.resume ? opened.lastFinished : -1, options, now) };
  }
  if (options.resume) return { error: `--resume continues an incident record, and ${file} is not one (its front matter has no incident: header)` };
  if (!options.record) return {};
  const path = typeof options.record === 'string' ? resolve(options.record) : newRecordPath(resolve(file), now(), options.recordsFolder);
  if (existsSync(path)) return { error: `${path} already exists; to add runs to a record, run it: runbook run ${path}` };
  const started = startRecord(resolve(file), text, path, operatorName(dirname(resolve(file)), options.env), now());
  writeAtomically(path, started.text);
  const opening = openRecord(started.text);
  if (!opening) return { error: `${path}: the new record cannot be read back (a bug)` };
  return { recording: recording(path, opening.document, Runbook.fromMarkdown(text), Runbook.fromMarkdown(started.text), dirname(resolve(file)), -1, options, now) };
}

function recording(path: string, document: RecordDocument, runbook: Runbook, recordRunbook: Runbook, cwd: string, after: number, options: RecordingOptions, now: () => Date): Recording {
  // The record is a copy of the runbook: its code cells are the runbook's, in order.
  const toRecord = new Map<number, Cell>(runbook.codeCells.map((cell, k) => [cell.index, recordRunbook.codeCells[k] ?? cell]));
  return {
    path,
    runbook,
    cwd,
    after,
    attach(session) {
      const recorder = new IncidentRecorder(document.target(recordSaver(path)), {
        runbook: () => recordRunbook,
        who: operatorName(cwd, options.env),
        masker: session.masker,
        maxOutputBytes: options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
        recordName: recordName(path),
        now,
      });
      return (event: RunnerEvent) => recorder.listener({ ...event, cell: toRecord.get(event.cell.index) ?? event.cell } as RunnerEvent);
    },
  };
}
