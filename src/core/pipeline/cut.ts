// cut over piped text: -f with -d/-s, -b/-c (bytes, as GNU coreutils counts
// them), LIST ranges, --complement and --output-delimiter.
import { coreutilsUsage, parseArgs, quoteValue, rejectFiles, usageError, type OptionSpec } from './args';
import { FilterUsageError, type TextFilter } from './filter';
import { LineSplitter, utf8Length } from './lines';

const TOOL = coreutilsUsage('cut');

const SPECS: OptionSpec[] = [
  { key: 'b', short: 'b', long: 'bytes', arg: 'required' },
  { key: 'c', short: 'c', long: 'characters', arg: 'required' },
  { key: 'd', short: 'd', long: 'delimiter', arg: 'required' },
  { key: 'f', short: 'f', long: 'fields', arg: 'required' },
  { key: 'n', short: 'n' },
  { key: 'complement', long: 'complement' },
  { key: 's', short: 's', long: 'only-delimited' },
  { key: 'output-delimiter', long: 'output-delimiter', arg: 'required' },
  { key: 'z', short: 'z', long: 'zero-terminated' },
];

type Range = [number, number];

/** Parses "1,3-5,7-" into sorted ranges, merging overlaps as GNU does. */
function parseList(list: string, fields: boolean): Range[] {
  const ranges: Range[] = [];
  const numberedFrom = fields ? 'fields are numbered from 1' : 'byte/character positions are numbered from 1';
  for (const item of list.split(/[,\s]/)) {
    const m = /^(\d*)(-?)(\d*)$/.exec(item);
    if (!m) {
      const bad = item.match(/[^\d-]/) ? item : list;
      throw usageError(TOOL, fields ? `invalid field value ${quoteValue(bad)}` : `invalid byte or character range`);
    }
    const [, a, dash, b] = m as unknown as [string, string, string, string];
    if (dash === '' && a === '') throw usageError(TOOL, numberedFrom);
    if (dash !== '' && a === '' && b === '') throw usageError(TOOL, `invalid range with no endpoint: -`);
    const lo = a === '' ? 1 : Number(a);
    const hi = dash === '' ? lo : b === '' ? Infinity : Number(b);
    if (lo === 0 || hi === 0) throw usageError(TOOL, numberedFrom);
    if (hi < lo) throw usageError(TOOL, 'invalid decreasing range');
    ranges.push([lo, hi]);
  }
  ranges.sort((x, y) => x[0] - y[0]);
  const merged: Range[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && last[1] >= r[0]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

function complement(ranges: Range[]): Range[] {
  const out: Range[] = [];
  let next = 1;
  for (const [lo, hi] of ranges) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next !== Infinity) out.push([next, Infinity]);
  return out;
}

interface CutOptions {
  mode: 'fields' | 'bytes';
  ranges: Range[];
  delimiter: string;
  outputDelimiter: string | undefined;
  onlyDelimited: boolean;
}

function readOptions(args: readonly string[]): CutOptions {
  const parsed = parseArgs(args, SPECS, TOOL);
  let list: { mode: 'fields' | 'bytes'; text: string } | undefined;
  let delimiter: string | undefined;
  let outputDelimiter: string | undefined;
  let onlyDelimited = false;
  let complemented = false;
  for (const opt of parsed.options) {
    const v = opt.value ?? '';
    if (opt.key === 'b' || opt.key === 'c' || opt.key === 'f') {
      if (list) throw usageError(TOOL, 'only one list may be specified');
      list = { mode: opt.key === 'f' ? 'fields' : 'bytes', text: v };
    } else if (opt.key === 'd') {
      if (utf8Length(v) > 1) throw usageError(TOOL, 'the delimiter must be a single character');
      delimiter = v === '' ? '\0' : v;
    } else if (opt.key === 'output-delimiter') outputDelimiter = v;
    else if (opt.key === 's') onlyDelimited = true;
    else if (opt.key === 'complement') complemented = true;
    else if (opt.key === 'z') throw new FilterUsageError('cut: option -z is not supported by the built-in cut', 1);
  }
  if (!list) throw usageError(TOOL, 'you must specify a list of bytes, characters, or fields');
  if (list.mode === 'bytes' && delimiter !== undefined) {
    throw usageError(TOOL, 'an input delimiter may be specified only when operating on fields');
  }
  if (list.mode === 'bytes' && onlyDelimited) {
    throw usageError(TOOL, 'suppressing non-delimited lines makes sense\n\tonly when operating on fields');
  }
  rejectFiles(TOOL, parsed.operands);
  let ranges = parseList(list.text, list.mode === 'fields');
  if (complemented) ranges = complement(ranges);
  return { mode: list.mode, ranges, delimiter: delimiter ?? '\t', outputDelimiter, onlyDelimited };
}

export function createCut(args: readonly string[]): TextFilter {
  return new CutFilter(readOptions(args));
}

class CutFilter implements TextFilter {
  readonly exitCode = 0;
  private readonly lines = new LineSplitter();

  constructor(private readonly o: CutOptions) {}

  write(chunk: string): string {
    let out = '';
    for (const line of this.lines.push(chunk)) out += this.cut(line);
    return out;
  }

  async end(): Promise<string> {
    const last = this.lines.finish();
    return last === undefined ? '' : this.cut(last);
  }

  private selected(n: number): boolean {
    for (const [lo, hi] of this.o.ranges) {
      if (n < lo) return false;
      if (n <= hi) return true;
    }
    return false;
  }

  private cut(line: string): string {
    const o = this.o;
    if (o.mode === 'fields') {
      if (!line.includes(o.delimiter)) return o.onlyDelimited ? '' : `${line}\n`;
      const fields = line.split(o.delimiter);
      const picked = fields.filter((_, i) => this.selected(i + 1));
      return `${picked.join(o.outputDelimiter ?? o.delimiter)}\n`;
    }
    const bytes = Buffer.from(line, 'utf8');
    const parts: Buffer[] = [];
    for (const [lo, hi] of o.ranges) {
      if (lo > bytes.length) break;
      parts.push(bytes.subarray(lo - 1, Math.min(hi, bytes.length)));
    }
    if (o.outputDelimiter === undefined) return `${Buffer.concat(parts).toString('utf8')}\n`;
    return `${parts.map((p) => p.toString('utf8')).join(o.outputDelimiter)}\n`;
  }
}
