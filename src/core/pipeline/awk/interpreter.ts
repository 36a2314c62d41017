// Runs an awk program: BEGIN, one record at a time, END.
import type { PosixRegex } from '../posixRegex';
import type { AwkFunction, AwkProgram, Expr, LValue, Rule, Stmt } from './ast';
import { callBuiltin, formatArgs, type Evaluator } from './builtins';
import { AwkFatal } from './errors';
import { sprintf } from './format';
import { AwkRuntime, isArray, type AwkArray, type Slot } from './runtime';
import { compareValues, isTrue, numberToString, toNumber, UNINIT, type Value } from './values';

type Flow = undefined | 'break' | 'continue' | 'next' | 'exit' | { value: Value };

const MAX_CALL_DEPTH = 1000;

export class AwkInterpreter implements Evaluator {
  readonly rt: AwkRuntime;
  exitCode = 0;
  exiting = false;
  private readonly inRange: boolean[];

  constructor(
    private readonly program: AwkProgram,
    env: Record<string, string | undefined>,
  ) {
    this.rt = new AwkRuntime(env);
    this.inRange = program.rules.map(() => false);
  }

  get hasMainRules(): boolean {
    return this.program.rules.some((r) => r.pattern.k !== 'begin' && r.pattern.k !== 'end');
  }

  get hasEndRules(): boolean {
    return this.program.rules.some((r) => r.pattern.k === 'end');
  }

  runBegin(): void {
    this.runRules((r) => r.pattern.k === 'begin');
  }

  runEnd(): void {
    this.exiting = false;
    this.runRules((r) => r.pattern.k === 'end');
  }

  private runRules(which: (r: Rule) => boolean): void {
    for (const rule of this.program.rules) {
      if (!which(rule)) continue;
      const flow = this.block(rule.action ?? []);
      if (flow === 'exit' || this.exiting) return;
    }
  }

  /** Processes one input record through the main rules. */
  record(text: string): void {
    const rt = this.rt;
    rt.setScalar('NR', toNumber(rt.scalar('NR')) + 1);
    rt.setScalar('FNR', toNumber(rt.scalar('FNR')) + 1);
    rt.setRecord(text);
    const rules = this.program.rules;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      if (!this.matches(rule, i)) continue;
      const flow = rule.action ? this.block(rule.action) : this.print({ k: 'print', args: [] });
      if (flow === 'next') return;
      if (flow === 'exit' || this.exiting) return;
    }
  }

  private matches(rule: Rule, index: number): boolean {
    const p = rule.pattern;
    switch (p.k) {
      case 'always':
        return true;
      case 'expr':
        return isTrue(this.eval(p.e));
      case 'range':
        if (!this.inRange[index]) {
          if (!isTrue(this.eval(p.from))) return false;
          this.inRange[index] = !isTrue(this.eval(p.to));
          return true;
        }
        if (isTrue(this.eval(p.to))) this.inRange[index] = false;
        return true;
      default:
        return false;
    }
  }

  private block(body: Stmt[]): Flow {
    for (const s of body) {
      const flow = this.exec(s);
      if (flow !== undefined) return flow;
    }
    return undefined;
  }

  private exec(s: Stmt): Flow {
    switch (s.k) {
      case 'expr':
        this.eval(s.e);
        return undefined;
      case 'print':
        return this.print(s);
      case 'printf': {
        const values = s.args.map((a) => this.eval(a));
        const text = sprintf(this.rt.str(values[0]!), formatArgs(this.rt, values.slice(1)));
        this.rt.emit(text, s.dest ? this.rt.str(this.eval(s.dest)) : undefined);
        return undefined;
      }
      case 'block':
        return this.block(s.body);
      case 'if':
        if (isTrue(this.eval(s.test))) return this.exec(s.then);
        return s.else ? this.exec(s.else) : undefined;
      case 'while':
        while (isTrue(this.eval(s.test))) {
          const flow = this.exec(s.body);
          if (flow === 'break') break;
          if (flow !== undefined && flow !== 'continue') return flow;
        }
        return undefined;
      case 'do':
        do {
          const flow = this.exec(s.body);
          if (flow === 'break') break;
          if (flow !== undefined && flow !== 'continue') return flow;
        } while (isTrue(this.eval(s.test)));
        return undefined;
      case 'for':
        if (s.init) this.exec(s.init);
        while (!s.test || isTrue(this.eval(s.test))) {
          const flow = this.exec(s.body);
          if (flow === 'break') break;
          if (flow !== undefined && flow !== 'continue') return flow;
          if (s.step) this.exec(s.step);
        }
        return undefined;
      case 'forIn': {
        const arr = this.rt.array(s.name);
        for (const key of [...arr.keys()]) {
          if (!arr.has(key)) continue;
          this.assign(s.key, key);
          const flow = this.exec(s.body);
          if (flow === 'break') break;
          if (flow !== undefined && flow !== 'continue') return flow;
        }
        return undefined;
      }
      case 'next':
        return 'next';
      case 'nextfile':
        return 'next';
      case 'exit':
        if (s.code) this.exitCode = Math.trunc(toNumber(this.eval(s.code))) & 0xff;
        this.exiting = true;
        return 'exit';
      case 'return':
        return { value: s.value ? this.eval(s.value) : UNINIT };
      case 'break':
        return 'break';
      case 'continue':
        return 'continue';
      case 'delete': {
        const arr = this.rt.array(s.name);
        if (!s.subs) arr.clear();
        else arr.delete(this.rt.subscript(s.subs.map((e) => this.eval(e))));
        return undefined;
      }
    }
  }

  private print(s: Extract<Stmt, { k: 'print' }>): Flow {
    const rt = this.rt;
    const ofmt = rt.str(rt.scalar('OFMT'));
    const parts = s.args.length === 0 ? [rt.field(0)] : s.args.map((a) => this.eval(a));
    const text = parts.map((v) => (typeof v === 'number' ? numberToString(v, ofmt) : rt.str(v))).join(rt.str(rt.scalar('OFS')));
    rt.emit(text + rt.str(rt.scalar('ORS')), s.dest ? rt.str(this.eval(s.dest)) : undefined);
    return undefined;
  }

  // ---- expressions

  eval(e: Expr): Value {
    const rt = this.rt;
    switch (e.k) {
      case 'num':
        return e.v;
      case 'str':
        return e.v;
      case 'regex':
        return this.regexOf(e).test(rt.str(rt.field(0))) ? 1 : 0;
      case 'var':
        return rt.scalar(e.name);
      case 'field':
        return rt.field(this.fieldIndex(e.index));
      case 'elem': {
        const arr = rt.array(e.name);
        const key = rt.subscript(e.subs.map((s) => this.eval(s)));
        let v = arr.get(key);
        if (v === undefined) {
          v = UNINIT;
          arr.set(key, v);
        }
        return v;
      }
      case 'group':
        return this.eval(e.e);
      case 'list':
        return rt.subscript(e.items.map((i) => this.eval(i)));
      case 'assign':
        return this.assignOp(e);
      case 'cond':
        return isTrue(this.eval(e.test)) ? this.eval(e.yes) : this.eval(e.no);
      case 'logic': {
        const a = isTrue(this.eval(e.a));
        if (e.op === '&&') return a && isTrue(this.eval(e.b)) ? 1 : 0;
        return a || isTrue(this.eval(e.b)) ? 1 : 0;
      }
      case 'in':
        return rt.array(e.name).has(rt.subscript(e.subs.map((s) => this.eval(s)))) ? 1 : 0;
      case 'match': {
        const subject = rt.str(this.eval(e.subject));
        const hit = this.regexOf(e.re).test(subject);
        return hit !== e.negate ? 1 : 0;
      }
      case 'binary':
        return this.binary(e.op, e.a, e.b);
      case 'unary': {
        const v = this.eval(e.a);
        if (e.op === '!') return isTrue(v) ? 0 : 1;
        return e.op === '-' ? -toNumber(v) : toNumber(v);
      }
      case 'incdec': {
        const old = toNumber(this.eval(e.target));
        const updated = e.op === '++' ? old + 1 : old - 1;
        this.assign(e.target, updated);
        return e.prefix ? updated : old;
      }
      case 'call':
        return callBuiltin(this, e.name, e.args);
      case 'ucall':
        return this.callUser(e.name, e.args);
    }
  }

  private fieldIndex(index: Expr): number {
    const n = toNumber(this.eval(index));
    if (Number.isNaN(n)) throw new AwkFatal('attempt to access field -nan');
    return Math.trunc(n);
  }

  private binary(op: string, ea: Expr, eb: Expr): Value {
    const rt = this.rt;
    if (op === 'concat') return rt.str(this.eval(ea)) + rt.str(this.eval(eb));
    const a = this.eval(ea);
    const b = this.eval(eb);
    switch (op) {
      case '<':
        return compareValues(a, b, rt.convfmt) < 0 ? 1 : 0;
      case '<=':
        return compareValues(a, b, rt.convfmt) <= 0 ? 1 : 0;
      case '>':
        return compareValues(a, b, rt.convfmt) > 0 ? 1 : 0;
      case '>=':
        return compareValues(a, b, rt.convfmt) >= 0 ? 1 : 0;
      case '==':
        return compareValues(a, b, rt.convfmt) === 0 ? 1 : 0;
      case '!=':
        return compareValues(a, b, rt.convfmt) !== 0 ? 1 : 0;
      default:
        return arithmetic(op, toNumber(a), toNumber(b));
    }
  }

  private assignOp(e: Extract<Expr, { k: 'assign' }>): Value {
    let v: Value;
    if (e.op === '=') {
      v = this.eval(e.value);
    } else {
      const right = toNumber(this.eval(e.value));
      v = arithmetic(e.op.slice(0, -1), toNumber(this.eval(e.target)), right);
    }
    this.assign(e.target, v);
    return v;
  }

  assign(target: LValue, v: Value): void {
    const rt = this.rt;
    if (target.k === 'var') rt.setScalar(target.name, v);
    else if (target.k === 'field') rt.setField(this.fieldIndex(target.index), v);
    else rt.array(target.name).set(rt.subscript(target.subs.map((s) => this.eval(s))), v);
  }

  regexOf(e: Expr): PosixRegex {
    if (e.k === 'regex') return this.rt.regex(e.source);
    return this.rt.regex(this.rt.str(this.eval(e)));
  }

  isArrayExpr(e: Expr): boolean {
    if (e.k !== 'var') return false;
    const frame = this.rt.frames[this.rt.frames.length - 1];
    const slot = frame?.has(e.name) ? frame.get(e.name) : this.rt.globals.get(e.name);
    return isArray(slot);
  }

  arrayOf(e: Expr): AwkArray {
    if (e.k !== 'var') throw new AwkFatal('attempt to use a non-array as an array');
    return this.rt.array(e.name);
  }

  private callUser(name: string, args: Expr[]): Value {
    const fn = this.program.functions.get(name);
    if (!fn) throw new AwkFatal(`function \`${name}' not defined`);
    if (args.length > fn.params.length) throw new AwkFatal(`function \`${name}' called with more arguments than declared`);
    if (this.rt.frames.length >= MAX_CALL_DEPTH) throw new AwkFatal('function call nesting too deep');
    const frame = new Map<string, Slot>();
    fn.params.forEach((p, i) => frame.set(p, i < args.length ? this.argument(fn, i, args[i]!) : UNINIT));
    this.rt.frames.push(frame);
    try {
      const flow = this.block(fn.body);
      if (flow === 'exit') this.exiting = true;
      return typeof flow === 'object' ? flow.value : UNINIT;
    } finally {
      this.rt.frames.pop();
    }
  }

  /** Arrays pass by reference; an unset variable used as an array by the callee becomes one. */
  private argument(fn: AwkFunction, i: number, arg: Expr): Slot {
    if (arg.k === 'var') {
      if (this.isArrayExpr(arg)) return this.arrayOf(arg);
      const current = this.rt.scalar(arg.name);
      if (current === UNINIT && usesAsArray(fn.body, fn.params[i]!)) return this.arrayOf(arg);
      return current;
    }
    return this.eval(arg);
  }
}

function arithmetic(op: string, x: number, y: number): number {
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      if (y === 0) throw new AwkFatal('division by zero attempted');
      return x / y;
    case '%':
      if (y === 0) throw new AwkFatal("division by zero attempted in `%'");
      return x % y;
    case '^':
      return Math.pow(x, y);
    default:
      throw new AwkFatal(`unknown operator ${op}`);
  }
}

/** Whether a function body uses the named parameter as an array. */
function usesAsArray(body: Stmt[], name: string): boolean {
  let found = false;
  const visit = (node: unknown): void => {
    if (found || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as Record<string, unknown>;
    if ((n.k === 'elem' || n.k === 'in' || n.k === 'delete' || n.k === 'forIn') && n.name === name) found = true;
    if (n.k === 'call' && (n.name === 'split' || n.name === 'match')) {
      const target = (n.args as Expr[])[n.name === 'split' ? 1 : 2];
      if (target?.k === 'var' && target.name === name) found = true;
    }
    for (const value of Object.values(n)) visit(value);
  };
  visit(body);
  return found;
}
