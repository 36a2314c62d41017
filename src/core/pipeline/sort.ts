// sort over piped text, as GNU sort does with LC_ALL=C.UTF-8: code-point
// order, keys, -n/-g/-h/-M/-V, -r, -u, -s, -t, -c/-C, and the whole-line
// last-resort comparison when keys tie.
import { coreutilsUsage, parseArgs, quoteValue, rejectFiles, type OptionSpec } from './args';
import { FilterUsageError, type TextFilter } from './filter';
import { asBytes, splitAll } from './lines';
import { compareGeneral, compareHuman, compareMonth, compareNumeric, compareText, compareVersion } from './sortCompare';
import { applyLetters, emptyOrdering, hasOrdering, keyText, parseKey, type Ordering, type SortKey } from './sortKeys';

const TOOL = coreutilsUsage('sort', 2);

const SPECS: OptionSpec[] = [
  ...'bdfghiMnrV'.split('').map((c) => ({ key: `order:${c}`, short: c })),
  { key: 'order:b', long: 'ignore-leading-blanks' },
  { key: 'order:d', long: 'dictionary-order' },
  { key: 'order:f', long: 'ignore-case' },
  { key: 'order:g', long: 'general-numeric-sort' },
  { key: 'order:h', long: 'human-numeric-sort' },
  { key: 'order:i', long: 'ignore-nonprinting' },
  { key: 'order:M', long: 'month-sort' },
  { key: 'order:n', long: 'numeric-sort' },
  { key: 'order:r', long: 'reverse' },
  { key: 'order:V', long: 'version-sort' },
  { key: 'k', short: 'k', long: 'key', arg: 'required' },
  { key: 't', short: 't', long: 'field-separator', arg: 'required' },
  { key: 'u', short: 'u', long: 'unique' },
  { key: 's', short: 's', long: 'stable' },
  { key: 'c', short: 'c', long: 'check', arg: 'optional' },
  { key: 'C', short: 'C' },
  { key: 'm', short: 'm', long: 'merge' },
  { key: 'ignored', short: 'S', long: 'buffer-size', arg: 'required' },
  { key: 'ignored', short: 'T', long: 'temporary-directory', arg: 'required' },
  { key: 'ignored', long: 'parallel', arg: 'required' },
  { key: 'ignored', long: 'batch-size', arg: 'required' },
  { key: 'unsupported', short: 'o', long: 'output', arg: 'required' },
  { key: 'unsupported', short: 'R', long: 'random-sort' },
  { key: 'unsupported', short: 'z', long: 'zero-terminated' },
  { key: 'unsupported', long: 'files0-from', arg: 'required' },
];

interface SortOptions {
  keys: SortKey[];
  global: Ordering;
  tab: string | undefined;
  unique: boolean;
  stable: boolean;
  /** -m: the input is one already-sorted stream, so it is only merged (kept in order). */
  merge: boolean;
  check: 'none' | 'diagnose' | 'quiet';
}

function readOptions(args: readonly string[]): SortOptions {
  const parsed = parseArgs(args, SPECS, TOOL);
  rejectFiles(TOOL, parsed.operands);
  const o: SortOptions = { keys: [], global: emptyOrdering(), tab: undefined, unique: false, stable: false, merge: false, check: 'none' };
  for (const opt of parsed.options) {
    const v = opt.value ?? '';
    if (opt.key.startsWith('order:')) applyLetters(opt.key.slice(6), o.global, false);
    else if (opt.key === 'k') o.keys.push(parseKey(v));
    else if (opt.key === 't') {
      if (v === '') throw new FilterUsageError('sort: empty tab', 2);
      if (v.length > 1 && v !== '\\0') throw new FilterUsageError(`sort: multi-character tab ${quoteValue(v)}`, 2);
      o.tab = v === '\\0' ? '\0' : v;
    } else if (opt.key === 'u') o.unique = true;
    else if (opt.key === 's') o.stable = true;
    else if (opt.key === 'c') o.check = opt.value === 'quiet' || opt.value === 'silent' ? 'quiet' : 'diagnose';
    else if (opt.key === 'C') o.check = 'quiet';
    else if (opt.key === 'm') o.merge = true;
    else if (opt.key === 'unsupported') {
      throw new FilterUsageError(`sort: option ${opt.name} is not supported by the built-in sort; run the command in a terminal`, 2);
    }
  }
  if (o.global.blanksStart) o.global.blanksEnd = true;
  for (const key of o.keys) {
    // A key with no ordering letters of its own takes the global ones.
    if (!hasOrdering(key)) Object.assign(key, o.global);
  }
  if (o.keys.length === 0 && hasOrdering(o.global)) {
    o.keys.push({ ...o.global, startField: undefined, startChar: 0, endField: undefined, endChar: 0 });
  }
  for (const key of [o.global, ...o.keys]) checkCompatible(key);
  return o;
}

function checkCompatible(o: Ordering): void {
  const letters: string[] = [];
  if (o.dictionary) letters.push('d');
  if (o.general) letters.push('g');
  if (o.printable) letters.push('i');
  if (o.month) letters.push('M');
  if (o.human) letters.push('h');
  if (o.numeric) letters.push('n');
  if (o.version) letters.push('V');
  const numericLike = [o.general, o.month, o.human, o.numeric, o.version].filter(Boolean).length;
  const conflict = numericLike > 1 || (numericLike > 0 && (o.dictionary || o.printable));
  if (conflict) throw new FilterUsageError(`sort: options '-${letters.join('')}' are incompatible`, 2);
}

function transform(text: string, key: Ordering): string {
  let t = text;
  if (key.dictionary) t = t.replace(/[^ \tA-Za-z0-9]/g, '');
  else if (key.printable) t = t.replace(/[^\x20-\x7e]/g, '');
  if (key.fold) t = t.replace(/[a-z]/g, (c) => c.toUpperCase());
  return t;
}

function compareKey(a: string, b: string, key: Ordering): number {
  let r: number;
  if (key.numeric) r = compareNumeric(a, b);
  else if (key.general) r = compareGeneral(a, b);
  else if (key.human) r = compareHuman(a, b);
  else if (key.month) r = compareMonth(a, b);
  else if (key.version) r = compareVersion(a, b);
  else if (key.dictionary || key.printable || key.fold) r = compareText(transform(a, key), transform(b, key));
  else r = compareText(a, b);
  return key.reverse ? -r : r;
}

interface Row {
  readonly line: string;
  /** The line's UTF-8 bytes, one character per byte. */
  readonly bytes: string;
  readonly keys: string[];
}


export function createSort(args: readonly string[]): TextFilter {
  return new SortFilter(readOptions(args));
}

class SortFilter implements TextFilter {
  private text = '';
  private status = 0;
  private messages = '';

  constructor(private readonly o: SortOptions) {}

  get exitCode(): number {
    return this.status;
  }

  get stderr(): string {
    return this.messages;
  }

  write(chunk: string): string {
    this.text += chunk;
    return '';
  }

  async end(): Promise<string> {
    const { lines } = splitAll(this.text);
    this.text = '';
    const o = this.o;
    // GNU sort works on bytes: keys, character offsets and comparisons all see UTF-8 bytes.
    const tab = o.tab === undefined ? undefined : asBytes(o.tab);
    const rows: Row[] = lines.map((line) => {
      const bytes = asBytes(line);
      return { line, bytes, keys: o.keys.map((k) => keyText(bytes, k, tab)) };
    });
    const compareKeys = (a: Row, b: Row): number => {
      for (let i = 0; i < o.keys.length; i++) {
        const r = compareKey(a.keys[i]!, b.keys[i]!, o.keys[i]!);
        if (r !== 0) return r;
      }
      return 0;
    };
    const tiesStay = o.unique || o.stable;
    const compare = (a: Row, b: Row): number => {
      if (o.keys.length > 0) {
        const r = compareKeys(a, b);
        if (r !== 0 || tiesStay) return r;
      }
      const w = compareText(a.bytes, b.bytes);
      return o.global.reverse ? -w : w;
    };
    if (o.check !== 'none') return this.check(rows, compare);
    if (!o.merge) rows.sort(compare);
    let out = '';
    let previous: Row | undefined;
    for (const row of rows) {
      if (o.unique && previous && compare(previous, row) === 0) continue;
      out += `${row.line}\n`;
      previous = row;
    }
    return out;
  }

  private check(rows: Row[], compare: (a: Row, b: Row) => number): string {
    for (let i = 1; i < rows.length; i++) {
      const r = compare(rows[i - 1]!, rows[i]!);
      if (r > 0 || (r === 0 && this.o.unique)) {
        this.status = 1;
        if (this.o.check === 'diagnose') this.messages = `sort: -:${i + 1}: disorder: ${rows[i]!.line}\n`;
        break;
      }
    }
    return '';
  }
}
