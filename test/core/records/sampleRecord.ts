// Records for the record tests, made the way the product makes them: a
// runbook started as a record, then the incident recorder driven by runner
// events (as the runner sends them) over a RecordDocument.

import type { CellResult, CommandResult, Target } from '../../../src/core/results';
import { IncidentRecorder, RecordDocument, startRecord } from '../../../src/core/records';
import { Runbook } from '../../../src/core/runbook';

export interface SampleRun {
  /** Which code cell ran (0-based among the runbook's code cells). */
  codeCell: number;
  result: CellResult;
  /** A change the run asked about first. */
  confirmation?: { action: string; commandLine: string; answer: boolean };
}

export interface SampleOptions {
  maxOutputBytes?: number;
  note?: string;
}

export const OPERATOR = 'alice';
export const KUBE: Target = { kind: 'kubernetes', label: 'context sandbox, namespace default', details: { context: 'sandbox', namespace: 'default' } };

/** The record of `runbookText` after `runs`, a note and a resolved end. */
export async function sampleRecord(runbookText: string, runs: readonly SampleRun[], options: SampleOptions = {}): Promise<{ text: string; sidecars: string[] }> {
  let clock = Date.parse('2026-12-07T07:40:00.000Z');
  const now = () => new Date((clock += 1500));
  const started = startRecord('/nonexistent/runbooks/scaling.runbook.md', runbookText, '/nonexistent/runbooks/incidents/2026-12-07-scaling.incident.md', OPERATOR, now());
  const doc = new RecordDocument(started.text);
  const sidecars: string[] = [];
  const target = doc.target(async (_text, written) => void sidecars.push(...written.map((s) => s.name)));
  const runbook = () => Runbook.fromMarkdown(doc.text());
  const recorder = new IncidentRecorder(target, {
    runbook, who: OPERATOR, masker: { mask: (t) => t, maskDeep: (v) => v }, maxOutputBytes: options.maxOutputBytes ?? 64 * 1024, recordName: '2026-12-07-scaling', now,
  });
  for (const run of runs) {
    const cell = runbook().codeCells[run.codeCell];
    await recorder.listener({ type: 'cell-started', cell, sampled: true });
    if (run.confirmation) {
      const { action, commandLine, answer } = run.confirmation;
      await recorder.listener({ type: 'confirmation', cell, request: { tool: 'kubectl', action, commandLine, target: KUBE }, answer });
    }
    await recorder.listener({ type: 'cell-finished', cell, result: { startedAt: now().toISOString(), ...run.result } });
  }
  if (options.note) await recorder.note(options.note);
  await recorder.end('resolved');
  return { text: doc.text(), sidecars };
}

/** A cell result as a tool gives it: one command against `target`. */
export function result(command: string, text: string, fields: Partial<CellResult> = {}, target: Target = KUBE): CellResult {
  const status = fields.status ?? 'ok';
  const exitCode = fields.exitCode ?? (status === 'ok' ? 0 : 1);
  const one: CommandResult = { command, tool: command.split(' ')[0], status, exitCode, startedAt: '2026-12-07T07:41:00.000Z', durationMs: 42, target };
  return { tool: one.tool, command, status, text, exitCode, durationMs: 42, commands: [one], ...fields };
}
