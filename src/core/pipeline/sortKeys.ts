// sort keys: "-k POS1[,POS2]" specifications and the text each one selects
// from a line, following GNU sort's field rules (blank-led fields or -t).
import { FilterUsageError } from './filter';
import { quoteValue } from './args';

export interface Ordering {
  numeric: boolean; // -n
  general: boolean; // -g
  human: boolean; // -h
  month: boolean; // -M
  version: boolean; // -V
  reverse: boolean; // -r
  fold: boolean; // -f
  dictionary: boolean; // -d
  printable: boolean; // -i
  blanksStart: boolean; // -b on POS1
  blanksEnd: boolean; // -b on POS2
}

export interface SortKey extends Ordering {
  /** 0-based start field, or undefined for the start of the line. */
  startField: number | undefined;
  /** 0-based character offset in the start field. */
  startChar: number;
  /** 0-based end field, or undefined for the end of the line. */
  endField: number | undefined;
  /** Characters of the end field to include; 0 for all of it. */
  endChar: number;
}

export function emptyOrdering(): Ordering {
  return {
    numeric: false, general: false, human: false, month: false, version: false, reverse: false,
    fold: false, dictionary: false, printable: false, blanksStart: false, blanksEnd: false,
  };
}

const ORDERING_KEYS = Object.keys(emptyOrdering()) as Array<keyof Ordering>;

export function hasOrdering(o: Ordering): boolean {
  return ORDERING_KEYS.some((k) => o[k]);
}

function fail(what: string, spec: string): FilterUsageError {
  return new FilterUsageError(`sort: ${what}: invalid field specification ${quoteValue(spec)}`, 2);
}

/** Applies ordering letters ("nr", "b") and returns the rest of the spec. */
export function applyLetters(text: string, o: Ordering, end: boolean): string {
  let i = 0;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (c === 'b') {
      if (end) o.blanksEnd = true;
      else o.blanksStart = true;
    } else if (c === 'd') o.dictionary = true;
    else if (c === 'f') o.fold = true;
    else if (c === 'g') o.general = true;
    else if (c === 'h') o.human = true;
    else if (c === 'i') o.printable = true;
    else if (c === 'M') o.month = true;
    else if (c === 'n') o.numeric = true;
    else if (c === 'r') o.reverse = true;
    else if (c === 'V') o.version = true;
    else break;
  }
  return text.slice(i);
}

export function parseKey(spec: string): SortKey {
  const key: SortKey = { ...emptyOrdering(), startField: 0, startChar: 0, endField: undefined, endChar: 0 };
  let m = /^(\d*)/.exec(spec)!;
  if (m[1] === '') {
    throw new FilterUsageError(`sort: invalid number at field start: invalid count at start of ${quoteValue(spec)}`, 2);
  }
  if (Number(m[1]) === 0) throw fail('field number is zero', spec);
  key.startField = Number(m[1]) - 1;
  let rest = spec.slice(m[0].length);
  if (rest.startsWith('.')) {
    m = /^\.(\d*)/.exec(rest)!;
    if (m[1] === '') throw new FilterUsageError(`sort: invalid number after '.': invalid count at start of ${quoteValue(rest.slice(1))}`, 2);
    if (Number(m[1]) === 0) throw fail('character offset is zero', spec);
    key.startChar = Number(m[1]) - 1;
    rest = rest.slice(m[0].length);
  }
  if (key.startField === 0 && key.startChar === 0) key.startField = undefined;
  rest = applyLetters(rest, key, false);
  if (rest.startsWith(',')) {
    m = /^,(\d*)/.exec(rest)!;
    if (m[1] === '') throw new FilterUsageError(`sort: invalid number after ',': invalid count at start of ${quoteValue(rest.slice(1))}`, 2);
    if (Number(m[1]) === 0) throw fail('field number is zero', spec);
    key.endField = Number(m[1]) - 1;
    rest = rest.slice(m[0].length);
    if (rest.startsWith('.')) {
      m = /^\.(\d*)/.exec(rest)!;
      if (m[1] === '') throw new FilterUsageError(`sort: invalid number after '.': invalid count at start of ${quoteValue(rest.slice(1))}`, 2);
      key.endChar = Number(m[1]);
      rest = rest.slice(m[0].length);
    }
    rest = applyLetters(rest, key, true);
  }
  if (rest !== '') throw fail('stray character in field spec', spec);
  return key;
}

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

/** The part of the line a key selects (GNU begfield/limfield). */
export function keyText(line: string, key: SortKey, tab: string | undefined): string {
  const lim = line.length;
  let beg = 0;
  if (key.startField !== undefined) {
    beg = skipFields(line, 0, key.startField, tab, true);
    if (key.blanksStart) while (beg < lim && isBlank(line[beg])) beg++;
    beg = Math.min(lim, beg + key.startChar);
  } else if (key.blanksStart) {
    while (beg < lim && isBlank(line[beg])) beg++;
  }
  let end = lim;
  if (key.endField !== undefined) {
    let words = key.endField + (key.endChar === 0 ? 1 : 0);
    end = 0;
    if (tab !== undefined) {
      while (end < lim && words-- > 0) {
        while (end < lim && line[end] !== tab) end++;
        if (end < lim && (words > 0 || key.endChar !== 0)) end++;
      }
    } else {
      end = skipFields(line, 0, words, tab, false);
    }
    if (key.endChar !== 0) {
      if (key.blanksEnd) while (end < lim && isBlank(line[end])) end++;
      end = Math.min(lim, end + key.endChar);
    }
  }
  return end <= beg ? '' : line.slice(beg, end);
}

function skipFields(line: string, from: number, count: number, tab: string | undefined, start: boolean): number {
  let p = from;
  const lim = line.length;
  while (p < lim && count-- > 0) {
    if (tab !== undefined) {
      while (p < lim && line[p] !== tab) p++;
      if (start && p < lim) p++;
    } else {
      while (p < lim && isBlank(line[p])) p++;
      while (p < lim && !isBlank(line[p])) p++;
    }
  }
  return p;
}
