// The column alignment of `kubectl describe`: Go's text/tabwriter as kubectl
// sets it up for describe output (minimum width 0, padding 2, spaces). A cell
// is text ended by a tab; the text after a line's last tab is not a cell.
// Consecutive lines that have a cell in the same column form a block, and
// every cell of a block is padded to the block's widest cell plus padding, so
// a line without tabs ends every block above it.

import { runeLength } from '../printers/tabwriter';

const PADDING = 2;

export function alignColumns(text: string): string {
  const lines = text.split('\n').map((line) => line.split('\t'));
  const out: string[] = [];
  const writeLines = (from: number, to: number, widths: readonly number[]) => {
    for (let i = from; i < to; i++) {
      const cells = lines[i];
      let line = '';
      for (let c = 0; c < cells.length; c++) {
        const cell = cells[c];
        line += c < widths.length ? cell + ' '.repeat(widths[c] - runeLength(cell)) : cell;
      }
      out.push(line);
    }
  };
  const format = (line0: number, line1: number, widths: readonly number[]) => {
    const column = widths.length;
    for (let at = line0; at < line1; at++) {
      if (column >= lines[at].length - 1) continue;
      // A block of lines that all have a cell in this column starts here.
      writeLines(line0, at, widths);
      line0 = at;
      let width = 0;
      for (; at < line1; at++) {
        const cells = lines[at];
        if (column >= cells.length - 1) break;
        width = Math.max(width, runeLength(cells[column]) + PADDING);
      }
      format(line0, at, [...widths, width]);
      line0 = at;
    }
    writeLines(line0, line1, widths);
  };
  format(0, lines.length, []);
  return out.join('\n');
}

/** Go counts cell widths in runes (code points), not UTF-16 units. */
