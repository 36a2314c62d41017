// The value-level steps of kubectl's JSONPath: slices, the contents that `*`
// and `..` visit, and filter comparisons with the rules of Go templates'
// eq/lt (only bool, int, float and string compare; both sides must be of the
// same kind, so an int64 field never equals the literal 1.0; booleans only
// compare for (in)equality).
import { compareKeys, goKind, goTypeName, isMap, numberOf, utf8Bytes } from './goValues';
import type { SliceParam } from './jsonpathParser';

/** A failed evaluation step, carrying the values the step returned along with its error. */
export class EvalFailure extends Error {
  constructor(
    message: string,
    readonly partial: unknown[],
  ) {
    super(message);
  }
}

const BAD_TYPE = 'invalid type for comparison';
const BAD_PAIR = 'incompatible types for comparison';

type Verdict = boolean | string;

function basicKind(v: unknown): string | undefined {
  const kind = goKind(v);
  return kind === 'bool' || kind === 'int' || kind === 'float' || kind === 'string' ? kind : undefined;
}

function kinds(a: unknown, b: unknown): string | [string, string] {
  const k1 = basicKind(a);
  if (!k1) return BAD_TYPE;
  const k2 = basicKind(b);
  if (!k2) return BAD_TYPE;
  return k1 === k2 ? [k1, k2] : BAD_PAIR;
}

function eq(a: unknown, b: unknown): Verdict {
  const k = kinds(a, b);
  if (typeof k === 'string') return k;
  return k[0] === 'int' || k[0] === 'float' ? numberOf(a) === numberOf(b) : a === b;
}

function lt(a: unknown, b: unknown): Verdict {
  const k = kinds(a, b);
  if (typeof k === 'string') return k;
  if (k[0] === 'bool') return BAD_TYPE;
  return k[0] === 'string' ? compareKeys(a as string, b as string) < 0 : numberOf(a) < numberOf(b);
}

function le(a: unknown, b: unknown): Verdict {
  const less = lt(a, b);
  return less === false ? eq(a, b) : less;
}

const not = (v: Verdict): Verdict => (typeof v === 'string' ? v : !v);

/** true/false, or the error kubectl reports for the pair. */
export function compareValues(operator: string, left: unknown, right: unknown): Verdict {
  switch (operator) {
    case '==':
      return eq(left, right);
    case '!=':
      return not(eq(left, right));
    case '<':
      return lt(left, right);
    case '<=':
      return le(left, right);
    case '>':
      return not(le(left, right));
    case '>=':
      return not(lt(left, right));
    default:
      return `unrecognized filter operator ${operator}`;
  }
}

/** `[i]`, `[start:end:step]`, `[*]` over each array in the input; null values are skipped. */
export function evalArray(input: unknown[], params: readonly SliceParam[]): unknown[] {
  const result: unknown[] = [];
  for (const value of input) {
    if (value === null) continue;
    if (!Array.isArray(value)) throw new EvalFailure(`${goTypeName(value)} is not array or slice`, input);
    const length = value.length;
    let start = params[0].known ? params[0].value : 0;
    if (start < 0) start += length;
    let end = params[1].known ? params[1].value : length;
    if (end < 0 || (end === 0 && params[1].derived)) end += length;
    if (end === start) return result;
    if (start >= length || start < 0) {
      throw new EvalFailure(`array index out of bounds: index ${start}, length ${length}`, input);
    }
    if (end > length || end < 0) {
      throw new EvalFailure(`array index out of bounds: index ${end - 1}, length ${length}`, input);
    }
    if (start > end) throw new EvalFailure(`starting index ${start} is greater than ending index ${end}`, input);
    const slice = value.slice(start, end);
    let step = 1;
    if (params[2].known) {
      if (params[2].value <= 0) throw new EvalFailure('step must be > 0', input);
      step = params[2].value;
    }
    for (let i = 0; i < slice.length; i += step) result.push(slice[i]);
  }
  return result;
}

/** The values inside a value: a map's values, a list's items, a string's bytes. */
export function children(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isMap(value)) return Object.values(value).filter((v) => v !== undefined);
  if (typeof value === 'string') return utf8Bytes(value);
  return [];
}

/** `..`: every value that has something inside it, depth first, each before its contents. */
export function evalRecursive(input: unknown[]): unknown[] {
  const result: unknown[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (value !== '') result.push(value); // its bytes hold nothing further
      return;
    }
    const inner = children(value);
    if (inner.length === 0) return;
    result.push(value);
    for (const v of inner) visit(v);
  };
  for (const value of input) visit(value);
  return result;
}
