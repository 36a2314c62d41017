// Go's text/tabwriter with the RememberWidths flag of the fork kubectl uses,
// padding with spaces. A cell is text ended by a tab or a vertical tab; a
// newline ends a line; a form feed ends a line and the table (what follows is
// laid out on its own, and the form feed is written as a newline). The text
// after a line's last tab belongs to no column and is never padded.
// Consecutive lines that have a cell in the same column form a block, and
// every cell of a block is padded to the block's widest cell plus the padding,
// or to the minimum width. Widths are counted in runes, as Go counts them.
//
// Left out, as no caller sets them: padding with tabs, right alignment,
// discarding empty columns, HTML filtering, escaped text and debug bars.

import { runeCount } from './width';

export interface TabWriterSettings {
  /** The narrowest a column is, padding included. */
  readonly minWidth: number;
  /** Spaces after a column's widest cell. */
  readonly padding: number;
  /** Every column keeps the widest width it has had, so later writes stay aligned with earlier ones. */
  readonly rememberWidths: boolean;
}

type Line = readonly string[];

const BREAKS = /[\t\v\n\f]/g;

export class TabWriter {
  private readonly remembered: number[] = [];

  constructor(private readonly settings: TabWriterSettings) {}

  /** Text as Go's Writer takes it, flushed at the end. */
  formatText(text: string): string {
    let out = '';
    let line: string[] = [];
    let lines: string[][] = [line];
    let start = 0;
    for (const match of text.matchAll(BREAKS)) {
      line.push(text.slice(start, match.index));
      start = match.index + 1;
      if (match[0] === '\t' || match[0] === '\v') continue;
      line = [];
      lines.push(line);
      if (match[0] === '\f') {
        out += this.format(lines);
        lines = [line];
      }
    }
    if (start < text.length) line.push(text.slice(start));
    return out + this.format(lines);
  }

  /** One line a row, each ended by a newline; a cell is taken whole, even one holding a tab or a newline. */
  formatRows(rows: readonly Line[]): string {
    return this.format([...rows, []]);
  }

  /** The lines, each but the last followed by a newline. */
  private format(lines: readonly Line[]): string {
    const out: string[] = [];
    this.formatColumn(lines, 0, lines.length, [], out);
    return out.join('');
  }

  /** Lays out lines [from, to), whose columns left of widths.length have those widths. */
  private formatColumn(lines: readonly Line[], from: number, to: number, widths: readonly number[], out: string[]): void {
    const column = widths.length;
    let done = from;
    for (let at = from; at < to; at++) {
      if (column >= lines[at].length - 1) continue;
      // A block of lines with a cell in this column starts here.
      this.writeLines(lines, done, at, widths, out);
      done = at;
      let width = this.settings.minWidth;
      for (; at < to && column < lines[at].length - 1; at++) {
        width = Math.max(width, runeCount(lines[at][column]) + this.settings.padding);
      }
      if (this.settings.rememberWidths) width = this.remember(widths, width);
      this.formatColumn(lines, done, at, [...widths, width], out);
      done = at;
    }
    this.writeLines(lines, done, to, widths, out);
  }

  /** The width a column gets: the widest it has had, which this block's width may raise. */
  private remember(widths: readonly number[], width: number): number {
    const column = widths.length;
    const seen = this.remembered;
    if (seen.length < column) seen.push(...widths.slice(seen.length));
    if (seen.length === column) seen.push(width);
    else if (seen[column] > width) return seen[column];
    else seen[column] = width;
    return width;
  }

  private writeLines(lines: readonly Line[], from: number, to: number, widths: readonly number[], out: string[]): void {
    for (let i = from; i < to; i++) {
      const cells = lines[i];
      for (let j = 0; j < cells.length; j++) {
        out.push(cells[j]);
        if (j < widths.length) out.push(' '.repeat(widths[j] - runeCount(cells[j])));
      }
      if (i + 1 < lines.length) out.push('\n');
    }
  }
}
