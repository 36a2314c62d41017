// `runbook show RECORD [--json]`: what an incident record holds, read by the
// same reader that reopens it in VS Code: the header, then one row per
// recorded run (cell line, command, start, duration, exit code, target,
// verdict, output size, and whether its text was edited by hand).

import { durationWords, outcomeWord, readRecord, targetWords, type ReadRecord } from '../core/records';
import { TabWriter } from '../core/text';
import type { Output } from './roundtrip';
import { readRunbookText } from './runbookFile';
import { EXIT } from './runOutcome';

export interface ShownRun {
  /** The cell's first code line, or the line of the inline command that ran. */
  line?: number;
  /** Set for a command written inline in the prose. */
  source?: 'inline';
  run: number;
  command: string;
  startedAt: string;
  durationMs: number;
  exitCode?: number;
  status: string;
  target?: string;
  verdict?: string;
  outputBytes: number;
  sidecar?: string;
  edited: boolean;
}

export function showCommand(file: string, options: { json: boolean }, io: Output): number {
  const read = readRunbookText(file);
  if ('error' in read) {
    io.err(`runbook: ${read.error}`);
    return EXIT.unreadable;
  }
  const record = readRecord(read.text);
  if (!record.header) {
    io.err(`runbook: ${file} is not an incident record (its front matter has no incident: header); start one with runbook run --record`);
    return EXIT.unreadable;
  }
  const runs = shownRuns(record);
  if (options.json) {
    io.out(JSON.stringify({ file, header: record.header, runs, timeline: record.events }, null, 2));
    return EXIT.ok;
  }
  const h = record.header;
  io.out(`${h.title} (${h.id})`);
  io.out(`status:    ${h.status}${h.ended ? `, ended ${h.ended}` : ''}`);
  io.out(`started:   ${h.started} by ${h.operator}`);
  io.out(`runbook:   ${h.runbook.path} (sha256 ${h.runbook.sha256.slice(0, 12)}${h.runbook.commit ? `, commit ${h.runbook.commit.slice(0, 12)}` : ''})`);
  io.out(`targets:   ${h.targets.map((t) => `${t.kind}: ${t.label}`).join('; ') || 'none'}`);
  io.out(`verdicts:  ${h.verdicts.ok} ok, ${h.verdicts.warning} warning, ${h.verdicts.critical} critical`);
  io.out('');
  const rows = [['LINE', 'RUN', 'STARTED', 'DURATION', 'EXIT', 'VERDICT', 'OUTPUT', 'COMMAND', 'TARGET']];
  for (const r of runs) {
    rows.push([
      String(r.line ?? '-'), String(r.run), r.startedAt, durationWords(r.durationMs), r.exitCode === undefined ? '-' : String(r.exitCode),
      r.verdict ?? r.status, `${r.outputBytes} B${r.sidecar ? ` (all in ${r.sidecar})` : ''}${r.edited ? ' EDITED' : ''}`, `${r.command}${r.source ? ' (inline)' : ''}`, r.target ?? '-',
    ]);
  }
  io.out(new TabWriter({ minWidth: 0, padding: 2, rememberWidths: false }).formatRows(rows).replace(/\n$/, ''));
  const edited = runs.filter((r) => r.edited).length;
  if (edited) io.err(`runbook: ${edited} recorded output${edited === 1 ? ' was' : 's were'} edited after ${edited === 1 ? 'it was' : 'they were'} recorded`);
  return EXIT.ok;
}

export function shownRuns(record: ReadRecord): ShownRun[] {
  const fromCells = record.cells.flatMap((cell) => cell.runs.map((read) => ({ cell: { line: cell.line }, read })));
  const fromProse = record.inline.flatMap((command) => command.runs.map((read) => ({ cell: { line: command.line, inline: true }, read })));
  return [...fromCells, ...fromProse]
    .sort((a, b) => a.read.run.run - b.read.run.run)
    .map(({ cell, read }) => {
      const result = read.run.result;
      const target = targetWords(result);
      return {
        ...(cell.line !== undefined ? { line: cell.line } : {}),
        ...('inline' in cell ? { source: 'inline' as const } : {}),
        run: read.run.run,
        command: result.command.replace(/\s*\n\s*/g, '; '),
        startedAt: read.run.at,
        durationMs: read.run.durationMs,
        ...(result.exitCode !== undefined ? { exitCode: result.exitCode } : {}),
        status: result.status,
        ...(target ? { target } : {}),
        ...(result.verdict ? { verdict: outcomeWord(result) } : {}),
        outputBytes: read.run.text.sidecar?.bytes ?? read.run.text.bytes,
        ...(read.run.text.sidecar ? { sidecar: read.run.text.sidecar.path } : {}),
        edited: read.edited,
      };
    });
}
