// The functions a kubectl go-template can call: Go's text/template builtins
// (and, or, not, len, index, slice, print, printf, println, eq, ne, lt, le,
// gt, ge, html, js, urlquery, call) and kubectl's own base64decode and exists.
// Each says how its arguments are taken (as reflect.Values, or as a string),
// and fails with the message Go's function returns.

import { goTypeOf, sprint, sprintf, sprintln } from './goFormat';
import { boxed, concrete, isInteger, isNilBox, isTrue, unboxed, type Val } from './goTemplateValues';

/** How a parameter receives its argument: as it is (reflect.Value / interface {}), or as a Go string. */
export type Param = 'value' | 'string';

export interface TemplateFunc {
  params: Param[];
  /** The type of the `...` parameter, when the function takes one. */
  variadic?: Param;
  /** `texts` are the arguments as written (only `call` quotes one). */
  call(args: Val[], texts: string[]): Val;
}

/** An error a function returned (`error calling index: ...`). */
export class FuncError extends Error {}

const bool = (b: boolean): Val => ({ type: 'bool', v: b });
const str = (s: string): Val => ({ type: 'string', v: s });

type Basic = 'bool' | 'int' | 'uint' | 'float' | 'string' | 'invalid';

function basicKind(val: Val): Basic {
  switch (val.type) {
    case 'bool':
    case 'string':
      return val.type;
    case 'int':
    case 'int64':
      return 'int';
    case 'uint8':
      return 'uint';
    case 'float64':
      return 'float';
    default:
      return 'invalid';
  }
}

function eq(args: Val[]): Val {
  if (args.length < 2) throw new FuncError('missing argument for comparison');
  const a = unboxed(args[0]);
  const ka = basicKind(a);
  for (const arg of args.slice(1)) {
    const b = unboxed(arg);
    const kb = basicKind(b);
    const ints = (ka === 'int' || ka === 'uint') && (kb === 'int' || kb === 'uint');
    if (ka !== kb && !ints) {
      if (a.type !== 'invalid' && b.type !== 'invalid') throw new FuncError('incompatible types for comparison');
      continue;
    }
    if (ka === 'invalid') {
      if (a.type !== b.type) throw new FuncError(`non-comparable types ${describe(a)}, ${b.type}: ${sprint([b])}`);
      if (a.type === 'invalid') return bool(true);
      throw new FuncError(`non-comparable type ${sprintf('%s', [b])}: ${b.type}`);
    }
    if (a.v === b.v) return bool(true);
  }
  return bool(false);
}

function describe(v: Val): string {
  return `${sprintf('%s', [v])}: ${v.type}`;
}

function lt(args: Val[]): Val {
  const a = unboxed(args[0]);
  const b = unboxed(args[1]);
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka === 'invalid' || kb === 'invalid') throw new FuncError('invalid type for comparison');
  const ints = (ka === 'int' || ka === 'uint') && (kb === 'int' || kb === 'uint');
  if (ka !== kb && !ints) throw new FuncError('incompatible types for comparison');
  if (ka === 'bool') throw new FuncError('invalid type for comparison');
  return bool((a.v as number | string) < (b.v as number | string));
}

function length(args: Val[]): Val {
  const item = args[0];
  if (isNilBox(item)) throw new FuncError('len of nil pointer');
  const c = unboxed(item);
  if (c.type === 'invalid') throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
  if (c.type === 'string') return { type: 'int', v: new TextEncoder().encode(c.v as string).length };
  if (c.type === '[]interface {}') return { type: 'int', v: (c.v as unknown[]).length };
  if (c.type === 'map[string]interface {}') return { type: 'int', v: Object.keys(c.v as object).length };
  throw new FuncError(`len of type ${c.type}`);
}

function indexArg(index: Val, cap: number): number {
  const i = unboxed(index);
  if (i.type === 'invalid') throw new FuncError('cannot index slice/array with nil');
  if (!isInteger(i)) throw new FuncError(`cannot index slice/array with type ${i.type}`);
  const x = i.v as number;
  if (x < 0 || x > cap) throw new FuncError(`index out of range: ${x}`);
  return x;
}

function index(args: Val[]): Val {
  let item = unboxed(args[0]);
  if (item.type === 'invalid') throw new FuncError('index of untyped nil');
  for (const raw of args.slice(1)) {
    if (isNilBox(item)) throw new FuncError('index of nil pointer');
    item = unboxed(item);
    if (item.type === 'string' || item.type === '[]interface {}') {
      const bytes = item.type === 'string' ? new TextEncoder().encode(item.v as string) : (item.v as unknown[]);
      const x = indexArg(raw, bytes.length);
      if (x === bytes.length) throw new FuncError(`reflect: ${item.type === 'string' ? 'string' : 'slice'} index out of range`);
      item = item.type === 'string' ? { type: 'uint8', v: bytes[x] } : boxed(bytes[x]);
    } else if (item.type === 'map[string]interface {}') {
      const key = unboxed(raw);
      if (key.type === 'invalid') throw new FuncError('value is nil; should be of type string');
      if (key.type !== 'string') throw new FuncError(`value has type ${key.type}; should be string`);
      item = boxed((item.v as Record<string, unknown>)[key.v as string]);
    } else throw new FuncError(`can't index item of type ${item.type}`);
  }
  return item;
}

function slice(args: Val[]): Val {
  const item = unboxed(args[0]);
  if (item.type === 'invalid') throw new FuncError('slice of untyped nil');
  const indexes = args.slice(1);
  if (indexes.length > 3) throw new FuncError(`too many slice indexes: ${indexes.length}`);
  if (item.type !== 'string' && item.type !== '[]interface {}') throw new FuncError(`can't slice item of type ${item.type}`);
  if (item.type === 'string' && indexes.length === 3) throw new FuncError('cannot 3-index slice a string');
  const bytes = item.type === 'string' ? new TextEncoder().encode(item.v as string) : (item.v as unknown[]);
  const idx = [0, bytes.length, bytes.length];
  indexes.forEach((i, n) => (idx[n] = indexArg(i, bytes.length)));
  if (idx[0] > idx[1]) throw new FuncError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1] > idx[2]) throw new FuncError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (item.type === 'string') return str(new TextDecoder().decode((bytes as Uint8Array).slice(idx[0], idx[1])));
  return { type: '[]interface {}', v: (bytes as unknown[]).slice(idx[0], idx[1]) };
}

/** The text of escaper arguments: one string as it is, otherwise fmt.Sprint with `<no value>` for nothing. */
function escaperText(args: Val[]): string {
  if (args.length === 1 && unboxed(args[0]).type === 'string') return unboxed(args[0]).v as string;
  return sprint(args.map((a) => (unboxed(a).type === 'invalid' ? str('<no value>') : a)));
}

const HTML_ESCAPES: Record<string, string> = { '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;', '\0': '\uFFFD' };
const JS_ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '<': '\\u003C', '>': '\\u003E', '&': '\\u0026', '=': '\\u003D' };

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (JS_ESCAPES[ch]) out += JS_ESCAPES[ch];
    else if (cp < 0x20) out += `\\u00${cp.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (cp >= 0x80 && !/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch)) out += `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

function queryEscape(s: string): string {
  return Array.from(new TextEncoder().encode(s), (b) => {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) return c;
    return c === ' ' ? '+' : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** base64.StdEncoding.DecodeString, failing at the byte Go names. */
function base64Decode(s: string): string {
  const bytes: number[] = [];
  const chars = Array.from(new TextEncoder().encode(s), (b) => String.fromCharCode(b));
  let i = 0;
  const corrupt = (at: number) => new FuncError(`base64 decode failed: illegal base64 data at input byte ${at}`);
  while (i < chars.length) {
    const quantum: number[] = [];
    let start = -1;
    while (quantum.length < 4) {
      while (chars[i] === '\n' || chars[i] === '\r') i++;
      if (i >= chars.length) {
        if (quantum.length === 0) break;
        throw corrupt(start < 0 ? i : i - quantum.length);
      }
      if (start < 0) start = i;
      const c = chars[i++];
      if (c === '=') {
        if (quantum.length < 2) throw corrupt(i - 1);
        if (quantum.length === 2) {
          while (chars[i] === '\n' || chars[i] === '\r') i++;
          if (chars[i] !== '=') throw corrupt(i >= chars.length ? i : i);
          i++;
        }
        while (chars[i] === '\n' || chars[i] === '\r') i++;
        if (i < chars.length) throw corrupt(i);
        break;
      }
      const v = B64.indexOf(c);
      if (v < 0) throw corrupt(i - 1);
      quantum.push(v);
    }
    if (quantum.length === 0) break;
    const n = (quantum[0] << 18) | ((quantum[1] ?? 0) << 12) | ((quantum[2] ?? 0) << 6) | (quantum[3] ?? 0);
    bytes.push((n >> 16) & 0xff);
    if (quantum.length > 2) bytes.push((n >> 8) & 0xff);
    if (quantum.length > 3) bytes.push(n & 0xff);
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** kubectl's exists: whether `index item indices...` would find something that is not nil. */
function exists(args: Val[]): Val {
  if (args.length === 1) return bool(true);
  let item = unboxed(args[0]);
  for (const raw of args.slice(1)) {
    const key = unboxed(raw);
    if (item.type === 'invalid') return bool(false);
    if (item.type === '[]interface {}' || item.type === 'string') {
      if (!isInteger(key)) return bool(false);
      const list = item.type === 'string' ? new TextEncoder().encode(item.v as string) : (item.v as unknown[]);
      const x = key.v as number;
      if (x < 0 || x >= list.length) return bool(false);
      item = item.type === 'string' ? { type: 'uint8', v: list[x] } : concrete(list[x]);
    } else if (item.type === 'map[string]interface {}') {
      if (key.type !== 'string') return bool(false);
      item = concrete((item.v as Record<string, unknown>)[key.v as string]);
    } else return bool(false);
  }
  return bool(item.type !== 'invalid');
}

const fixed = (params: Param[], call: TemplateFunc['call']): TemplateFunc => ({ params, call });
const variadic = (params: Param[], call: TemplateFunc['call']): TemplateFunc => ({ params, variadic: 'value', call });

/** `and` and `or` are evaluated lazily by the executor; listed here for their arity. */
export const FUNCTIONS: ReadonlyMap<string, TemplateFunc> = new Map<string, TemplateFunc>([
  ['and', variadic(['value'], (a) => a.find((v) => !isTrue(v)) ?? a[a.length - 1])],
  ['or', variadic(['value'], (a) => a.find((v) => isTrue(v)) ?? a[a.length - 1])],
  ['not', fixed(['value'], (a) => bool(!isTrue(a[0])))],
  ['len', fixed(['value'], length)],
  ['index', variadic(['value'], index)],
  ['slice', variadic(['value'], slice)],
  ['print', variadic([], (a) => str(sprint(a)))],
  ['printf', { params: ['string'], variadic: 'value', call: (a) => str(sprintf(a[0].v as string, a.slice(1))) }],
  ['println', variadic([], (a) => str(sprintln(a)))],
  ['eq', variadic(['value'], eq)],
  ['ne', fixed(['value', 'value'], (a) => bool(!eq(a).v))],
  ['lt', fixed(['value', 'value'], lt)],
  ['le', fixed(['value', 'value'], (a) => (lt(a).v ? bool(true) : eq(a)))],
  ['gt', fixed(['value', 'value'], (a) => bool(!(lt(a).v || eq(a).v)))],
  ['ge', fixed(['value', 'value'], (a) => bool(!lt(a).v))],
  ['html', variadic([], (a) => str(escaperText(a).replace(/["'&<>\0]/g, (c) => HTML_ESCAPES[c])))],
  ['js', variadic([], (a) => str(jsEscape(escaperText(a))))],
  ['urlquery', variadic([], (a) => str(queryEscape(escaperText(a))))],
  ['call', variadic(['value'], callFunction)],
  ['base64decode', fixed(['string'], (a) => str(base64Decode(a[0].v as string)))],
  ['exists', variadic(['value'], exists)],
]);

/** A decoded object holds no functions, so `call` always fails, as Go's does on a non-function. */
function callFunction(args: Val[], texts: string[]): Val {
  const fn = unboxed(args[0]);
  if (fn.type === 'invalid') throw new FuncError('call of nil');
  throw new FuncError(`non-function ${texts[0] ?? ''} of type ${goTypeOf(fn)}`);
}
