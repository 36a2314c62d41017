// The box layout of --output table: sections (a title, optional column
// headers, rows), each indented by its nesting level, all drawn to the width
// of the widest. The rules are those of the aws CLI's awscli/table.py: four
// columns of padding per cell, widths scaled to the table's width with
// Python's round-half-even, single-row sections turned vertical when the
// table is wider than the terminal (80 columns when it has none).

import { textLength } from './textWidth';

export class Section {
  title = '';
  headers: string[] = [];
  rows: string[][] = [];
  indentLevel = 0;
  private maxWidths: number[] = [];

  addHeader(headers: string[]): void {
    this.updateMaxWidths(headers);
    this.headers = headers;
  }

  addRow(row: string[]): void {
    this.rows.push(row);
    this.updateMaxWidths(row);
  }

  columnWidths(padding = 0, maxWidth?: number): number[] {
    const unscaled = this.maxWidths.map((w) => w + padding);
    if (maxWidth === undefined || unscaled.length === 0) return unscaled;
    const total = unscaled.reduce((a, b) => a + b, 0);
    const scale = maxWidth / total;
    const scaled = unscaled.map((w) => roundHalfEven(scale * w));
    let offBy = scaled.reduce((a, b) => a + b, 0) - maxWidth;
    while (offBy !== 0) {
      const order = [...scaled.keys()];
      if (offBy < 0) order.reverse();
      for (const i of order) {
        if (offBy > 0) {
          scaled[i]! -= 1;
          offBy -= 1;
        } else {
          scaled[i]! += 1;
          offBy += 1;
        }
        if (offBy === 0) break;
      }
    }
    return scaled;
  }

  totalWidth(padding: number, outerPadding: number): number {
    const border = 2;
    let total = 0;
    for (const w of this.columnWidths()) total += w + padding;
    total += border + 2 * outerPadding;
    return Math.max(textLength(this.title) + border + 2 * outerPadding, total);
  }

  private updateMaxWidths(row: string[]): void {
    if (this.maxWidths.length === 0) {
      this.maxWidths = row.map(textLength);
    } else {
      row.forEach((el, i) => {
        this.maxWidths[i] = Math.max(textLength(el), this.maxWidths[i] ?? 0);
      });
    }
  }
}

/** Python's round(): halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

function centerText(text: string, length: number, left: string, right: string): string {
  const textLen = textLength(text);
  const start = Math.floor(length / 2) - Math.floor(textLen / 2) - 1;
  const soFar = left.length + start + textLen;
  return left + ' '.repeat(Math.max(start, 0)) + text + ' '.repeat(Math.max(length - right.length - soFar, 0)) + right;
}

function alignLeft(text: string, length: number, left: string, right: string): string {
  const textLen = textLength(text);
  const padding = length - (textLen + 2 + left.length + right.length) >= 0 ? 2 : 0;
  const soFar = left.length + padding + textLen;
  return left + ' '.repeat(padding) + text + ' '.repeat(Math.max(length - soFar - right.length, 0)) + right;
}

function lineBreak(widths: number[]): string {
  return widths.map((w, i) => (i === 0 ? `+${'-'.repeat(Math.max(w - 2, 0))}+` : `${'-'.repeat(Math.max(w - 1, 0))}+`)).join('');
}

function toVertical(sections: Section[]): Section[] {
  return sections.map((section) => {
    if (section.rows.length !== 1 || section.headers.length === 0) return section;
    const vertical = new Section();
    vertical.title = section.title;
    vertical.indentLevel = section.indentLevel;
    section.headers.forEach((header, i) => vertical.addRow([header, section.rows[0]![i] ?? '']));
    return vertical;
  });
}

function maxWidthOf(sections: Section[]): number {
  return Math.max(...sections.map((s) => s.totalWidth(4, s.indentLevel)));
}

export function renderSections(input: Section[], terminalWidth = 80): string {
  if (input.length === 0) return '';
  let sections = input;
  let maxWidth = maxWidthOf(sections);
  if (maxWidth > terminalWidth) {
    sections = toVertical(sections);
    maxWidth = maxWidthOf(sections);
  }
  const out: string[] = [`${'-'.repeat(maxWidth)}\n`];
  for (const section of sections) renderSection(section, maxWidth, out);
  return out.join('');
}

function renderSection(section: Section, tableWidth: number, out: string[]): void {
  const edge = '|'.repeat(section.indentLevel);
  const line = (text: string) => out.push(`${edge}${text}${edge}\n`);
  const width = tableWidth - section.indentLevel * 2;
  if (section.title) {
    line(centerText(section.title, width, '|', '|'));
    if (section.headers.length === 0 && section.rows.length === 0) line(`+${'-'.repeat(width - 2)}+`);
  }
  if (section.headers.length) {
    const widths = section.columnWidths(4, width);
    line(lineBreak(widths));
    line(section.headers.map((h, i) => centerText(h, widths[i]!, i === 0 ? '|' : '', '|')).join(''));
  }
  if (section.rows.length) {
    const widths = section.columnWidths(4, width);
    if (widths.length === 0) return;
    line(lineBreak(widths));
    for (const row of section.rows) {
      line(widths.map((w, i) => alignLeft(row[i] ?? '', w, i === 0 ? '|' : '', '|')).join(''));
    }
    line(lineBreak(widths));
  }
}
