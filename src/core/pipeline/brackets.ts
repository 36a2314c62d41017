// POSIX bracket expressions ([a-z], [^[:space:]], []abc]) as JavaScript
// 'u'-mode character classes, with glibc's UTF-8 class membership.
import { PatternError } from './patternError';

export const WORD_CHARS = '\\p{L}\\p{N}_';
export const WORD = `[${WORD_CHARS}]`;
export const NOT_WORD = `[^${WORD_CHARS}]`;
const SPACE_CHARS = ' \\t\\n\\v\\f\\r\\u1680\\u2000-\\u2006\\u2008-\\u200a\\u2028\\u2029\\u205f\\u3000';
const BLANK_CHARS = ' \\t\\u1680\\u2000-\\u2006\\u2008-\\u200a\\u205f\\u3000';
export const SPACE_CLASS = `[${SPACE_CHARS}]`;
export const NOT_SPACE_CLASS = `[^${SPACE_CHARS}]`;

/** Class contents (for use inside [...]) of each POSIX character class name. */
export const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alpha: '\\p{L}',
  digit: '0-9',
  alnum: '\\p{L}\\p{Nd}',
  upper: '\\p{Lu}',
  lower: '\\p{Ll}',
  space: SPACE_CHARS,
  blank: BLANK_CHARS,
  punct: '!-\\/:-@\\[-`{-~\\p{P}\\p{S}',
  cntrl: '\\p{Cc}',
  print: '\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}\\p{Zs}',
  graph: '\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}',
  xdigit: '0-9A-Fa-f',
};

const CLASS_SPECIAL = new Set(['\\', ']', '[', '^', '-']);

function classLiteral(ch: string): string {
  return CLASS_SPECIAL.has(ch) ? `\\${ch}` : ch;
}

const UNMATCHED = 'Unmatched [, [^, [:, [., or [=';

/** Reads the bracket expression starting just after "[" at index start. */
const BRACKET_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b' };

/** With `escapes` (awk), a backslash inside brackets escapes the next character (\], \t). */
export function bracketToClass(p: string, start: number, escapes = false): { cls: string; end: number } {
  let i = start;
  let negate = false;
  if (p[i] === '^') {
    negate = true;
    i++;
  }
  const contentStart = i;
  const parts: string[] = [];
  let first = true;
  let prev: string | undefined; // last single character, a possible range start
  for (;;) {
    if (i >= p.length) throw new PatternError(UNMATCHED);
    let ch = String.fromCodePoint(p.codePointAt(i)!);
    if (escapes && ch === '\\' && i + 1 < p.length) {
      const e = String.fromCodePoint(p.codePointAt(i + 1)!);
      ch = BRACKET_ESCAPES[e] ?? e;
      first = false;
      parts.push(classLiteral(ch));
      prev = ch;
      i += 1 + e.length;
      continue;
    }
    if (ch === ']' && !first) {
      i++;
      break;
    }
    first = false;
    if (ch === '[' && (p[i + 1] === ':' || p[i + 1] === '=' || p[i + 1] === '.')) {
      const kind = p[i + 1]!;
      const close = p.indexOf(`${kind}]`, i + 2);
      if (close < 0) throw new PatternError(UNMATCHED);
      const name = p.slice(i + 2, close);
      i = close + 2;
      if (kind === ':') {
        const members = POSIX_CLASSES[name];
        if (members === undefined) throw new PatternError('Invalid character class name');
        parts.push(members);
        prev = undefined;
      } else {
        const lit = kind === '.' && name === 'space' ? ' ' : name;
        if ([...lit].length !== 1) throw new PatternError('Invalid collation character');
        prev = lit;
        parts.push(classLiteral(lit));
      }
      continue;
    }
    if (ch === '-' && prev !== undefined && p[i + 1] !== ']' && i + 1 < p.length) {
      // A range: prev-end.
      let endCh = String.fromCodePoint(p.codePointAt(i + 1)!);
      let next = i + 1 + endCh.length;
      if (endCh === '[' && (p[i + 2] === '.' || p[i + 2] === '=')) {
        const close = p.indexOf(`${p[i + 2]}]`, i + 3);
        if (close < 0) throw new PatternError(UNMATCHED);
        endCh = p.slice(i + 3, close);
        next = close + 2;
      }
      // In a UTF-8 locale GNU grep refuses ranges whose ends are not ASCII.
      if (!escapes && (prev.codePointAt(0)! > 0x7f || endCh.codePointAt(0)! > 0x7f)) {
        throw new PatternError('Invalid collation character');
      }
      if (endCh.codePointAt(0)! < prev.codePointAt(0)!) throw new PatternError('Invalid range end');
      parts.pop();
      parts.push(`${classLiteral(prev)}-${classLiteral(endCh)}`);
      prev = undefined;
      i = next;
      continue;
    }
    parts.push(classLiteral(ch));
    prev = ch;
    i += ch.length;
  }
  const content = p.slice(contentStart, i - 1);
  if (content.length >= 2 && content.startsWith(':') && content.endsWith(':') && /[^:]/.test(content)) {
    throw new PatternError('character class syntax is [[:space:]], not [:space:]');
  }
  return { cls: `[${negate ? '^' : ''}${parts.join('')}]`, end: i };
}
