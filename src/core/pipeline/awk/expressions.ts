// awk expressions, by precedence: assignment, ?:, ||, &&, in, ~, comparison,
// concatenation, + -, * / %, unary, ^, ++/--, $ and primaries. Inside a print
// statement's argument list ">" is redirection, not comparison (noGt).
import type { Expr, LValue } from './ast';
import { AwkSyntaxError, AwkUnsupported } from './errors';
import type { Token } from './lexer';
import { TokenCursor } from './tokenCursor';

const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '^=', '**=']);
const UNSUPPORTED_BUILTINS: Record<string, string> = {
  system: 'system() (running commands)',
  strftime: 'strftime()',
  mktime: 'mktime()',
  asort: 'asort()',
  asorti: 'asorti()',
  patsplit: 'patsplit()',
};

/** How many arguments gawk's grammar lets each built-in take (and, or, xor and sprintf check theirs when run). */
const ARGUMENT_COUNTS: Record<string, readonly number[]> = {
  length: [0, 1], substr: [2, 3], index: [2], split: [2, 3, 4], sub: [2, 3], gsub: [2, 3], gensub: [3, 4], match: [2, 3],
  sin: [1], cos: [1], atan2: [2], exp: [1], log: [1], sqrt: [1], int: [1], rand: [0], srand: [0, 1],
  tolower: [1], toupper: [1], close: [1, 2], fflush: [0, 1], systime: [0], strtonum: [1],
  lshift: [2], rshift: [2], compl: [1], typeof: [1, 2], isarray: [1],
};

export function isLValue(e: Expr): e is LValue {
  return e.k === 'var' || e.k === 'field' || e.k === 'elem';
}

export class ExpressionParser extends TokenCursor {
  protected exprList(close: string | undefined, noGt = false): Expr[] {
    const items: Expr[] = [];
    if (close !== undefined && this.is(close)) return items;
    for (;;) {
      this.newlines();
      items.push(this.expr(noGt));
      if (!this.accept(',')) break;
    }
    this.newlines();
    return items;
  }

  expr(noGt: boolean): Expr {
    const left = this.ternary(noGt);
    const t = this.peek();
    if (t.kind === 'punct' && ASSIGN_OPS.has(t.text) && isLValue(left)) {
      this.next();
      this.newlines();
      return { k: 'assign', op: t.text === '**=' ? '^=' : t.text, target: left, value: this.expr(noGt) };
    }
    return left;
  }

  private ternary(noGt: boolean): Expr {
    const test = this.or(noGt);
    if (!this.accept('?')) return test;
    this.newlines();
    const yes = this.expr(noGt);
    this.newlines();
    this.expect(':');
    this.newlines();
    return { k: 'cond', test, yes, no: this.expr(noGt) };
  }

  private or(noGt: boolean): Expr {
    let a = this.and(noGt);
    while (this.accept('||')) {
      this.newlines();
      a = { k: 'logic', op: '||', a, b: this.and(noGt) };
    }
    return a;
  }

  private and(noGt: boolean): Expr {
    let a = this.inExpr(noGt);
    while (this.accept('&&')) {
      this.newlines();
      a = { k: 'logic', op: '&&', a, b: this.inExpr(noGt) };
    }
    return a;
  }

  private inExpr(noGt: boolean): Expr {
    let a = this.matchExpr(noGt);
    while (this.is('in')) {
      this.next();
      const name = this.next();
      if (name.kind !== 'name') this.fail(name);
      a = { k: 'in', subs: [a], name: name.text };
    }
    return a;
  }

  private matchExpr(noGt: boolean): Expr {
    let a = this.comparison(noGt);
    while (this.is('~') || this.is('!~')) {
      const negate = this.next().text === '!~';
      a = { k: 'match', negate, subject: a, re: this.comparison(noGt) };
    }
    return a;
  }

  private comparison(noGt: boolean): Expr {
    const a = this.concat(noGt);
    const t = this.peek();
    if (this.is('|') && this.is('getline', 1)) throw new AwkUnsupported('getline');
    if (t.kind === 'punct' && ['<', '<=', '==', '!=', '>=', '>'].includes(t.text) && !(noGt && t.text === '>')) {
      this.next();
      return { k: 'binary', op: t.text, a, b: this.concat(noGt) };
    }
    return a;
  }

  private startsOperand(): boolean {
    const t = this.peek();
    if (t.kind === 'number' || t.kind === 'string' || t.kind === 'regex' || t.kind === 'name') return true;
    if (t.kind === 'funcName' || t.kind === 'builtin') return true;
    if (t.kind === 'keyword') return t.text === 'getline';
    return t.kind === 'punct' && ['$', '(', '++', '--'].includes(t.text);
  }

  protected concat(noGt: boolean): Expr {
    let a = this.additive(noGt);
    while (this.startsOperand() && !this.is('in')) {
      a = { k: 'binary', op: 'concat', a, b: this.additive(noGt) };
    }
    return a;
  }

  private additive(noGt: boolean): Expr {
    let a = this.multiplicative(noGt);
    while (this.is('+') || this.is('-')) {
      const op = this.next().text;
      a = { k: 'binary', op, a, b: this.multiplicative(noGt) };
    }
    return a;
  }

  private multiplicative(noGt: boolean): Expr {
    let a = this.unary(noGt);
    while (this.is('*') || this.is('/') || this.is('%')) {
      const op = this.next().text;
      a = { k: 'binary', op, a, b: this.unary(noGt) };
    }
    return a;
  }

  private unary(noGt: boolean): Expr {
    if (this.is('!') || this.is('-') || this.is('+')) {
      const op = this.next().text as '!' | '-' | '+';
      return { k: 'unary', op, a: this.unary(noGt) };
    }
    return this.power(noGt);
  }

  private power(noGt: boolean): Expr {
    const base = this.postfix();
    if (this.is('^') || this.is('**')) {
      this.next();
      return { k: 'binary', op: '^', a: base, b: this.unary(noGt) };
    }
    return base;
  }

  private postfix(): Expr {
    const e = this.primary();
    if (isLValue(e) && (this.is('++') || this.is('--'))) {
      const op = this.next().text as '++' | '--';
      return { k: 'incdec', op, prefix: false, target: e };
    }
    return e;
  }

  private primary(): Expr {
    const t = this.next();
    switch (t.kind) {
      case 'number':
        return { k: 'num', v: t.value as number };
      case 'string':
        return { k: 'str', v: t.value as string };
      case 'regex':
        return { k: 'regex', source: t.value as string };
      case 'name':
        if (this.accept('[')) {
          const subs = this.exprList(']');
          this.expect(']');
          return { k: 'elem', name: t.text, subs };
        }
        return { k: 'var', name: t.text };
      case 'funcName': {
        this.expect('(');
        const args = this.exprList(')');
        this.expect(')');
        return { k: 'ucall', name: t.text, args };
      }
      case 'builtin':
        return this.builtinCall(t);
      case 'keyword':
        if (t.text === 'getline') throw new AwkUnsupported('getline');
        return this.fail(t);
      case 'punct':
        return this.punctPrimary(t);
      default:
        return this.fail(t);
    }
  }

  private builtinCall(t: Token): Expr {
    const unsupported = UNSUPPORTED_BUILTINS[t.text];
    if (unsupported) throw new AwkUnsupported(unsupported);
    if (!this.is('(')) {
      if (t.text === 'length') return { k: 'call', name: 'length', args: [] };
      this.fail();
    }
    this.next();
    const args = this.exprList(')');
    const close = this.expect(')');
    const counts = ARGUMENT_COUNTS[t.text];
    if (counts && !counts.includes(args.length)) throw new AwkSyntaxError(`${args.length} is invalid as number of arguments for ${t.text}`, close.offset);
    return { k: 'call', name: t.text, args };
  }

  private punctPrimary(t: Token): Expr {
    if (t.text === '$') {
      if (this.is('++') || this.is('--')) {
        const op = this.next().text as '++' | '--';
        const target = this.primary();
        if (!isLValue(target)) this.fail();
        return { k: 'field', index: { k: 'incdec', op, prefix: true, target } };
      }
      if (this.is('-') || this.is('!') || this.is('+')) {
        const op = this.next().text as '!' | '-' | '+';
        return { k: 'field', index: { k: 'unary', op, a: this.primary() } };
      }
      return { k: 'field', index: this.primary() };
    }
    if (t.text === '(') {
      const first = this.expr(false);
      if (this.is(',')) {
        const items = [first];
        while (this.accept(',')) {
          this.newlines();
          items.push(this.expr(false));
        }
        this.expect(')');
        if (!this.is('in')) return { k: 'list', items };
        this.next();
        const name = this.next();
        if (name.kind !== 'name') this.fail(name);
        return { k: 'in', subs: items, name: name.text };
      }
      this.expect(')');
      return { k: 'group', e: first };
    }
    if (t.text === '++' || t.text === '--') {
      const target = this.primary();
      if (!isLValue(target)) this.fail();
      return { k: 'incdec', op: t.text, prefix: true, target };
    }
    if (t.text === '-' || t.text === '+' || t.text === '!') {
      return { k: 'unary', op: t.text, a: this.unary(false) };
    }
    return this.fail(t);
  }
}
