// Splits command lines into words and operators the way a POSIX shell does:
// quotes, escapes, backslash continuations, comments, `$VAR`, here-documents.
// Placeholders written as `<name>` are recognised as words, not redirections.

import { ShellSyntaxError, type RedirectOp, type Word, type WordPart } from './ast';

export type Token =
  | { type: 'word'; word: Word; start: number; end: number; line: number }
  | { type: 'op'; op: Operator; start: number; end: number; line: number }
  | { type: 'newline'; start: number; end: number; line: number }
  | { type: 'eof'; start: number; end: number; line: number };

export type Operator = '|' | '||' | '&&' | '&' | ';' | '!' | RedirectOp;

const REDIRECTS: readonly RedirectOp[] = ['2>&1', '2>>', '<<<', '<<-', '>&2', '&>', '2>', '>>', '<<', '>', '<'];
const CONTROL: readonly Operator[] = ['||', '&&', '|', '&', ';'];
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const PLACEHOLDER = /<([A-Za-z_][A-Za-z0-9_.:/-]*(?:[ |][A-Za-z0-9_.:/-]+)*)>/y;

export interface PendingHeredoc {
  delimiter: string;
  stripTabs: boolean;
  /** Filled when the line after the operator is reached. */
  resolve(body: string): void;
}

export class Lexer {
  private pos = 0;
  private line = 0;
  private readonly heredocs: PendingHeredoc[] = [];

  constructor(private readonly src: string) {}

  get position(): number {
    return this.pos;
  }

  /** Registers a here-document whose body starts after the current line. */
  expectHeredoc(heredoc: PendingHeredoc): void {
    this.heredocs.push(heredoc);
  }

  next(): Token {
    this.skipBlanks();
    const start = this.pos;
    const line = this.line;
    const c = this.src[this.pos];
    if (c === undefined) return { type: 'eof', start, end: start, line };
    if (c === '\n') {
      this.pos++;
      this.line++;
      this.readHeredocBodies();
      return { type: 'newline', start, end: this.pos, line };
    }
    if (c === '#') {
      while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      return this.next();
    }
    if (c === '(' || c === ')' || c === '{' && this.src[this.pos + 1] === ' ') {
      throw new ShellSyntaxError(`'${c}' groups commands in a subshell or block, which runbook cells do not run; write the commands one per line`, line);
    }
    const op = this.readOperator();
    if (op) return { type: 'op', op, start, end: this.pos, line };
    const word = this.readWord();
    return { type: 'word', word, start, end: this.pos, line };
  }

  private skipBlanks(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') {
        this.pos += 2;
        this.line++;
      } else return;
    }
  }

  private readOperator(): Operator | undefined {
    const rest = this.src.startsWith.bind(this.src);
    if (this.src[this.pos] === '<' && this.placeholderAt(this.pos)) return undefined;
    if (this.src[this.pos] === '!' && /[ \t]/.test(this.src[this.pos + 1] ?? '')) {
      this.pos++;
      return '!';
    }
    for (const op of [...REDIRECTS, ...CONTROL]) {
      if (rest(op, this.pos)) {
        // `2>` only at the start of a word: `a2>b` is a word then `>`.
        this.pos += op.length;
        return op;
      }
    }
    return undefined;
  }

  private placeholderAt(at: number): RegExpExecArray | null {
    PLACEHOLDER.lastIndex = at;
    return PLACEHOLDER.exec(this.src);
  }

  private readWord(): Word {
    const start = this.pos;
    const parts: WordPart[] = [];
    const literal = (text: string, quoted: boolean) => {
      const last = parts[parts.length - 1];
      if (last && last.kind === 'literal' && last.quoted === quoted) last.text += text;
      else parts.push({ kind: 'literal', text, quoted });
    };
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\r') break;
      if (c === '|' || c === '&' || c === ';' || c === '>' || c === '(' || c === ')') break;
      if (c === '<') {
        const match = this.placeholderAt(this.pos);
        if (!match) break;
        parts.push({ kind: 'placeholder', name: match[1] });
        this.pos += match[0].length;
        continue;
      }
      if (c === '\\') {
        const n = this.src[this.pos + 1];
        if (n === '\n') {
          this.pos += 2;
          this.line++;
          continue;
        }
        if (n !== undefined) literal(n, true);
        this.pos += 2;
        continue;
      }
      if (c === "'") {
        const close = this.src.indexOf("'", this.pos + 1);
        if (close < 0) throw new ShellSyntaxError('unterminated single quote', this.line);
        literal(this.src.slice(this.pos + 1, close), true);
        this.countLines(this.pos, close);
        this.pos = close + 1;
        continue;
      }
      if (c === '"') {
        this.readDoubleQuoted(parts, literal);
        continue;
      }
      if (c === '$' && this.src[this.pos + 1] === "'") {
        literal(this.readAnsiC(), true);
        continue;
      }
      if (c === '$' || c === '`') {
        if (!this.readExpansion(parts, false)) literal('$', false);
        continue;
      }
      literal(c, false);
      this.pos++;
    }
    return { parts, raw: this.src.slice(start, this.pos) };
  }

  private readDoubleQuoted(parts: WordPart[], literal: (t: string, q: boolean) => void): void {
    this.pos++;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) throw new ShellSyntaxError('unterminated double quote', this.line);
      if (c === '"') {
        this.pos++;
        // An empty "" still makes a word.
        if (parts.length === 0) literal('', true);
        return;
      }
      if (c === '\\') {
        const n = this.src[this.pos + 1];
        if (n === '\n') {
          this.line++;
          this.pos += 2;
        } else if (n === '"' || n === '\\' || n === '$' || n === '`') {
          literal(n, true);
          this.pos += 2;
        } else {
          literal('\\', true);
          this.pos++;
        }
        continue;
      }
      if ((c === '$' || c === '`') && this.readExpansion(parts, true)) continue;
      if (c === '\n') this.line++;
      literal(c, true);
      this.pos++;
    }
  }

  /** `$NAME`, `${NAME}`, `${NAME:-x}`, `$(...)`, backticks. False for a lone `$`. */
  private readExpansion(parts: WordPart[], quoted: boolean): boolean {
    const c = this.src[this.pos];
    if (c === '`') {
      const close = this.src.indexOf('`', this.pos + 1);
      if (close < 0) throw new ShellSyntaxError('unterminated backquote', this.line);
      parts.push({ kind: 'substitution', text: this.src.slice(this.pos, close + 1) });
      this.pos = close + 1;
      return true;
    }
    const n = this.src[this.pos + 1];
    if (n === '(') {
      const close = this.matchParen(this.pos + 1);
      parts.push({ kind: 'substitution', text: this.src.slice(this.pos, close + 1) });
      this.pos = close + 1;
      return true;
    }
    if (n === '{') {
      const close = this.src.indexOf('}', this.pos + 2);
      if (close < 0) throw new ShellSyntaxError("unterminated '${'", this.line);
      const inner = this.src.slice(this.pos + 2, close);
      const match = /^([A-Za-z_][A-Za-z0-9_]*)(?::?-(.*))?$/s.exec(inner);
      // Other forms (${X#prefix}, ${#X}, ...) need a real shell.
      if (match) parts.push({ kind: 'variable', name: match[1], quoted, fallback: match[2] });
      else parts.push({ kind: 'substitution', text: this.src.slice(this.pos, close + 1) });
      this.pos = close + 1;
      return true;
    }
    NAME.lastIndex = this.pos + 1;
    const name = NAME.exec(this.src);
    if (name) {
      parts.push({ kind: 'variable', name: name[0], quoted });
      this.pos += 1 + name[0].length;
      return true;
    }
    if (n !== undefined && /[0-9@*#?$!-]/.test(n)) {
      parts.push({ kind: 'substitution', text: '$' + n });
      this.pos += 2;
      return true;
    }
    this.pos++;
    return false;
  }

  private readAnsiC(): string {
    let out = '';
    this.pos += 2;
    const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', e: '\x1b', '0': '\0' };
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) throw new ShellSyntaxError("unterminated $'", this.line);
      if (c === "'") {
        this.pos++;
        return out;
      }
      if (c === '\\') {
        const n = this.src[this.pos + 1] ?? '';
        out += escapes[n] ?? '\\' + n;
        this.pos += 2;
        continue;
      }
      out += c;
      this.pos++;
    }
  }

  private matchParen(open: number): number {
    let depth = 0;
    for (let i = open; i < this.src.length; i++) {
      if (this.src[i] === '(') depth++;
      else if (this.src[i] === ')' && --depth === 0) return i;
    }
    throw new ShellSyntaxError("unterminated '$('", this.line);
  }

  private countLines(from: number, to: number): void {
    for (let i = from; i < to; i++) if (this.src[i] === '\n') this.line++;
  }

  private readHeredocBodies(): void {
    while (this.heredocs.length) {
      const heredoc = this.heredocs.shift()!;
      const lines: string[] = [];
      for (;;) {
        if (this.pos >= this.src.length) {
          throw new ShellSyntaxError(`here-document ends before its delimiter '${heredoc.delimiter}'`, this.line);
        }
        let end = this.src.indexOf('\n', this.pos);
        if (end < 0) end = this.src.length;
        let text = this.src.slice(this.pos, end).replace(/\r$/, '');
        this.pos = Math.min(end + 1, this.src.length);
        this.line++;
        if (heredoc.stripTabs) text = text.replace(/^\t+/, '');
        if (text === heredoc.delimiter) break;
        lines.push(text);
      }
      heredoc.resolve(lines.length ? lines.join('\n') + '\n' : '');
    }
  }
}
