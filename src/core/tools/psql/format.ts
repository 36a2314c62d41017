// psql's table printer: aligned (borders 0-2), expanded, unaligned and CSV
// output, byte for byte as psql prints query results and \d listings.

import { charWidth } from '../../text';
import { printCsv, printUnaligned } from './formatPlain';

export type Align = 'l' | 'r';

export interface PrintTable {
  title?: string;
  headers: string[];
  aligns: Align[];
  /** Rows of display text (NULLs already replaced by the null string). */
  rows: string[][];
  /** Explicit footers; when absent the default `(N rows)` footer applies. */
  footers?: string[];
  /** Leave out the default footer (psql does for \du). */
  noDefaultFooter?: boolean;
}

export interface PrintOptions {
  format: 'aligned' | 'unaligned' | 'csv';
  border: number;
  expanded: boolean;
  tuplesOnly: boolean;
  fieldSep: string;
  recordSep: string;
  csvFieldSep: string;
  defaultFooter: boolean;
}

export const DEFAULT_PRINT: PrintOptions = {
  format: 'aligned',
  border: 1,
  expanded: false,
  tuplesOnly: false,
  fieldSep: '|',
  recordSep: '\n',
  csvFieldSep: ',',
  defaultFooter: true,
};

/** A cell as psql lays it out: lines split at newlines, tabs expanded, control characters escaped. */
interface CellLines {
  lines: string[];
  widths: number[];
  width: number;
}

export function layoutCell(text: string): CellLines {
  const lines: string[] = [];
  const widths: number[] = [];
  let line = '';
  let width = 0;
  for (const ch of text) {
    if (ch === '\n') {
      lines.push(line);
      widths.push(width);
      line = '';
      width = 0;
    } else if (ch === '\r') {
      line += '\\r';
      width += 2;
    } else if (ch === '\t') {
      do {
        line += ' ';
        width++;
      } while (width % 8 !== 0);
    } else {
      const code = ch.codePointAt(0) ?? 0;
      if (code < 0x20 || code === 0x7f) {
        line += `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
        width += 4;
      } else if (code >= 0x80 && code < 0xa0) {
        line += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
        width += 6;
      } else {
        line += ch;
        width += charWidth(ch);
      }
    }
  }
  lines.push(line);
  widths.push(width);
  return { lines, widths, width: Math.max(...widths) };
}

function footerLines(table: PrintTable, opts: PrintOptions): string[] {
  if (table.footers) return table.footers;
  if (!opts.defaultFooter || table.noDefaultFooter) return [];
  const n = table.rows.length;
  return [`(${n} ${n === 1 ? 'row' : 'rows'})`];
}

export function printTable(table: PrintTable, opts: PrintOptions): string {
  if (opts.format === 'csv') return printCsv(table, opts);
  if (opts.format === 'unaligned') return printUnaligned(table, opts, footerLines(table, opts));
  return opts.expanded ? alignedVertical(table, opts) : alignedText(table, opts);
}

const spaces = (n: number) => (n > 0 ? ' '.repeat(n) : '');

function alignedText(table: PrintTable, opts: PrintOptions): string {
  const border = Math.min(opts.border, 2);
  const ncols = table.headers.length;
  const heads = table.headers.map(layoutCell);
  const cells = table.rows.map((row) => row.map(layoutCell));
  const widths = heads.map((h, j) => Math.max(h.width, ...cells.map((r) => r[j].width)));
  let out = '';
  const rule = () => {
    let line = border === 1 ? '-' : border === 2 ? '+-' : '';
    widths.forEach((w, j) => {
      line += '-'.repeat(w);
      if (j < ncols - 1) line += border === 0 ? ' ' : '-+-';
    });
    line += border === 2 ? '-+' : border === 1 ? '-' : '';
    out += line + '\n';
  };
  if (table.title && !opts.tuplesOnly) {
    const total = (border === 0 ? ncols : border === 1 ? ncols * 3 - (ncols > 0 ? 1 : 0) : ncols * 3 + 1) + widths.reduce((a, b) => a + b, 0);
    const tw = layoutCell(table.title).width;
    out += (tw >= total ? '' : spaces(Math.floor((total - tw) / 2))) + table.title + '\n';
  }
  if (!opts.tuplesOnly) {
    if (border === 2) rule();
    const height = Math.max(0, ...heads.map((h) => h.lines.length));
    for (let k = 0; k < height; k++) {
      let line = border === 2 ? '|' : '';
      heads.forEach((h, j) => {
        if (border !== 0) line += ' ';
        const done = k >= h.lines.length;
        if (!done) {
          const nb = widths[j] - h.widths[k];
          line += spaces(Math.floor(nb / 2)) + h.lines[k] + spaces(Math.floor((nb + 1) / 2));
        } else line += spaces(widths[j]);
        line += !done && k < h.lines.length - 1 ? '+' : ' ';
        if (border !== 0 && j < ncols - 1) line += '|';
      });
      out += line + (border === 2 ? '|' : '') + '\n';
    }
    rule();
  }
  for (const row of ncols > 0 ? cells : []) {
    const height = Math.max(1, ...row.map((c) => c.lines.length));
    for (let k = 0; k < height; k++) {
      let line = border === 2 ? '|' : '';
      row.forEach((cell, j) => {
        const last = j === ncols - 1;
        const finalSpaces = border === 2 || !last;
        if (border !== 0) line += ' ';
        const has = k < cell.lines.length;
        const more = k + 1 < cell.lines.length;
        if (!has) {
          if (finalSpaces) line += spaces(widths[j]);
        } else {
          const pad = widths[j] - cell.widths[k];
          if (table.aligns[j] === 'r') line += spaces(pad) + cell.lines[k];
          else line += cell.lines[k] + (finalSpaces || more ? spaces(pad) : '');
        }
        if (more) line += '+';
        else if (finalSpaces) line += ' ';
        if (border !== 0 && !last) line += '|';
      });
      out += line + (border === 2 ? '|' : '') + '\n';
    }
  }
  if (border === 2) rule();
  if (!opts.tuplesOnly) for (const f of footerLines(table, opts)) out += f + '\n';
  return out + '\n';
}

function alignedVertical(table: PrintTable, opts: PrintOptions): string {
  const border = Math.min(opts.border, 2);
  if (table.rows.length === 0) {
    let out = '';
    if (!opts.tuplesOnly) for (const f of footerLines(table, opts)) out += f + '\n';
    return out + '\n';
  }
  const heads = table.headers.map(layoutCell);
  const cells = table.rows.map((row) => row.map(layoutCell));
  const hwidth = Math.max(0, ...heads.map((h) => h.width));
  const hmulti = heads.some((h) => h.lines.length > 1);
  const dwidth = Math.max(0, ...cells.flatMap((r) => r.map((c) => c.width)));
  const dmulti = cells.some((r) => r.some((c) => c.lines.length > 1));

  let out = '';
  if (table.title && !opts.tuplesOnly) out += table.title + '\n';
  const recordLine = (record: number) => {
    let line = border === 2 ? '+-' : border === 1 ? '-' : '';
    let reclen = 0;
    if (record) {
      const label = border === 0 ? `* Record ${record}` : `[ RECORD ${record} ]`;
      line += label;
      reclen = label.length;
    }
    if (border !== 2) reclen++;
    for (let i = reclen; i < hwidth; i++) line += border > 0 ? '-' : ' ';
    reclen -= hwidth;
    if (border > 0) {
      if (reclen-- <= 0) line += '-';
      if (reclen-- <= 0) line += '+';
      if (reclen-- <= 0) line += '-';
    } else if (reclen-- <= 0) line += ' ';
    if (reclen < 0) reclen = 0;
    for (let i = reclen; i < dwidth; i++) line += border > 0 ? '-' : ' ';
    if (border === 2) line += '-+';
    out += line + '\n';
  };
  cells.forEach((row, r) => {
    if (!opts.tuplesOnly) recordLine(r + 1);
    else if (r !== 0 || border === 2) recordLine(0);
    row.forEach((cell, j) => {
      const head = heads[j];
      const height = Math.max(head.lines.length, cell.lines.length);
      for (let k = 0; k < height; k++) {
        let line = border === 2 ? '|' : '';
        if (k < head.lines.length) {
          line += (border === 2 ? ' ' : '') + head.lines[k] + spaces(hwidth - head.widths[k]);
          if (border > 0 || hmulti) line += k < head.lines.length - 1 ? '+' : ' ';
        } else line += spaces(hwidth + border + (border === 0 && hmulti ? 1 : 0));
        if (border > 0) line += '|';
        if (k < cell.lines.length) {
          line += ' ' + cell.lines[k];
          const pad = dwidth - cell.widths[k];
          if (k < cell.lines.length - 1) {
            if (border > 1 || dmulti) line += spaces(pad) + '+';
          } else if (border > 1) line += spaces(pad) + ' ';
          if (border === 2) line += '|';
        } else if (border === 2) line += spaces(dwidth) + '  |';
        out += line + '\n';
      }
    });
  });
  if (border === 2) {
    let line = '+-' + '-'.repeat(hwidth) + '-+-' + '-'.repeat(dwidth) + '-+';
    out += line + '\n';
  }
  if (!opts.tuplesOnly && table.footers) {
    if (border < 2) out += '\n';
    for (const f of table.footers) out += f + '\n';
  }
  return out + '\n';
}
