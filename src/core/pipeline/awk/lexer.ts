// Tokens of an awk program, including the regex-or-division decision and
// the newlines that end statements.
import { AwkSyntaxError } from './errors';

export type TokenKind =
  | 'number'
  | 'string'
  | 'regex'
  | 'name'
  | 'funcName' // a name directly followed by "(": a user function call
  | 'builtin'
  | 'keyword'
  | 'newline'
  | 'punct'
  | 'eof';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** Numeric value of a number token; decoded text of a string token; raw source of a regex. */
  readonly value: string | number;
  readonly offset: number;
}

export const KEYWORDS = new Set([
  'BEGIN', 'END', 'function', 'func', 'if', 'else', 'while', 'for', 'do', 'break', 'continue', 'next',
  'nextfile', 'exit', 'return', 'delete', 'in', 'getline', 'print', 'printf', 'BEGINFILE', 'ENDFILE',
]);

export const BUILTINS = new Set([
  'length', 'substr', 'index', 'split', 'sub', 'gsub', 'gensub', 'match', 'sprintf', 'sin', 'cos', 'atan2',
  'exp', 'log', 'sqrt', 'int', 'rand', 'srand', 'tolower', 'toupper', 'system', 'close', 'fflush',
  'systime', 'strftime', 'mktime', 'asort', 'asorti', 'patsplit', 'strtonum', 'and', 'or', 'xor',
  'lshift', 'rshift', 'compl', 'typeof', 'isarray',
]);

const PUNCT = [
  '**=', '&&', '||', '==', '<=', '>=', '!=', '++', '--', '+=', '-=', '*=', '/=', '%=', '^=', '>>', '!~', '**',
  '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '=',
];

/** Tokens after which "/" divides; anywhere else it starts a regex. */
function endsOperand(t: Token | undefined): boolean {
  if (!t) return false;
  if (t.kind === 'number' || t.kind === 'string' || t.kind === 'regex' || t.kind === 'name') return true;
  if (t.kind === 'builtin') return t.text === 'length';
  return t.kind === 'punct' && (t.text === ')' || t.text === ']' || t.text === '++' || t.text === '--' || t.text === '$');
}

const STRING_ESCAPES: Record<string, string> = {
  n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v',
};

/** Decodes awk string escapes (\n, \t, \", \NNN octal, \xHH). */
export function decodeEscapes(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c !== '\\' || i + 1 >= raw.length) {
      out += c;
      continue;
    }
    const n = raw[++i]!;
    if (n >= '0' && n <= '7') {
      let digits = n;
      while (digits.length < 3 && raw[i + 1] !== undefined && raw[i + 1]! >= '0' && raw[i + 1]! <= '7') digits += raw[++i];
      out += String.fromCharCode(parseInt(digits, 8));
    } else if (n === 'x' && /[0-9a-fA-F]/.test(raw[i + 1] ?? '')) {
      let digits = '';
      while (digits.length < 2 && /[0-9a-fA-F]/.test(raw[i + 1] ?? '')) digits += raw[++i];
      out += String.fromCharCode(parseInt(digits, 16));
    } else {
      out += STRING_ESCAPES[n] ?? n;
    }
  }
  return out;
}

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, text: string, value: string | number, offset: number) =>
    tokens.push({ kind, text, value, offset });
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '\\' && (src[i + 1] === '\n' || (src[i + 1] === '\r' && src[i + 2] === '\n'))) {
      i += src[i + 1] === '\n' ? 2 : 3;
    } else if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '\n') {
      push('newline', '\n', '\n', i);
      i++;
    } else if (c === '"') {
      const start = i++;
      let raw = '';
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\n') throw new AwkSyntaxError('unterminated string', start);
        if (src[i] === '\\' && i + 1 < src.length) {
          if (src[i + 1] === '\n') {
            i += 2;
            continue;
          }
          raw += src[i]! + src[i + 1]!;
          i += 2;
        } else raw += src[i++];
      }
      if (i >= src.length) throw new AwkSyntaxError('unterminated string', start);
      i++;
      push('string', src.slice(start, i), decodeEscapes(raw), start);
    } else if (c === '/' && !endsOperand(tokens[tokens.length - 1])) {
      const start = i++;
      let raw = '';
      let inBracket = false;
      while (i < src.length && (src[i] !== '/' || inBracket)) {
        if (src[i] === '\n') throw new AwkSyntaxError('unterminated regexp', start);
        if (src[i] === '\\' && i + 1 < src.length) {
          raw += src[i + 1] === '/' ? '/' : src[i]! + src[i + 1]!;
          i += 2;
          continue;
        }
        if (src[i] === '[' && !inBracket) {
          inBracket = true;
          raw += src[i++];
          if (src[i] === '^') raw += src[i++];
          if (src[i] === ']') raw += src[i++];
          continue;
        }
        if (src[i] === ']' && inBracket) inBracket = false;
        raw += src[i++];
      }
      if (i >= src.length) throw new AwkSyntaxError('unterminated regexp', start);
      i++;
      push('regex', src.slice(start, i), raw, start);
    } else if (/[0-9.]/.test(c) && /^(\d|\.\d)/.test(src.slice(i, i + 2))) {
      const m = /^(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(src.slice(i))!;
      const text = m[0];
      push('number', text, /^0[xX]/.test(text) ? parseInt(text, 16) : Number(text), i);
      i += text.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      const word = m[0];
      const start = i;
      i += word.length;
      if (KEYWORDS.has(word)) push('keyword', word, word, start);
      else if (BUILTINS.has(word)) push('builtin', word, word, start);
      else push(src[i] === '(' ? 'funcName' : 'name', word, word, start);
    } else {
      const p = PUNCT.find((x) => src.startsWith(x, i));
      if (!p) throw new AwkSyntaxError(`invalid char '${c}' in expression`, i);
      push('punct', p, p, i);
      i += p.length;
    }
  }
  push('eof', '', '', src.length);
  return tokens;
}
