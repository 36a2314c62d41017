// kubectl's column alignment (Go's tabwriter as kubectl configures it:
// minimum width 6, padding 3, spaces, widths remembered across flushes so
// the rows of `get -w` stay aligned). The last cell of a row is not padded.

const MIN_WIDTH = 6;
const PADDING = 3;

export class TabWriter {
  private widths: number[] = [];

  /** Formats rows of cells; each row's last cell is printed as is. */
  format(rows: readonly (readonly string[])[]): string {
    for (const row of rows) {
      for (let c = 0; c < row.length - 1; c++) {
        const width = Math.max(MIN_WIDTH, runeLength(row[c]) + PADDING);
        if (width > (this.widths[c] ?? 0)) this.widths[c] = width;
      }
    }
    let out = '';
    for (const row of rows) {
      let line = '';
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        line += c === row.length - 1 ? cell : cell + ' '.repeat(this.widths[c] - runeLength(cell));
      }
      out += line + '\n';
    }
    return out;
  }
}

/** Go counts cell widths in runes (code points), not UTF-16 units. */
export function runeLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
