// Go's fmt.Sprint, Sprintln and Sprintf for the values a template passes them:
// verbs %v %s %d %q %f %e %g %x %X %o %b %c %U %t %T %%, flags (- + # space 0),
// width and precision (also `*`), and fmt's own complaints (`%!d(string=x)`,
// `%!s(MISSING)`, `%!(EXTRA int=1)`).

import { concrete, INVALID, unboxed, type Val } from './goTemplateValues';
import { floatText } from './goFloatFormat';
import { compareKeys, goQuote, goSyntax } from './goValues';

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width?: number;
  prec?: number;
  verb: string;
}

const PLAIN: Spec = { minus: false, plus: false, sharp: false, space: false, zero: false, verb: 'v' };

/** What fmt sees of an argument: the value inside any interface box; nil for none. */
function arg(val: Val): Val {
  return unboxed(val);
}

/** `%T`. */
export function goTypeOf(val: Val): string {
  const c = arg(val);
  return c.type === 'invalid' ? '<nil>' : c.type;
}

/** fmt.Sprint: operands separated by a space when neither side is a string. */
export function sprint(args: Val[]): string {
  let out = '';
  args.forEach((a, i) => {
    const isString = arg(a).type === 'string';
    if (i > 0 && !isString && arg(args[i - 1]).type !== 'string') out += ' ';
    out += format(arg(a), PLAIN);
  });
  return out;
}

/** fmt.Sprintln: operands always separated by spaces, and a newline. */
export function sprintln(args: Val[]): string {
  return args.map((a) => format(arg(a), PLAIN)).join(' ') + '\n';
}

export function sprintf(template: string, args: Val[]): string {
  let out = '';
  let next = 0;
  let i = 0;
  const chars = Array.from(template);
  while (i < chars.length) {
    const c = chars[i++];
    if (c !== '%') {
      out += c;
      continue;
    }
    const spec: Spec = { ...PLAIN, verb: '' };
    for (; i < chars.length; i++) {
      const f = chars[i];
      if (f === '-') spec.minus = true;
      else if (f === '+') spec.plus = true;
      else if (f === '#') spec.sharp = true;
      else if (f === ' ') spec.space = true;
      else if (f === '0') spec.zero = true;
      else break;
    }
    const number = (): number | undefined | 'bad' => {
      if (chars[i] === '*') {
        i++;
        const a = next < args.length ? arg(args[next++]) : INVALID;
        return a.type === 'int' || a.type === 'int64' || a.type === 'uint8' ? (a.v as number) : 'bad';
      }
      let digits = '';
      while (/[0-9]/.test(chars[i] ?? '')) digits += chars[i++];
      return digits ? Number(digits) : undefined;
    };
    const width = number();
    if (width === 'bad') out += '%!(BADWIDTH)';
    else if (width !== undefined && width < 0) {
      spec.minus = true;
      spec.width = -width;
    } else spec.width = width;
    if (chars[i] === '.') {
      i++;
      const prec = number();
      if (prec === 'bad' || (typeof prec === 'number' && prec < 0)) out += '%!(BADPREC)';
      else spec.prec = prec ?? 0;
    }
    if (i >= chars.length) {
      out += '%!(NOVERB)';
      break;
    }
    spec.verb = chars[i++];
    if (spec.verb === '%') {
      out += '%';
      continue;
    }
    if (next >= args.length) {
      out += `%!${spec.verb}(MISSING)`;
      continue;
    }
    const a = arg(args[next++]);
    if (spec.verb === 'T') out += pad(goTypeOf(a), spec);
    else if (spec.verb === 'v' && spec.sharp) out += pad(a.type === 'invalid' ? '<nil>' : goSyntax(a.v), spec);
    else out += format(a, spec);
  }
  if (next < args.length) {
    const extra = args.slice(next).map((a) => (arg(a).type === 'invalid' ? '<nil>' : `${goTypeOf(a)}=${format(arg(a), PLAIN)}`));
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}

function badVerb(val: Val, spec: Spec): string {
  if (val.type === 'invalid') return `%!${spec.verb}(<nil>)`;
  return `%!${spec.verb}(${val.type}=${format(val, { ...spec, verb: 'v' })})`;
}

/** One operand under one verb; maps and slices apply the verb to each element. */
function format(val: Val, spec: Spec): string {
  switch (val.type) {
    case 'invalid':
      return spec.verb === 'v' ? pad('<nil>', spec) : badVerb(val, spec);
    case 'interface {}':
      return format(unboxed(val), spec);
    case 'map[string]interface {}': {
      const m = val.v as Record<string, unknown>;
      const keys = Object.keys(m).sort(compareKeys);
      return `map[${keys.map((k) => `${format(concrete(k), spec)}:${formatElement(m[k], spec)}`).join(' ')}]`;
    }
    case '[]interface {}':
      return `[${(val.v as unknown[]).map((e) => formatElement(e, spec)).join(' ')}]`;
    case 'bool':
      return spec.verb === 'v' || spec.verb === 't' ? pad(String(val.v), spec) : badVerb(val, spec);
    case 'string':
      return formatString(val.v as string, spec) ?? badVerb(val, spec);
    case 'float64':
      return formatFloat(val.v as number, spec) ?? badVerb(val, spec);
    default:
      return formatInteger(val.v as number | bigint, spec) ?? badVerb(val, spec);
  }
}

function formatElement(v: unknown, spec: Spec): string {
  const c = concrete(v);
  return c.type === 'invalid' ? (spec.verb === 'v' ? pad('<nil>', spec) : `%!${spec.verb}(<nil>)`) : format(c, spec);
}

function pad(text: string, spec: Spec, zeroAllowed = true): string {
  const length = Array.from(text).length;
  if (spec.width === undefined || length >= spec.width) return text;
  const fill = spec.width - length;
  if (spec.minus) return text + ' '.repeat(fill);
  if (spec.zero && zeroAllowed) {
    const sign = /^[+\- ]/.test(text) ? text[0] : '';
    return sign + '0'.repeat(fill) + text.slice(sign.length);
  }
  return ' '.repeat(fill) + text;
}

function hexBytes(s: string, spec: Spec): string {
  const bytes = Array.from(new TextEncoder().encode(s), (b) => b.toString(16).padStart(2, '0'));
  const prefix = spec.sharp ? '0x' : '';
  const text = spec.space ? bytes.map((b) => prefix + b).join(' ') : prefix + bytes.join('');
  return spec.verb === 'X' ? text.toUpperCase() : text;
}

function formatString(s: string, spec: Spec): string | undefined {
  const limited = spec.prec === undefined ? s : Array.from(s).slice(0, spec.prec).join('');
  switch (spec.verb) {
    case 'v':
    case 's':
      return pad(limited, spec);
    case 'q':
      return pad(spec.sharp && !/[`\p{Cc}]/u.test(limited) ? `\`${limited}\`` : goQuote(limited), spec);
    case 'x':
    case 'X':
      return pad(hexBytes(limited, spec), spec);
    default:
      return undefined;
  }
}

function signed(body: string, negative: boolean, spec: Spec): string {
  return (negative ? '-' : spec.plus ? '+' : spec.space ? ' ' : '') + body;
}

function formatInteger(n: number | bigint, spec: Spec): string | undefined {
  const big = BigInt(n);
  const negative = big < 0n;
  const abs = negative ? -big : big;
  const digits = (radix: number) => {
    const text = abs.toString(radix);
    return spec.prec !== undefined ? text.padStart(spec.prec, '0') : text;
  };
  const zeroAllowed = spec.prec === undefined;
  switch (spec.verb) {
    case 'v':
    case 'd':
      return pad(signed(digits(10), negative, spec), spec, zeroAllowed);
    case 'b':
      return pad(signed(digits(2), negative, spec), spec, zeroAllowed);
    case 'o':
    case 'O': {
      const prefix = spec.verb === 'O' ? '0o' : spec.sharp ? '0' : '';
      return pad(signed(prefix + digits(8), negative, spec), spec, zeroAllowed);
    }
    case 'x':
    case 'X': {
      const text = (spec.sharp ? '0x' : '') + digits(16);
      return pad(signed(spec.verb === 'X' ? text.toUpperCase() : text, negative, spec), spec, zeroAllowed);
    }
    case 'c':
      return pad(String.fromCodePoint(validRune(Number(n))), spec);
    case 'q':
      return pad(quoteRune(validRune(Number(n))), spec);
    case 'U': {
      const code = `U+${abs.toString(16).toUpperCase().padStart(4, '0')}`;
      return pad(spec.sharp ? `${code} '${String.fromCodePoint(validRune(Number(n)))}'` : code, spec);
    }
    default:
      return undefined;
  }
}

function validRune(n: number): number {
  return n < 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff) ? 0xfffd : n;
}

function quoteRune(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if (ch === "'") return "'\\''";
  if (ch === '"') return `'"'`;
  return `'${goQuote(ch).slice(1, -1)}'`;
}

function formatFloat(f: number, spec: Spec): string | undefined {
  const negative = f < 0 || Object.is(f, -0);
  let body: string | undefined;
  if (!Number.isFinite(f)) body = Number.isNaN(f) ? 'NaN' : 'Inf';
  else body = floatText(Math.abs(f), spec.verb, spec.prec, spec.sharp);
  if (body === undefined) return undefined;
  if (Number.isNaN(f)) return pad(spec.plus ? '+NaN' : spec.space ? ' NaN' : 'NaN', spec, false);
  return pad(signed(body, negative, spec), spec, Number.isFinite(f));
}
