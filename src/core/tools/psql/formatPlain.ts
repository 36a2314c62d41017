// psql's unaligned (-A) and CSV (--csv) output.

import type { PrintOptions, PrintTable } from './format';

export function printUnaligned(table: PrintTable, opts: PrintOptions, footers: string[]): string {
  return opts.expanded ? unalignedVertical(table, opts) : unalignedText(table, opts, footers);
}

export function printCsv(table: PrintTable, opts: PrintOptions): string {
  return opts.expanded ? csvVertical(table, opts) : csvText(table, opts);
}

function unalignedText(table: PrintTable, opts: PrintOptions, footers: string[]): string {
  let out = '';
  let needSep = false;
  if (!opts.tuplesOnly) {
    if (table.title) out += table.title + opts.recordSep;
    out += table.headers.join(opts.fieldSep);
    needSep = true;
  }
  for (const row of table.rows) {
    if (needSep) out += opts.recordSep;
    out += row.join(opts.fieldSep);
    needSep = true;
  }
  if (!opts.tuplesOnly) {
    for (const f of footers) {
      if (needSep) out += opts.recordSep;
      out += f;
      needSep = true;
    }
  }
  return needSep ? out + '\n' : out;
}

function unalignedVertical(table: PrintTable, opts: PrintOptions): string {
  let out = '';
  let needSep = false;
  if (!opts.tuplesOnly && table.title) {
    out += table.title;
    needSep = true;
  }
  for (const row of table.rows) {
    if (needSep) out += opts.recordSep + opts.recordSep;
    out += row.map((v, j) => table.headers[j] + opts.fieldSep + v).join(opts.recordSep);
    needSep = true;
  }
  if (!opts.tuplesOnly && table.footers) {
    out += opts.recordSep;
    for (const f of table.footers) out += opts.recordSep + f;
  }
  return needSep ? out + '\n' : out;
}

function csvField(value: string, sep: string): string {
  const quote = value.includes(sep) || /[\r\n"]/.test(value) || value === '\\.' || sep === '\\' || sep === '.';
  return quote ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvText(table: PrintTable, opts: PrintOptions): string {
  const sep = opts.csvFieldSep;
  const lines = table.rows.map((row) => row.map((v) => csvField(v, sep)).join(sep));
  if (!opts.tuplesOnly) lines.unshift(table.headers.map((h) => csvField(h, sep)).join(sep));
  return lines.map((l) => l + '\n').join('');
}

function csvVertical(table: PrintTable, opts: PrintOptions): string {
  const sep = opts.csvFieldSep;
  return table.rows
    .flatMap((row) => row.map((v, j) => `${csvField(table.headers[j], sep)}${sep}${csvField(v, sep)}\n`))
    .join('');
}
