// awk values: numbers, strings, "strnums" (input that looks numeric) and the
// uninitialized value, with POSIX conversion and comparison rules.
import { sprintf } from './format';
import { compareText } from '../sortCompare';

/** Input text that looks like a number: compares numerically, prints as written. */
export class StrNum {
  constructor(
    readonly s: string,
    readonly n: number,
  ) {}
}

class Uninitialized {}
export const UNINIT = new Uninitialized();

export type Value = number | string | StrNum | Uninitialized;

const STRNUM = /^[ \t\n\r\f\v]*[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)[ \t\n\r\f\v]*$/;
const NUMBER_PREFIX = /^[ \t\n\r\f\v]*([+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?))/;
const SPECIAL = /^[ \t\n\r\f\v]*([+-])(inf|nan)/i;

/** A value read from input: a strnum when it looks numeric, else a string. */
export function inputValue(s: string): Value {
  if (STRNUM.test(s)) return new StrNum(s, Number(s.trim()));
  const special = SPECIAL.exec(s);
  if (special && s.trim().length === 4) return new StrNum(s, stringToNumber(s));
  return s;
}

export function stringToNumber(s: string): number {
  const m = NUMBER_PREFIX.exec(s);
  if (m) return Number(m[1]);
  const special = SPECIAL.exec(s);
  if (special) {
    if (special[2]!.toLowerCase() === 'nan') return NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  return 0;
}

export function toNumber(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return stringToNumber(v);
  if (v instanceof StrNum) return v.n;
  return 0;
}

function integerString(n: number): string {
  if (n === 0) return '0';
  return Math.abs(n) < 2 ** 53 ? String(n) : BigInt(n).toString();
}

/** A number as awk turns it into text: integers exactly, others through CONVFMT/OFMT. */
export function numberToString(n: number, fmt: string): string {
  if (Number.isNaN(n)) return '-nan';
  if (n === Infinity) return '+inf';
  if (n === -Infinity) return '-inf';
  if (Number.isInteger(n)) return integerString(n);
  return sprintf(fmt, { count: 1, number: () => n, string: () => String(n), char: () => '' });
}

export function toStr(v: Value, convfmt: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberToString(v, convfmt);
  if (v instanceof StrNum) return v.s;
  return '';
}

export function isTrue(v: Value): boolean {
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v !== '';
  if (v instanceof StrNum) return v.n !== 0;
  return false;
}

function isNumeric(v: Value): boolean {
  return typeof v === 'number' || v instanceof StrNum || v === UNINIT;
}

/** POSIX comparison: numeric when both sides are numeric or strnum, otherwise as strings. */
export function compareValues(a: Value, b: Value, convfmt: string): number {
  if (isNumeric(a) && isNumeric(b)) {
    const x = toNumber(a);
    const y = toNumber(b);
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
  }
  return compareText(toStr(a, convfmt), toStr(b, convfmt));
}
