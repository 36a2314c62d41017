// Command lines -> statements, pipelines and simple commands.

import { ShellSyntaxError, type Pipeline, type Redirect, type Script, type SimpleCommand, type Statement, type Word } from './ast';
import { Lexer, type Token } from './lexer';
import { wordText } from './words';

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;

export function parseScript(src: string): Script {
  return new Parser(src).script();
}

class Parser {
  private readonly lexer: Lexer;
  private token: Token;

  constructor(private readonly src: string) {
    this.lexer = new Lexer(src);
    this.token = this.lexer.next();
  }

  script(): Script {
    const statements: Statement[] = [];
    for (;;) {
      this.skipSeparators();
      if (this.token.type === 'eof') return { statements };
      statements.push(this.statement());
      // Read through a method: TypeScript keeps the narrowing of `this.token` above.
      const t = this.current();
      if (t.type === 'op' && (t.op === ';' || t.op === '&')) {
        if (t.op === '&') this.markBackground(statements[statements.length - 1]);
        this.advance();
      } else if (t.type !== 'newline' && t.type !== 'eof') {
        throw new ShellSyntaxError(`unexpected '${this.describe(t)}'`, t.line);
      }
    }
  }

  private statement(): Statement {
    const start = this.token.start;
    const line = this.token.line;
    const first = this.pipeline();
    const rest: Statement['rest'] = [];
    while (this.token.type === 'op' && (this.token.op === '&&' || this.token.op === '||')) {
      const op = this.token.op;
      this.advance();
      this.skipNewlines();
      rest.push({ op, pipeline: this.pipeline() });
    }
    return { first, rest, line, text: this.src.slice(start, this.lastEnd).trim() };
  }

  private lastEnd = 0;

  private pipeline(): Pipeline {
    let negated = false;
    if (this.token.type === 'op' && this.token.op === '!') {
      negated = true;
      this.advance();
    }
    const commands = [this.command()];
    while (this.token.type === 'op' && this.token.op === '|') {
      this.advance();
      this.skipNewlines();
      commands.push(this.command());
    }
    return { commands, negated, background: false };
  }

  private command(): SimpleCommand {
    const start = this.token.start;
    const line = this.token.line;
    const command: SimpleCommand = { assignments: [], words: [], redirects: [], line, text: '' };
    for (;;) {
      const t = this.token;
      if (t.type === 'word') {
        const assignment = command.words.length === 0 ? asAssignment(t.word) : undefined;
        if (assignment) command.assignments.push(assignment);
        else command.words.push(t.word);
        this.advance();
      } else if (t.type === 'op' && isRedirect(t.op)) {
        command.redirects.push(this.redirect(t.op));
      } else break;
    }
    if (command.words.length === 0 && command.assignments.length === 0 && command.redirects.length === 0) {
      const t = this.token;
      throw new ShellSyntaxError(t.type === 'eof' || t.type === 'newline' ? 'a command is missing at the end of the line' : `unexpected '${this.describe(t)}'`, t.line);
    }
    command.text = this.src.slice(start, this.lastEnd).trim();
    return command;
  }

  private redirect(op: Redirect['op']): Redirect {
    const line = this.token.line;
    this.advance();
    if (op === '2>&1' || op === '>&2') return { op };
    const t = this.token;
    if (t.type !== 'word') throw new ShellSyntaxError(`'${op}' needs a file name after it`, line);
    if (op === '<<' || op === '<<-') {
      // Registered before the lexer moves on, so the body is read after this line.
      const redirect: Redirect = { op, heredocExpands: !t.word.parts.some((p) => p.kind === 'literal' && p.quoted) };
      this.lexer.expectHeredoc({
        delimiter: wordText(t.word),
        stripTabs: op === '<<-',
        resolve: (body) => (redirect.heredoc = body),
      });
      this.advance();
      return redirect;
    }
    this.advance();
    return { op, target: t.word };
  }

  private markBackground(statement: Statement): void {
    const last = statement.rest.length ? statement.rest[statement.rest.length - 1].pipeline : statement.first;
    last.background = true;
  }

  private current(): Token {
    return this.token;
  }

  private advance(): void {
    this.lastEnd = this.token.end;
    this.token = this.lexer.next();
  }

  private skipNewlines(): void {
    while (this.token.type === 'newline') this.advance();
  }

  private skipSeparators(): void {
    while (this.token.type === 'newline' || (this.token.type === 'op' && this.token.op === ';')) this.advance();
  }

  private describe(t: Token): string {
    return t.type === 'op' ? t.op : t.type === 'word' ? t.word.raw : t.type;
  }
}

function isRedirect(op: string): op is Redirect['op'] {
  return ['>', '>>', '<', '2>', '2>>', '2>&1', '>&2', '&>', '<<', '<<-', '<<<'].includes(op);
}

function asAssignment(word: Word): { name: string; value: Word } | undefined {
  const first = word.parts[0];
  if (!first || first.kind !== 'literal' || first.quoted) return undefined;
  const match = ASSIGNMENT.exec(first.text);
  if (!match) return undefined;
  const rest = first.text.slice(match[0].length);
  const parts = [...(rest ? [{ ...first, text: rest }] : []), ...word.parts.slice(1)];
  return { name: match[1], value: { parts: parts.length ? parts : [{ kind: 'literal', text: '', quoted: true }], raw: word.raw.slice(match[0].length) } };
}
