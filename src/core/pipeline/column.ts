// column -t over piped text, laid out as util-linux 2.38 does: cells padded
// to each column's display width, two-space gaps, rows filled to the widest
// row's column count, the last column never padded.
import { coreutilsUsage, parseArgs, rejectFiles, usageError, type OptionSpec } from './args';
import { stringWidth } from '../text';
import { FilterUsageError, type TextFilter } from './filter';
import { splitAll } from './lines';

const TOOL = coreutilsUsage('column');

const SPECS: OptionSpec[] = [
  { key: 't', short: 't', long: 'table' },
  { key: 's', short: 's', long: 'separator', arg: 'required' },
  { key: 'o', short: 'o', long: 'output-separator', arg: 'required' },
  { key: 'R', short: 'R', long: 'table-right', arg: 'required' },
  { key: 'L', short: 'L', long: 'keep-empty-lines' },
  ...['n', 'O', 'N', 'l', 'E', 'H', 'T', 'W', 'r', 'i', 'p', 'c'].map((c) => ({
    key: 'unsupported',
    short: c,
    arg: 'required' as const,
  })),
  ...['d', 'e', 'J', 'x'].map((c) => ({ key: 'unsupported', short: c })),
];

interface ColumnOptions {
  separators: string | undefined;
  outputSeparator: string;
  rightAligned: Set<number>;
  keepEmpty: boolean;
}

function readOptions(args: readonly string[]): ColumnOptions {
  const parsed = parseArgs(args, SPECS, TOOL);
  rejectFiles(TOOL, parsed.operands);
  const o: ColumnOptions = { separators: undefined, outputSeparator: '  ', rightAligned: new Set(), keepEmpty: false };
  let table = false;
  for (const opt of parsed.options) {
    const v = opt.value ?? '';
    if (opt.key === 't') table = true;
    else if (opt.key === 's') o.separators = v;
    else if (opt.key === 'o') o.outputSeparator = v;
    else if (opt.key === 'L') o.keepEmpty = true;
    else if (opt.key === 'R') {
      for (const part of v.split(',')) {
        if (!/^\d+$/.test(part) || Number(part) === 0) throw usageError(TOOL, `undefined column name '${part}'`);
        o.rightAligned.add(Number(part) - 1);
      }
    } else if (opt.key === 'unsupported') {
      throw new FilterUsageError(`column: option ${opt.name} is not supported by the built-in column`, 1);
    }
  }
  if (!table) {
    throw new FilterUsageError(
      'column: the built-in column supports table mode only (column -t); run the command in a terminal for filled columns',
      1,
    );
  }
  return o;
}

/** Splits a row: runs of blanks by default; with -s every separator character splits (empty cells kept). */
function cells(line: string, separators: string | undefined): string[] {
  if (separators === undefined) return line.split(/[ \t]+/).filter((c) => c !== '');
  const out: string[] = [];
  let cell = '';
  for (const ch of line) {
    if (separators.includes(ch)) {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out;
}

export function createColumn(args: readonly string[]): TextFilter {
  return new ColumnFilter(readOptions(args));
}

class ColumnFilter implements TextFilter {
  readonly exitCode = 0;
  private text = '';

  constructor(private readonly o: ColumnOptions) {}

  write(chunk: string): string {
    this.text += chunk;
    return '';
  }

  async end(): Promise<string> {
    const { lines } = splitAll(this.text);
    this.text = '';
    // Blank lines (empty or only spaces and tabs) are left out unless -L.
    const rows = lines.filter((l) => this.o.keepEmpty || !/^[ \t]*$/.test(l)).map((l) => cells(l, this.o.separators));
    const count = rows.reduce((n, r) => Math.max(n, r.length), 0);
    const widths = new Array<number>(count).fill(0);
    for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i]!, stringWidth(c))));
    let out = '';
    for (const row of rows) {
      let line = '';
      for (let i = 0; i < count; i++) {
        const cell = row[i] ?? '';
        const last = i === count - 1;
        const pad = ' '.repeat(widths[i]! - stringWidth(cell));
        if (last) line += cell === '' ? '' : this.o.rightAligned.has(i) ? pad + cell : cell;
        else line += (this.o.rightAligned.has(i) ? pad + cell : cell + pad) + this.o.outputSeparator;
      }
      out += `${line}\n`;
    }
    return out;
  }
}
