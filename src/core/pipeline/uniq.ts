// uniq over piped text: -c (GNU's "%7d " counts), -d, -D, -u, -i, -f, -s, -w.
import { coreutilsUsage, parseArgs, rejectFiles, usageError, type OptionSpec } from './args';
import { FilterUsageError, type TextFilter } from './filter';
import { asBytes, LineSplitter } from './lines';

const TOOL = coreutilsUsage('uniq');

const SPECS: OptionSpec[] = [
  { key: 'c', short: 'c', long: 'count' },
  { key: 'd', short: 'd', long: 'repeated' },
  { key: 'D', short: 'D' },
  { key: 'D', long: 'all-repeated', arg: 'optional' },
  { key: 'f', short: 'f', long: 'skip-fields', arg: 'required' },
  { key: 'i', short: 'i', long: 'ignore-case' },
  { key: 's', short: 's', long: 'skip-chars', arg: 'required' },
  { key: 'u', short: 'u', long: 'unique' },
  { key: 'w', short: 'w', long: 'check-chars', arg: 'required' },
  { key: 'unsupported', short: 'z', long: 'zero-terminated' },
  { key: 'unsupported', long: 'group', arg: 'optional' },
];

interface UniqOptions {
  count: boolean;
  repeated: boolean;
  allRepeated: boolean;
  unique: boolean;
  ignoreCase: boolean;
  skipFields: number;
  skipChars: number;
  checkChars: number;
}

function number(value: string, what: string): number {
  if (!/^\d+$/.test(value)) throw new FilterUsageError(`uniq: ${value}: invalid number of ${what}`, 1);
  return Number(value);
}

function readOptions(args: readonly string[]): UniqOptions {
  const parsed = parseArgs(args, SPECS, TOOL);
  rejectFiles(TOOL, parsed.operands);
  const o: UniqOptions = {
    count: false, repeated: false, allRepeated: false, unique: false, ignoreCase: false,
    skipFields: 0, skipChars: 0, checkChars: Infinity,
  };
  for (const opt of parsed.options) {
    const v = opt.value ?? '';
    if (opt.key === 'c') o.count = true;
    else if (opt.key === 'd') o.repeated = true;
    else if (opt.key === 'D') o.allRepeated = true;
    else if (opt.key === 'u') o.unique = true;
    else if (opt.key === 'i') o.ignoreCase = true;
    else if (opt.key === 'f') o.skipFields = number(v, 'fields to skip');
    else if (opt.key === 's') o.skipChars = number(v, 'bytes to skip');
    else if (opt.key === 'w') o.checkChars = number(v, 'bytes to compare');
    else if (opt.key === 'unsupported') {
      throw new FilterUsageError(`uniq: option ${opt.name} is not supported by the built-in uniq`, 1);
    }
  }
  if (o.allRepeated && o.count) {
    throw usageError(TOOL, 'printing all duplicated lines and repeat counts is meaningless');
  }
  return o;
}

export function createUniq(args: readonly string[]): TextFilter {
  return new UniqFilter(readOptions(args));
}

class UniqFilter implements TextFilter {
  readonly exitCode = 0;
  private readonly lines = new LineSplitter();
  private group: string[] = [];
  private groupKey = '';

  constructor(private readonly o: UniqOptions) {}

  write(chunk: string): string {
    let out = '';
    for (const line of this.lines.push(chunk)) out += this.take(line);
    return out;
  }

  async end(): Promise<string> {
    let out = '';
    const last = this.lines.finish();
    if (last !== undefined) out += this.take(last);
    return out + this.flush();
  }

  private key(text: string): string {
    const o = this.o;
    // GNU uniq skips and compares bytes.
    const line = asBytes(text);
    let i = 0;
    for (let f = 0; f < o.skipFields; f++) {
      while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
      while (i < line.length && line[i] !== ' ' && line[i] !== '\t') i++;
    }
    let k = line.slice(i + o.skipChars);
    if (o.checkChars !== Infinity) k = k.slice(0, o.checkChars);
    return o.ignoreCase ? k.replace(/[a-z]/g, (c) => c.toUpperCase()) : k;
  }

  private take(line: string): string {
    const key = this.key(line);
    let out = '';
    if (this.group.length > 0 && key !== this.groupKey) out = this.flush();
    if (this.group.length === 0) this.groupKey = key;
    if (this.o.allRepeated || this.group.length === 0) this.group.push(line);
    else this.group.push('');
    return out;
  }

  private flush(): string {
    const o = this.o;
    const size = this.group.length;
    if (size === 0) return '';
    const first = this.group[0]!;
    const all = this.group;
    this.group = [];
    if (o.allRepeated) return size > 1 && !o.unique ? all.map((l) => `${l}\n`).join('') : '';
    if (o.repeated && size < 2) return '';
    if (o.unique && size > 1) return '';
    return o.count ? `${String(size).padStart(7)} ${first}\n` : `${first}\n`;
  }
}
