// The inline commands of a runbook: code spans in its Markdown cells that
// read as commands, each with its line in the file. Spans in code cells, in
// the front matter, in an incident record's recorded runs and in its
// timeline are not prose, so they are never inline commands.

import { parseRunbook } from '../markdown';
import { frontMatterLineCount } from '../markdown/frontMatter';
import { TIMELINE_START } from '../markdown/recordBlocks';
import { joinLines, splitLines } from '../markdown/lines';
import { findCodeSpans } from './codeSpans';
import { isInlineCommand } from './inlineCommand';

export interface InlineCommand {
  /** 1-based line in the file where the span starts. */
  line: number;
  /** The span's text as written (line breaks inside it read as spaces). */
  command: string;
  /** Index of the Markdown cell it is in, in the notebook's cell list. */
  cell: number;
}

export function findInlineCommands(input: string): InlineCommand[] {
  return findProseSpans(input).filter((span) => isInlineCommand(span.command));
}

/** Every code span in the runbook's prose, command or not. */
export function findProseSpans(input: string): InlineCommand[] {
  const text = input.replace(/^\uFEFF/, '');
  const lines = splitLines(text);
  const prose = proseCells(input, lines.map((l) => l.text.length + l.eol.length));
  // The front matter is blanked, keeping its lines, so markdown-it's lines stay the file's.
  const frontMatter = frontMatterLineCount(lines);
  const markdown = frontMatter > 0 ? '\n'.repeat(frontMatter) + joinLines(lines, frontMatter) : text;
  const found: InlineCommand[] = [];
  for (const span of findCodeSpans(markdown)) {
    const cell = prose.find((c) => span.line >= c.from && span.line < c.to);
    if (cell) found.push({ line: span.line + 1, command: span.text, cell: cell.index });
  }
  return found;
}

/** The 0-based line ranges of the Markdown cells that hold prose. */
function proseCells(input: string, lineLengths: readonly number[]): { index: number; from: number; to: number }[] {
  const lineAt = (offset: number) => {
    let line = 0;
    for (let at = 0; line < lineLengths.length && at + lineLengths[line] <= offset; line++) at += lineLengths[line];
    return line;
  };
  const cells: { index: number; from: number; to: number }[] = [];
  parseRunbook(input).cells.forEach((cell, index) => {
    if (cell.kind !== 'markdown' || !cell.origin || cell.value.startsWith(TIMELINE_START)) return;
    cells.push({ index, from: lineAt(cell.origin.start), to: lineAt(cell.origin.end) });
  });
  return cells;
}
