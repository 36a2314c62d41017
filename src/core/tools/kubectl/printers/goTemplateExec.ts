// Runs a parsed Go text/template over a decoded object, as Go's
// text/template exec does: fields of maps, variables and their scopes,
// if/with/range (with else, break and continue), pipelines, function calls
// with Go's argument rules, and execution errors worded and located as Go
// words and locates them (`template: output:1:7: executing "output" at <.a.b>: ...`).

import { sprint } from './goFormat';
import { numberConstant } from './goNumberLiteral';
import { FuncError, FUNCTIONS, type Param } from './goTemplateFuncs';
import { nodeLocation, nodeText, type AnyNode, type Arg, type Command, type ControlNode, type Node, type PipeNode } from './goTemplateNodes';
import type { ParsedTemplate } from './goTemplateParser';
import { boxed, concrete, INVALID, isTrue, rangeItems, unboxed, type Val } from './goTemplateValues';
import { Variables } from './goTemplateVariables';

export class GoTemplateExecError extends Error {
  override readonly name = 'GoTemplateExecError';
}

export interface ExecOptions {
  /** Go's missingkey=error (kubectl's --allow-missing-template-keys=false). */
  missingKeyError: boolean;
}

/** No final value from an earlier command of the pipeline. */
const MISSING: Val = { type: 'invalid', v: 'missing' };

class Break {}
class Continue {}

export class Execution {
  private out = '';
  private vars = new Variables(INVALID);
  private node: AnyNode | undefined;
  private templateName: string;

  constructor(
    private readonly source: string,
    private readonly name: string,
    private readonly tree: ParsedTemplate,
    private readonly options: ExecOptions,
  ) {
    this.templateName = name;
  }

  /** The output so far (all of it once `run` returns; what was written before the error if it throws). */
  get output(): string {
    return this.out;
  }

  run(data: unknown): string {
    const dot = concrete(data);
    this.vars = new Variables(dot);
    this.walkList(dot, this.tree.root);
    return this.out;
  }

  private fail(message: string): never {
    if (!this.node) throw new GoTemplateExecError(`template: ${this.templateName}: ${message}`);
    const at = `${this.name}:${nodeLocation(this.source, this.node)}`;
    throw new GoTemplateExecError(`template: ${at}: executing "${this.templateName}" at <${nodeText(this.node)}>: ${message}`);
  }

  private varValue(name: string): Val {
    return this.vars.get(name) ?? this.fail(`undefined variable: ${name}`);
  }

  private walkList(dot: Val, nodes: Node[]): void {
    for (const n of nodes) this.walk(dot, n);
  }

  private walk(dot: Val, node: Node): void {
    this.node = node;
    switch (node.kind) {
      case 'text':
        this.out += node.text;
        return;
      case 'action': {
        const value = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) {
          this.node = node;
          this.out += value.type === 'invalid' ? '<no value>' : sprint([value]);
        }
        return;
      }
      case 'if':
      case 'with': {
        const mark = this.vars.mark();
        const value = this.evalPipeline(dot, node.pipe);
        if (isTrue(value)) this.walkList(node.kind === 'with' ? value : dot, node.list);
        else if (node.elseList) this.walkList(dot, node.elseList);
        this.vars.pop(mark);
        return;
      }
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        return this.walkTemplate(dot, node);
      case 'break':
        throw new Break();
      case 'continue':
        throw new Continue();
    }
  }

  private walkRange(dot: Val, r: ControlNode): void {
    const outer = this.vars.mark();
    const value = unboxed(this.evalPipeline(dot, r.pipe));
    const mark = this.vars.mark();
    const decl = r.pipe.decl.length;
    const iterations = rangeItems(value) ?? this.fail(`range can't iterate over ${sprint([value])}`);
    for (const [key, elem] of iterations) {
      if (decl > 0) this.vars.setFromTop(1, elem);
      if (decl > 1) this.vars.setFromTop(2, key);
      try {
        this.walkList(elem, r.list);
      } catch (e) {
        if (e instanceof Break) {
          this.vars.pop(mark);
          break;
        }
        if (!(e instanceof Continue)) throw e;
      }
      this.vars.pop(mark);
    }
    if (iterations.length === 0 && r.elseList) this.walkList(dot, r.elseList);
    this.vars.pop(outer);
  }

  private walkTemplate(dot: Val, t: Extract<Node, { kind: 'template' }>): void {
    this.node = t;
    const body = this.tree.defined.get(t.name);
    if (!body) this.fail(`template "${t.name}" not defined`);
    const newDot = t.pipe ? this.evalPipeline(dot, t.pipe) : INVALID;
    const saved = { vars: this.vars, name: this.templateName };
    this.vars = new Variables(newDot);
    this.templateName = t.name;
    try {
      this.walkList(newDot, body);
    } finally {
      this.vars = saved.vars;
      this.templateName = saved.name;
    }
  }

  private evalPipeline(dot: Val, pipe: PipeNode): Val {
    this.node = pipe;
    let value = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      if (value.type === 'interface {}') value = unboxed(value);
    }
    for (const d of pipe.decl) {
      if (!pipe.isAssign) this.vars.declare(d.name, value);
      else if (!this.vars.assign(d.name, value)) this.fail(`undefined variable: ${d.name}`);
    }
    return value;
  }

  private notAFunction(args: Arg[], final: Val): void {
    if (args.length > 1 || final !== MISSING) this.fail(`can't give argument to non-function ${nodeText(args[0])}`);
  }

  private evalCommand(dot: Val, cmd: Command, final: Val): Val {
    const first = cmd.args[0];
    switch (first.kind) {
      case 'field':
        this.node = first;
        return this.evalFieldChain(dot, first.ident, cmd.args, final);
      case 'chain':
        return this.evalChain(dot, first, cmd.args, final);
      case 'identifier':
        this.node = first;
        return this.evalCall(dot, first.name, cmd, cmd.args.slice(1), final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariable(first, cmd.args, final);
    }
    this.node = first;
    this.notAFunction(cmd.args, final);
    if (first.kind === 'nil') this.fail('nil is not a command');
    if (first.kind === 'dot') return dot;
    return this.literal(first);
  }

  private literal(n: Arg): Val {
    this.node = n;
    if (n.kind === 'bool') return { type: 'bool', v: n.value };
    if (n.kind === 'string') return { type: 'string', v: n.text };
    if (n.kind === 'dot' || n.kind === 'nil') return INVALID;
    if (n.kind !== 'number') this.fail(`can't evaluate command ${JSON.stringify(nodeText(n))}`);
    const value = numberConstant(n.text);
    if (value === 'overflow') this.fail(`${n.text} overflows int`);
    return value;
  }

  private evalChain(dot: Val, chain: Extract<Arg, { kind: 'chain' }>, args: Arg[], final: Val): Val {
    this.node = chain;
    if (chain.node.kind === 'nil') this.fail(`indirection through explicit nil in ${nodeText(chain)}`);
    const receiver = this.evalArg(dot, 'value', chain.node);
    return this.evalFieldChain(receiver, chain.fields, args, final);
  }

  private evalVariable(variable: Extract<Arg, { kind: 'variable' }>, args: Arg[], final: Val): Val {
    this.node = variable;
    const value = this.varValue(variable.ident[0]);
    if (variable.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(value, variable.ident.slice(1), args, final);
  }

  private evalFieldChain(receiver: Val, ident: string[], args: Arg[], final: Val): Val {
    let value = receiver;
    ident.forEach((name, i) => {
      const last = i === ident.length - 1;
      value = this.evalField(name, last ? args : [], last ? final : MISSING, value);
    });
    return value;
  }

  private evalField(name: string, args: Arg[], final: Val, receiver: Val): Val {
    if (receiver.type === 'invalid') {
      if (this.options.missingKeyError) this.fail(`nil data; no entry for key "${name}"`);
      return INVALID;
    }
    if (receiver.type === 'interface {}' && receiver.v === null) this.fail(`nil pointer evaluating interface {}.${name}`);
    const inner = unboxed(receiver);
    if (inner.type === 'map[string]interface {}') {
      if (args.length > 1 || final !== MISSING) this.fail(`${name} is not a method but has arguments`);
      const m = inner.v as Record<string, unknown>;
      if (Object.prototype.hasOwnProperty.call(m, name)) return boxed(m[name]);
      if (this.options.missingKeyError) this.fail(`map has no entry for key "${name}"`);
      return INVALID;
    }
    this.fail(`can't evaluate field ${name} in type ${receiver.type}`);
  }

  private evalCall(dot: Val, name: string, node: AnyNode, args: Arg[], final: Val): Val {
    const fn = FUNCTIONS.get(name)!;
    const given = args.length + (final !== MISSING ? 1 : 0);
    if (fn.variadic && given < fn.params.length) this.fail(`wrong number of args for ${name}: want at least ${fn.params.length} got ${args.length}`);
    if (!fn.variadic && given !== fn.params.length) this.fail(`wrong number of args for ${name}: want ${fn.params.length} got ${given}`);
    const paramOf = (i: number): Param => fn.params[i] ?? fn.variadic!;
    if (name === 'and' || name === 'or') {
      let v = INVALID;
      for (const a of args) {
        v = this.evalArg(dot, 'value', a);
        if (isTrue(v) === (name === 'or')) return v;
      }
      return final !== MISSING ? final : v;
    }
    const values = args.map((a, i) => this.evalArg(dot, paramOf(i), a));
    if (final !== MISSING) values.push(this.checkType(final, paramOf(values.length)));
    try {
      return fn.call(values, args.map(nodeText));
    } catch (e) {
      if (!(e instanceof FuncError)) throw e;
      this.node = node;
      this.fail(`error calling ${name}: ${e.message}`);
    }
  }

  /** Go's validateType for the two parameter kinds we have. */
  private checkType(value: Val, param: Param): Val {
    if (param === 'value') return value;
    if (value.type === 'invalid') this.fail('invalid value; expected string');
    const inner = value.type === 'interface {}' && value.v !== null ? unboxed(value) : value;
    if (inner.type !== 'string') this.fail(`wrong type for value; expected string; got ${inner.type}`);
    return inner;
  }

  private evalArg(dot: Val, param: Param, n: Arg): Val {
    this.node = n;
    switch (n.kind) {
      case 'dot':
        return this.checkType(dot, param);
      case 'nil':
        if (param === 'string') this.fail('cannot assign nil to string');
        return INVALID;
      case 'field':
        return this.checkType(this.evalFieldChain(dot, n.ident, [n], MISSING), param);
      case 'variable':
        return this.checkType(this.evalVariable(n, [], MISSING), param);
      case 'pipe':
        return this.checkType(this.evalPipeline(dot, n), param);
      case 'identifier':
        this.node = n;
        return this.checkType(this.evalCall(dot, n.name, n, [], MISSING), param);
      case 'chain':
        return this.checkType(this.evalChain(dot, n, [], MISSING), param);
    }
    if (param === 'string' && n.kind !== 'string') this.fail(`expected string; found ${nodeText(n)}`);
    return this.literal(n);
  }
}
