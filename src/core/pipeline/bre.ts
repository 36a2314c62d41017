// Translates POSIX regular expressions (GNU basic and extended syntax, as
// grep and sed read them in a UTF-8 locale) into JavaScript RegExp source
// for the 'u' flag. Errors carry GNU's wording ("Unmatched ( or \(").
import { bracketToClass, WORD, NOT_WORD, SPACE_CLASS, NOT_SPACE_CLASS } from './brackets';
import { PatternError } from './patternError';

export { PatternError };

export interface Translation {
  readonly source: string;
  /** Has alternation or a quantified group, so the leftmost-first JS match may be shorter than POSIX's longest. */
  readonly hasAlternation: boolean;
  /** Contains anchors, word assertions or back-references (matches depend on surrounding text). */
  readonly contextual: boolean;
  /** GNU's warnings ("* at start of expression"). */
  readonly warnings: string[];
}

type PieceKind = 'atom' | 'quantified' | 'anchor' | 'open' | 'alt';
interface Piece {
  text: string;
  kind: PieceKind;
}

const SYNTAX = new Set(['^', '$', '\\', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '/']);

export function escapeLiteral(ch: string): string {
  return SYNTAX.has(ch) ? `\\${ch}` : ch;
}

const WORD_START = `(?<!${WORD})(?=${WORD})`;
const WORD_END = `(?<=${WORD})(?!${WORD})`;
const WORD_EDGE = `(?:${WORD_START}|${WORD_END})`;
const NOT_WORD_EDGE = `(?:(?<=${WORD})(?=${WORD})|(?<!${WORD})(?!${WORD}))`;

/** 'awk' reads regexps as gawk does: string escapes (\n, \t, \/), \y word boundaries, escapes inside brackets, "." matching newlines. */
export type Dialect = 'grep' | 'awk';

export function translate(pattern: string, extended: boolean, dialect: Dialect = 'grep'): Translation {
  return new Translator(pattern, extended, dialect).run();
}

const AWK_ESCAPES: Record<string, string> = {
  n: '\\n', t: '\\t', r: '\\r', f: '\\f', v: '\\v', a: '\\x07', b: '\\x08', '/': '\\/', '"': '"',
};

class Translator {
  private readonly pieces: Piece[] = [];
  private readonly openGroups: number[] = [];
  private closedGroups = 0;
  private groupCount = 0;
  private hasAlternation = false;
  private contextual = false;
  private readonly warnings: string[] = [];
  private i = 0;

  constructor(
    private readonly p: string,
    private readonly ere: boolean,
    private readonly dialect: Dialect,
  ) {}

  run(): Translation {
    const p = this.p;
    while (this.i < p.length) {
      const ch = p[this.i++]!;
      if (ch === '\\') this.escape();
      else if (ch === '[') this.bracket();
      else if (ch === '.') this.atom(this.dialect === 'awk' ? '[\\s\\S]' : '[^\\n]');
      else if (ch === '*') this.star();
      else if (ch === '^') this.caret();
      else if (ch === '$') this.dollar();
      else if (this.ere && (ch === '+' || ch === '?')) this.quantify(ch, ch);
      else if (this.ere && ch === '{') this.brace();
      else if (this.ere && ch === '(') this.open();
      else if (this.ere && ch === ')' && this.openGroups.length > 0) this.close();
      else if (this.ere && ch === '|') this.alternate();
      else this.atom(escapeLiteral(ch));
    }
    if (this.openGroups.length > 0) throw new PatternError('Unmatched ( or \\(');
    return {
      source: this.pieces.map((x) => x.text).join(''),
      hasAlternation: this.hasAlternation,
      contextual: this.contextual,
      warnings: this.warnings,
    };
  }

  private last(): Piece | undefined {
    return this.pieces[this.pieces.length - 1];
  }

  /** No atom precedes: the start of the expression, a group or an alternative. */
  private atExpressionStart(): boolean {
    const last = this.last();
    return last === undefined || last.kind === 'open' || last.kind === 'alt';
  }

  private atom(text: string): void {
    this.pieces.push({ text, kind: 'atom' });
  }

  private escape(): void {
    const p = this.p;
    if (this.i >= p.length) throw new PatternError('Trailing backslash');
    const ch = p[this.i++]!;
    if (this.dialect === 'awk') {
      if (AWK_ESCAPES[ch] !== undefined) return this.atom(AWK_ESCAPES[ch]);
      if (ch === 'y') return this.assertion(WORD_EDGE);
      if (ch >= '0' && ch <= '7') {
        let digits = ch;
        while (digits.length < 3 && /[0-7]/.test(p[this.i] ?? '')) digits += p[this.i++];
        return this.atom(escapeLiteral(String.fromCharCode(parseInt(digits, 8))));
      }
    }
    if (!this.ere) {
      if (ch === '(') return this.open();
      if (ch === ')') {
        if (this.openGroups.length === 0) throw new PatternError('Unmatched ) or \\)');
        return this.close();
      }
      if (ch === '|') return this.alternate();
      if (ch === '{') return this.interval(true);
      if (ch === '+' || ch === '?') {
        if (this.atExpressionStart()) return this.atom(escapeLiteral(ch));
        return this.quantify(ch, ch);
      }
    }
    if (ch >= '1' && ch <= '9') {
      const n = Number(ch);
      if (n > this.closedGroups) throw new PatternError('Invalid back reference');
      this.contextual = true;
      return this.atom(`\\${n}`);
    }
    switch (ch) {
      case '<':
        return this.assertion(WORD_START);
      case '>':
        return this.assertion(WORD_END);
      case 'b':
        return this.assertion(WORD_EDGE);
      case 'B':
        return this.assertion(NOT_WORD_EDGE);
      case '`':
        return this.assertion('^');
      case "'":
        return this.assertion('$');
      case 'w':
        return this.atom(WORD);
      case 'W':
        return this.atom(NOT_WORD);
      case 's':
        return this.atom(SPACE_CLASS);
      case 'S':
        return this.atom(NOT_SPACE_CLASS);
      default:
        return this.atom(escapeLiteral(ch));
    }
  }

  private assertion(text: string): void {
    this.contextual = true;
    this.pieces.push({ text, kind: 'anchor' });
  }

  private bracket(): void {
    const { cls, end } = bracketToClass(this.p, this.i, this.dialect === 'awk');
    this.i = end;
    this.atom(cls);
  }

  private star(): void {
    if (this.atExpressionStart()) {
      if (this.ere) {
        this.warnings.push('* at start of expression');
        return;
      }
      return this.atom('\\*');
    }
    if (!this.ere && this.last()?.kind === 'anchor' && this.last()?.text === '^') return this.atom('\\*');
    this.quantify('*', '*');
  }

  private caret(): void {
    if (this.ere || this.atExpressionStart()) return this.assertion('^');
    this.atom('\\^');
  }

  private dollar(): void {
    const p = this.p;
    const rest = p.slice(this.i);
    const atEnd = this.ere || rest === '' || rest.startsWith('\\)') || rest.startsWith('\\|');
    if (atEnd) return this.assertion('$');
    this.atom('\\$');
  }

  private brace(): void {
    // In ERE a "{" that does not start a valid interval is an ordinary character.
    const m = /^(\d*)(,(\d*))?\}/.exec(this.p.slice(this.i));
    if (!m || (m[1] === '' && m[2] === undefined)) return this.atom('\\{');
    if (this.atExpressionStart()) {
      this.warnings.push('{...} at start of expression');
      this.i += m[0].length;
      return;
    }
    this.interval(false);
  }

  private interval(basic: boolean): void {
    const close = basic ? '\\}' : '}';
    const endAt = this.p.indexOf(close, this.i);
    if (endAt < 0) throw new PatternError(basic ? 'Unmatched \\{' : 'Unmatched {');
    const body = this.p.slice(this.i, endAt);
    this.i = endAt + close.length;
    const m = /^(\d*)(,(\d*))?$/.exec(body);
    if (!m || (m[1] === '' && m[2] === undefined)) throw new PatternError('Invalid content of \\{\\}');
    const min = m[1] === '' ? 0 : Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? undefined : Number(m[3]);
    if (max !== undefined && max < min) throw new PatternError('Invalid content of \\{\\}');
    if (min > 32767 || (max ?? 0) > 32767) throw new PatternError('Regular expression too big');
    if (this.atExpressionStart()) {
      if (basic) return this.atom(escapeLiteral('{') + body + '\\}');
      return;
    }
    const q = max === undefined ? `{${min},}` : max === min ? `{${min}}` : `{${min},${max}}`;
    this.quantify(q, q);
  }

  private quantify(q: string, literal: string): void {
    const last = this.last();
    if (last === undefined || last.kind === 'open' || last.kind === 'alt') {
      if (this.ere) {
        this.warnings.push(`${literal} at start of expression`);
        return;
      }
      return this.atom(escapeLiteral(literal));
    }
    if (last.text.startsWith('(')) this.hasAlternation = true;
    if (last.kind === 'atom') {
      last.text += q;
      last.kind = 'quantified';
      return;
    }
    last.text = `(?:${last.text})${q}`;
    last.kind = 'quantified';
  }

  private open(): void {
    this.groupCount++;
    this.openGroups.push(this.pieces.length);
    this.pieces.push({ text: '(', kind: 'open' });
  }

  private close(): void {
    const start = this.openGroups.pop()!;
    const inner = this.pieces.splice(start);
    const text = inner.map((x) => x.text).join('') + ')';
    this.closedGroups++;
    this.pieces.push({ text, kind: 'atom' });
  }

  private alternate(): void {
    this.hasAlternation = true;
    this.pieces.push({ text: '|', kind: 'alt' });
  }
}
