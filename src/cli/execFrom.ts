// `runbook exec --from FILE:LINE[:N]`: the command a runbook has at a line,
// for exec to run as it runs a command line: an inline command written in
// the prose there (the Nth when the line has several), or the code cell
// whose fence holds the line.

import { findInlineCommands } from '../core/inline';
import { Runbook } from '../core/runbook';
import { readRunbookText } from './runbookFile';

export interface FromCommand {
  file: string;
  /** The runbook's whole text. */
  runbook: string;
  text: string;
  language: string;
  source: 'inline' | 'cell';
}

export function commandFrom(spec: string): FromCommand | { error: string } {
  const match = /^(.+?):(\d+)(?::(\d+))?$/.exec(spec);
  if (!match) return { error: `--from takes FILE:LINE (or FILE:LINE:N for the Nth inline command on the line), got '${spec}'` };
  const [, file, lineText, nth] = match;
  const line = Number(lineText);
  const read = readRunbookText(file);
  if ('error' in read) return { error: read.error };
  const inline = findInlineCommands(read.text).filter((c) => c.line === line);
  if (inline.length > 1 && nth === undefined) {
    return { error: `${file}:${line} has ${inline.length} inline commands (${inline.map((c, i) => `${i + 1}: ${c.command}`).join('; ')}); pass --from ${file}:${line}:N` };
  }
  if (inline.length) {
    const chosen = inline[nth === undefined ? 0 : Number(nth) - 1];
    if (!chosen) return { error: `${file}:${line} has ${inline.length} inline command${inline.length === 1 ? '' : 's'}, not ${nth}` };
    return { file, runbook: read.text, text: chosen.command, language: 'shellscript', source: 'inline' };
  }
  const cell = cellAt(read.text, line);
  if (cell) return { file, runbook: read.text, text: cell.text, language: cell.language, source: 'cell' };
  return { error: `${file}:${line} has no command: no inline command starts on that line and no code cell holds it` };
}

/** The code cell whose fence (opening line to closing line) holds the line; not the front matter. */
function cellAt(text: string, line: number): Runbook['cells'][number] | undefined {
  return Runbook.fromMarkdown(text).codeCells.find((c) => c.line !== undefined && line >= c.line - 1 && line <= c.line + c.text.split('\n').length);
}
