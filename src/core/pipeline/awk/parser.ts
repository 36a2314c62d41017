// A recursive-descent parser for awk programs (POSIX grammar plus the gawk
// forms people write on a command line): rules, functions and statements.
import type { AwkFunction, AwkProgram, LValue, Pattern, Rule, Stmt, Expr } from './ast';
import { AwkUnsupported } from './errors';
import { ExpressionParser } from './expressions';
import { tokenize, type Token } from './lexer';

export function parseProgram(src: string): AwkProgram {
  return new Parser(tokenize(src)).program();
}

class Parser extends ExpressionParser {
  private readonly functions = new Map<string, AwkFunction>();

  program(): AwkProgram {
    const rules: Rule[] = [];
    this.terminators();
    while (this.peek().kind !== 'eof') {
      if (this.is('function') || this.is('func')) this.functionDef();
      else rules.push(this.rule());
      this.terminators();
    }
    return { rules, functions: this.functions };
  }

  private functionDef(): void {
    this.next();
    const nameToken = this.next();
    if (nameToken.kind !== 'name' && nameToken.kind !== 'funcName') this.fail(nameToken);
    this.expect('(');
    const params: string[] = [];
    while (!this.is(')')) {
      const p = this.next();
      if (p.kind !== 'name') this.fail(p);
      params.push(p.text);
      if (!this.accept(',')) break;
      this.newlines();
    }
    this.expect(')');
    this.newlines();
    this.functions.set(nameToken.text, { name: nameToken.text, params, body: this.action() });
  }

  private rule(): Rule {
    let pattern: Pattern;
    if (this.accept('BEGIN')) pattern = { k: 'begin' };
    else if (this.accept('END')) pattern = { k: 'end' };
    else if (this.is('BEGINFILE') || this.is('ENDFILE')) throw new AwkUnsupported(`${this.peek().text} rules`);
    else if (this.is('{')) pattern = { k: 'always' };
    else {
      const from = this.expr(false);
      if (this.accept(',')) {
        this.newlines();
        pattern = { k: 'range', from, to: this.expr(false) };
      } else pattern = { k: 'expr', e: from };
    }
    if (pattern.k === 'begin' || pattern.k === 'end') return { pattern, action: this.action() };
    if (this.is('{')) return { pattern, action: this.action() };
    const t = this.peek();
    if (t.kind !== 'newline' && t.kind !== 'eof' && !this.is(';')) this.fail(t);
    return { pattern, action: undefined };
  }

  private action(): Stmt[] {
    this.expect('{');
    const body = this.statements();
    this.expect('}');
    return body;
  }

  private statements(): Stmt[] {
    const body: Stmt[] = [];
    this.terminators();
    while (!this.is('}') && this.peek().kind !== 'eof') {
      body.push(this.statement());
      this.terminators();
    }
    return body;
  }

  private endSimple(): void {
    const t = this.peek();
    if (t.kind === 'newline' || this.is(';')) {
      this.next();
      return;
    }
    if (this.is('}') || t.kind === 'eof') return;
    this.fail(t);
  }

  private statement(): Stmt {
    const t = this.peek();
    if (this.is('{')) {
      this.next();
      const body = this.statements();
      this.expect('}');
      return { k: 'block', body };
    }
    if (this.accept('if')) {
      this.expect('(');
      const test = this.expr(false);
      this.expect(')');
      this.newlines();
      const then = this.simpleOrEmpty();
      const save = this.pos;
      this.terminators();
      if (this.accept('else')) {
        this.newlines();
        return { k: 'if', test, then, else: this.simpleOrEmpty() };
      }
      this.pos = save;
      return { k: 'if', test, then };
    }
    if (this.accept('while')) {
      this.expect('(');
      const test = this.expr(false);
      this.expect(')');
      if (this.accept(';')) return { k: 'while', test, body: { k: 'block', body: [] } };
      this.newlines();
      return { k: 'while', test, body: this.simpleOrEmpty() };
    }
    if (this.accept('do')) {
      this.newlines();
      const body = this.simpleOrEmpty();
      this.terminators();
      this.expect('while');
      this.expect('(');
      const test = this.expr(false);
      this.expect(')');
      this.endSimple();
      return { k: 'do', body, test };
    }
    if (this.accept('for')) return this.forStatement();
    if (this.accept(';')) return { k: 'block', body: [] };
    const s = this.simple(t);
    this.endSimple();
    return s;
  }

  /** A statement in an if/while/do body; a lone ";" is an empty statement. */
  private simpleOrEmpty(): Stmt {
    if (this.accept(';')) return { k: 'block', body: [] };
    return this.statement();
  }

  private forStatement(): Stmt {
    this.expect('(');
    const inForm =
      (this.peek().kind === 'name' && this.is('in', 1) && this.peek(2).kind === 'name' && this.is(')', 3)) ||
      (this.is('(') && this.peek(1).kind === 'name' && this.is('in', 2) && this.peek(3).kind === 'name' && this.is(')', 4));
    if (inForm) {
      const paren = this.accept('(');
      const key: LValue = { k: 'var', name: this.next().text };
      this.next();
      const name = this.next().text;
      this.expect(')');
      if (paren) this.expect(')');
      this.newlines();
      return { k: 'forIn', key, name, body: this.simpleOrEmpty() };
    }
    const init = this.is(';') ? undefined : this.simple(this.peek());
    this.expect(';');
    this.newlines();
    const test = this.is(';') ? undefined : this.expr(false);
    this.expect(';');
    this.newlines();
    const step = this.is(')') ? undefined : this.simple(this.peek());
    this.expect(')');
    if (this.accept(';')) return { k: 'for', init, test, step, body: { k: 'block', body: [] } };
    this.newlines();
    return { k: 'for', init, test, step, body: this.simpleOrEmpty() };
  }

  private simple(t: Token): Stmt {
    if (t.kind === 'keyword') {
      switch (t.text) {
        case 'print':
        case 'printf':
          return this.print();
        case 'next':
          this.next();
          return { k: 'next' };
        case 'nextfile':
          this.next();
          return { k: 'nextfile' };
        case 'break':
          this.next();
          return { k: 'break' };
        case 'continue':
          this.next();
          return { k: 'continue' };
        case 'exit':
        case 'return': {
          this.next();
          const ends = this.peek().kind === 'newline' || this.is(';') || this.is('}') || this.peek().kind === 'eof';
          const value = ends ? undefined : this.expr(false);
          return t.text === 'exit' ? { k: 'exit', code: value } : { k: 'return', value };
        }
        case 'delete': {
          this.next();
          const name = this.next();
          if (name.kind !== 'name') this.fail(name);
          if (!this.accept('[')) return { k: 'delete', name: name.text };
          const subs = this.exprList(']');
          this.expect(']');
          return { k: 'delete', name: name.text, subs };
        }
        case 'getline':
          throw new AwkUnsupported('getline');
        default:
          break;
      }
    }
    return { k: 'expr', e: this.expr(false) };
  }

  private print(): Stmt {
    const kind = this.next().text as 'print' | 'printf';
    let args: Expr[] = [];
    const ends = () =>
      this.peek().kind === 'newline' || this.is(';') || this.is('}') || this.is('>') || this.is('>>') || this.is('|') || this.peek().kind === 'eof';
    if (this.is('(')) {
      const save = this.pos;
      this.next();
      const list = this.exprList(')');
      if (this.accept(')') && ends()) args = list;
      else {
        this.pos = save;
        args = this.exprList(undefined, true);
      }
    } else if (!ends()) {
      args = this.exprList(undefined, true);
    }
    if (kind === 'printf' && args.length === 0) this.fail();
    let dest: Expr | undefined;
    if (this.is('|')) throw new AwkUnsupported('output to a command (print | "command")');
    if (this.accept('>') || this.accept('>>')) {
      dest = this.concat(true);
      if (dest.k === 'str' && dest.v !== '/dev/stdout' && dest.v !== '/dev/stderr' && dest.v !== '-') {
        throw new AwkUnsupported(`output to a file (print > "${dest.v}")`);
      }
    }
    return { k: kind, args, dest };
  }
}
