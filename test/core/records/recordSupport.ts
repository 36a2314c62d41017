// Drives an incident recorder the way the runner does, over a record held as
// text, for the record tests.

import type { CellResult } from '../../../src/core/results';
import { IncidentRecorder, RecordDocument, startRecord, type RecordWrite } from '../../../src/core/records';
import { Runbook } from '../../../src/core/runbook';

export const NOW = new Date('2026-12-07T07:00:00.000Z');
export const noMasking = { mask: (text: string) => text, maskDeep: <T>(value: T) => value };

export interface Recording {
  runbook: Runbook;
  recorder: IncidentRecorder;
  /** The record as last saved. */
  text(): string;
  sidecars: RecordWrite['sidecars'];
  /** Runs the code cell with this ordinal (0 = the first code cell that is not front matter) to the given result. */
  run(ordinal: number, result: Partial<CellResult>): Promise<void>;
}

export function startRecording(runbookText: string, options: { maxOutputBytes?: number; who?: string } = {}): Recording {
  const started = startRecord('/work/rb/ops.runbook.md', runbookText, '/work/rb/incidents/2026-12-07-ops.incident.md', options.who ?? 'alice', NOW);
  const document = new RecordDocument(started.text);
  let saved = started.text;
  const sidecars: RecordWrite['sidecars'] = [];
  const runbook = Runbook.fromMarkdown(started.text);
  let clock = NOW.getTime();
  const recorder = new IncidentRecorder(
    document.target(async (text, written) => {
      saved = text;
      sidecars.push(...written);
    }),
    { runbook: () => runbook, who: options.who ?? 'alice', masker: noMasking, maxOutputBytes: options.maxOutputBytes ?? 256 * 1024, recordName: '2026-12-07-ops', now: () => new Date((clock += 1000)) },
  );
  return {
    runbook,
    recorder,
    text: () => saved,
    sidecars,
    async run(ordinal, partial) {
      const cell = runbook.codeCells[ordinal];
      const result: CellResult = {
        tool: 'kubectl', command: cell.text.trim(), status: 'ok', text: '', exitCode: 0, startedAt: new Date(clock).toISOString(), durationMs: 5,
        commands: [{ command: cell.text.trim(), tool: 'kubectl', status: 'ok', exitCode: 0, startedAt: new Date(clock).toISOString(), durationMs: 5, target: { kind: 'kubernetes', label: 'context sandbox, namespace default' } }],
        ...partial,
      };
      await recorder.listener({ type: 'cell-started', cell, sampled: false });
      await recorder.listener({ type: 'cell-finished', cell, result });
    },
  };
}
