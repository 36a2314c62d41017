// `runbook export RECORD --html OUT`: an incident record as one
// self-contained HTML page. Exit status: 0 written; 4 when the record cannot
// be read or is not an incident record; 1 when the page cannot be written.

import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { exportRecordHtml, readRecord } from '../core/records';
import type { Output } from './roundtrip';
import { readRunbookText } from './runbookFile';
import { EXIT } from './runOutcome';

export function exportRecord(record: string, options: { html: string }, io: Output): number {
  const read = readRunbookText(record);
  if ('error' in read) {
    io.err(`runbook: ${read.error}`);
    return EXIT.unreadable;
  }
  if (!readRecord(read.text).header) {
    io.err(`runbook: ${record}: not an incident record (its front matter has no \`incident:\` header)`);
    return EXIT.unreadable;
  }
  try {
    writeFileSync(options.html, exportRecordHtml(read.text));
  } catch (error) {
    io.err(`runbook: ${options.html}: cannot write: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return 1;
  }
  io.err(`runbook: wrote ${options.html}`);
  return 0;
}

/** The `export` subcommand, for the program in main.ts. */
export function exportCommand(io: Output): Command {
  return new Command('export')
    .showHelpAfterError()
    .description('Write an incident record as one self-contained HTML page (no scripts; its styles are all it loads).')
    .argument('<record>', 'the incident record (.incident.md)')
    .requiredOption('--html <out>', 'the HTML file to write')
    .addHelpText('after', '\nExit status: 0 written, 4 when the record cannot be read or is not an incident record, 1 when the page cannot be written.')
    .action((record: string, opts: { html: string }) => {
      process.exitCode = exportRecord(record, opts, io);
    });
}
