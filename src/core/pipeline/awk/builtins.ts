// awk's built-in functions (POSIX plus the common gawk ones).
import type { PosixRegex } from '../posixRegex';
import type { Expr, LValue } from './ast';
import { AwkFatal, AwkUnsupported } from './errors';
import { sprintf } from './format';
import type { AwkArray, AwkRuntime } from './runtime';
import { inputValue, StrNum, toNumber, UNINIT, type Value } from './values';

export interface Evaluator {
  readonly rt: AwkRuntime;
  eval(e: Expr): Value;
  regexOf(e: Expr): PosixRegex;
  assign(target: LValue, v: Value): void;
  arrayOf(e: Expr): AwkArray;
  isArrayExpr(e: Expr): boolean;
}

/** Code-point aware helpers: awk counts characters, JavaScript counts UTF-16 units. */
function chars(s: string): string[] {
  return [...s];
}
function cpIndex(s: string, utf16: number): number {
  return [...s.slice(0, utf16)].length;
}

/** Case mapping one character at a time, as towupper/towlower do ("ß" stays "ß"). */
function mapChars(s: string, map: (c: string) => string): string {
  let out = '';
  for (const c of s) {
    const m = map(c);
    out += [...m].length === 1 ? m : c;
  }
  return out;
}

let seed = 0;
let previousSeed = 0;
function random(): number {
  // A small deterministic generator (mulberry32); gawk's own sequence is not reproduced.
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function expandReplacement(repl: string, matched: string): string {
  let out = '';
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i]!;
    if (c === '\\' && (repl[i + 1] === '&' || repl[i + 1] === '\\')) out += repl[++i];
    else if (c === '&') out += matched;
    else out += c;
  }
  return out;
}

function substitute(ev: Evaluator, args: Expr[], global: boolean): number {
  const re = ev.regexOf(args[0]!);
  const repl = ev.rt.str(ev.eval(args[1]!));
  const target: LValue = (args[2] as LValue | undefined) ?? { k: 'field', index: { k: 'num', v: 0 } };
  if (args[2] && !['var', 'field', 'elem'].includes(args[2].k)) throw new AwkFatal(`${global ? 'gsub' : 'sub'} third parameter is not a changeable object`);
  const text = ev.rt.str(ev.eval(target));
  let out = '';
  let pos = 0;
  let count = 0;
  let lastEnd = -1;
  while (pos <= text.length) {
    const m = re.find(text, pos);
    if (!m) break;
    const [start, end] = m;
    if (start === end && start === lastEnd) {
      if (start < text.length) out += text[start];
      pos = start + 1;
      continue;
    }
    out += text.slice(pos, start) + expandReplacement(repl, text.slice(start, end));
    count++;
    lastEnd = end;
    if (start === end) {
      if (start < text.length) out += text[start];
      pos = start + 1;
    } else pos = end;
    if (!global) break;
  }
  if (count === 0) return 0;
  if (pos < text.length) out += text.slice(pos);
  ev.assign(target, out);
  return count;
}

function gensub(ev: Evaluator, args: Expr[]): Value {
  const re = ev.regexOf(args[0]!);
  const repl = ev.rt.str(ev.eval(args[1]!));
  const how = ev.eval(args[2]!);
  const howText = ev.rt.str(how);
  const which = /^[gG]/.test(howText) ? 0 : Math.max(1, Math.trunc(toNumber(how)));
  const text = ev.rt.str(args[3] ? ev.eval(args[3]) : ev.rt.field(0));
  const js = new RegExp(re.source, re.ignoreCase ? 'giu' : 'gu');
  let n = 0;
  return text.replace(js, (...m: unknown[]) => {
    const groups = m.slice(0, -2) as Array<string | undefined>;
    n++;
    if (which !== 0 && n !== which) return groups[0]!;
    let out = '';
    for (let i = 0; i < repl.length; i++) {
      const c = repl[i]!;
      if (c === '\\' && /[0-9]/.test(repl[i + 1] ?? '')) out += groups[Number(repl[++i])] ?? '';
      else if (c === '\\' && (repl[i + 1] === '&' || repl[i + 1] === '\\')) out += repl[++i];
      else if (c === '&') out += groups[0];
      else out += c;
    }
    return out;
  });
}

function substr(s: string, m: number, n: number | undefined): string {
  const cs = chars(s);
  let start = Number.isNaN(m) ? 1 : Math.trunc(m);
  if (start < 1) start = 1;
  if (n === undefined) return cs.slice(start - 1).join('');
  const len = Number.isNaN(n) ? 0 : Math.trunc(n);
  if (len <= 0) return '';
  return cs.slice(start - 1, start - 1 + len).join('');
}

export function callBuiltin(ev: Evaluator, name: string, args: Expr[]): Value {
  const rt = ev.rt;
  const num = (i: number) => toNumber(ev.eval(args[i]!));
  const str = (i: number) => rt.str(ev.eval(args[i]!));
  switch (name) {
    case 'length':
      if (args.length === 0) return chars(rt.str(rt.field(0))).length;
      if (ev.isArrayExpr(args[0]!)) return ev.arrayOf(args[0]!).size;
      return chars(str(0)).length;
    case 'substr':
      return substr(str(0), num(1), args.length > 2 ? num(2) : undefined);
    case 'index': {
      const s = str(0);
      const i = s.indexOf(str(1));
      return i < 0 ? 0 : cpIndex(s, i) + 1;
    }
    case 'split': {
      const text = str(0);
      const arr = ev.arrayOf(args[1]!);
      const sep = args[2] === undefined ? rt.scalar('FS') : args[2].k === 'regex' ? ev.regexOf(args[2]) : ev.eval(args[2]);
      const parts = rt.split(text, sep, false);
      arr.clear();
      parts.forEach((p, i) => arr.set(String(i + 1), inputValue(p)));
      return parts.length;
    }
    case 'sub':
    case 'gsub':
      return substitute(ev, args, name === 'gsub');
    case 'gensub':
      return gensub(ev, args);
    case 'match': {
      const s = str(0);
      const m = ev.regexOf(args[1]!).find(s, 0);
      const start = m ? cpIndex(s, m[0]) + 1 : 0;
      const length = m ? chars(s.slice(m[0], m[1])).length : -1;
      rt.setScalar('RSTART', start);
      rt.setScalar('RLENGTH', length);
      if (args[2]) {
        const arr = ev.arrayOf(args[2]);
        arr.clear();
        if (m) arr.set('0', s.slice(m[0], m[1]));
      }
      return start;
    }
    case 'sprintf': {
      if (args.length === 0) throw new AwkFatal('sprintf: no arguments');
      const values = args.slice(1).map((a) => ev.eval(a));
      return sprintf(str(0), formatArgs(rt, values));
    }
    case 'sin':
      return Math.sin(num(0));
    case 'cos':
      return Math.cos(num(0));
    case 'atan2':
      return Math.atan2(num(0), num(1));
    case 'exp':
      return Math.exp(num(0));
    case 'log':
      return Math.log(num(0));
    case 'sqrt':
      return Math.sqrt(num(0));
    case 'int':
      return Math.trunc(num(0));
    case 'rand':
      return random();
    case 'srand': {
      const before = previousSeed;
      previousSeed = args.length > 0 ? num(0) : Math.floor(Date.now() / 1000);
      seed = Math.trunc(previousSeed);
      return before;
    }
    case 'tolower':
      return mapChars(str(0), (c) => c.toLowerCase());
    case 'toupper':
      return mapChars(str(0), (c) => c.toUpperCase());
    case 'close':
      return -1;
    case 'fflush':
      return 0;
    case 'systime':
      return Math.floor(Date.now() / 1000);
    case 'strtonum': {
      const s = str(0).trim();
      if (/^[+-]?0[xX][0-9a-fA-F]+/.test(s)) return parseInt(s, 16);
      if (/^[+-]?0[0-7]+$/.test(s)) return parseInt(s, 8);
      return toNumber(ev.eval(args[0]!));
    }
    case 'and':
    case 'or':
    case 'xor': {
      if (args.length < 2) throw new AwkFatal(`${name}: called with less than two arguments`);
      const values = args.map((_, i) => num(i));
      values.forEach((v, i) => {
        if (v < 0) throw new AwkFatal(`${name}: argument ${i + 1} negative value ${printed('%g', v)} is not allowed`);
      });
      const r = values.map(bits).reduce((a, b) => (name === 'and' ? a & b : name === 'or' ? a | b : a ^ b));
      return Number(r);
    }
    case 'lshift':
    case 'rshift': {
      const [value, count] = [num(0), num(1)];
      if (value < 0 || count < 0) throw new AwkFatal(`${name}(${printed('%f', value)}, ${printed('%f', count)}): negative values are not allowed`);
      return Number(name === 'lshift' ? BigInt.asUintN(64, bits(value) << shiftCount(count)) : bits(value) >> shiftCount(count));
    }
    case 'compl': {
      const value = num(0);
      if (value < 0) throw new AwkFatal(`compl(${printed('%f', value)}): negative value is not allowed`);
      return Number(BigInt.asUintN(53, ~bits(value)));
    }
    case 'typeof': {
      if (ev.isArrayExpr(args[0]!)) return 'array';
      const v = ev.eval(args[0]!);
      return typeof v === 'number' ? 'number' : typeof v === 'string' ? 'string' : v instanceof StrNum ? 'strnum' : v === UNINIT ? 'untyped' : 'unassigned';
    }
    case 'isarray':
      return ev.isArrayExpr(args[0]!) ? 1 : 0;
    default:
      throw new AwkUnsupported(`${name}()`);
  }
}

export function formatArgs(rt: AwkRuntime, values: Value[]): Parameters<typeof sprintf>[1] {
  return {
    count: values.length,
    number: (i) => toNumber(values[i]!),
    string: (i) => rt.str(values[i]!),
    char: (i) => {
      const v = values[i]!;
      if (typeof v === 'number') return String.fromCodePoint(Math.max(0, Math.min(0x10ffff, Math.trunc(v))));
      return chars(rt.str(v))[0] ?? '';
    },
  };
}

/** A number as the integer gawk's bit functions work on; infinities and NaN become 0, as in gawk. */
function bits(value: number): bigint {
  return Number.isFinite(value) ? BigInt(Math.trunc(value)) : 0n;
}

/** A number through one printf conversion, as gawk words its bit functions' complaints. */
function printed(format: string, value: number): string {
  return sprintf(format, { count: 1, number: () => value, string: () => String(value), char: () => '' });
}

/** A shift count as a 64-bit shift takes it: modulo 64. */
function shiftCount(value: number): bigint {
  return BigInt.asUintN(6, bits(value));
}
