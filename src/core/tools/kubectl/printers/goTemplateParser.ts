// Parses a Go text/template into its tree, following Go's text/template/parse:
// the same grammar (pipelines, declarations, if/else if/with/range/else/end,
// break/continue, define/template/block) and the same error messages
// (`template: output:1: function "x" not defined`).

import { isNumberLiteral, overflowsUint64 } from './goNumberLiteral';
import { lexTemplate, type Token } from './goTemplateLexer';
import type { Arg, Command, Node, PipeNode } from './goTemplateNodes';
import { TokenStream } from './goTemplateTokens';
import { goQuote, goUnquote } from './goValues';

export { GoTemplateParseError } from './goTemplateTokens';

export interface ParsedTemplate {
  root: Node[];
  /** Templates from `define` and `block`, by name. */
  defined: Map<string, Node[]>;
}

type EndNode = { kind: 'end' | 'else'; pos: number; line: number; elseKeyword?: 'if' | 'with' };
type ListEnd = Node | EndNode;

/** Parses `source` as the template named `name`; `functions` are the names a command may call. */
export function parseGoTemplate(source: string, name: string, functions: ReadonlySet<string>): ParsedTemplate {
  return new Parser(source, name, functions).parse();
}

class Parser extends TokenStream {
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private readonly defined = new Map<string, Node[]>();

  constructor(
    source: string,
    name: string,
    private readonly functions: ReadonlySet<string>,
  ) {
    super(lexTemplate(source), name);
  }

  parse(): ParsedTemplate {
    const root: Node[] = [];
    while (this.peek().type !== 'eof') {
      if (this.peek().type === 'leftDelim') {
        const delim = this.index;
        this.next();
        const word = this.nextNonSpace();
        if (word.type === 'keyword' && word.value === 'define') {
          this.parseDefinition();
          continue;
        }
        this.index = delim;
      }
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') this.fail(`unexpected ${n.kind === 'end' ? '{{end}}' : '{{else}}'}`);
      root.push(n as Node);
    }
    return { root, defined: this.defined };
  }

  private parseDefinition(): void {
    const name = this.templateName(this.nextNonSpace(), 'define');
    this.expect('rightDelim', 'define');
    const saved = this.vars;
    this.vars = ['$'];
    const [list, end] = this.itemList();
    this.vars = saved;
    if (end.kind !== 'end') this.fail(`unexpected ${end.kind === 'else' ? '{{else}}' : 'node'} in define clause`);
    this.defined.set(name, list);
  }

  private itemList(): [Node[], EndNode] {
    const list: Node[] = [];
    while (this.peekNonSpace().type !== 'eof') {
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') return [list, n as EndNode];
      list.push(n as Node);
    }
    this.fail('unexpected EOF');
  }

  private textOrAction(): ListEnd {
    const token = this.nextNonSpace();
    if (token.type === 'text') return { kind: 'text', pos: token.pos, text: token.value };
    if (token.type === 'leftDelim') return this.action();
    this.unexpected(token, 'input');
  }

  private action(): ListEnd {
    const token = this.nextNonSpace();
    if (token.type === 'keyword') {
      switch (token.value) {
        case 'block':
          return this.blockControl();
        case 'break':
        case 'continue':
          if (this.rangeDepth === 0) this.fail(`{{${token.value}}} outside {{range}}`);
          this.expect('rightDelim', `{{${token.value}}}`);
          return { kind: token.value, pos: token.pos };
        case 'else': {
          const peek = this.peekNonSpace();
          if (peek.type === 'keyword' && (peek.value === 'if' || peek.value === 'with')) return { kind: 'else', pos: peek.pos, line: peek.line, elseKeyword: peek.value };
          const end = this.expect('rightDelim', 'else');
          return { kind: 'else', pos: end.pos, line: end.line };
        }
        case 'end': {
          const end = this.expect('rightDelim', 'end');
          return { kind: 'end', pos: end.pos, line: end.line };
        }
        case 'if':
        case 'range':
        case 'with':
          return this.control(token.value);
        case 'template':
          return this.templateControl();
      }
    }
    this.index--;
    return { kind: 'action', pos: token.pos, pipe: this.pipeline('command', 'rightDelim') };
  }

  private control(kind: 'if' | 'range' | 'with'): Node {
    const mark = this.vars.length;
    const pipe = this.pipeline(kind, 'rightDelim');
    if (kind === 'range') this.rangeDepth++;
    let [list, next] = this.itemList();
    if (kind === 'range') this.rangeDepth--;
    let elseList: Node[] | undefined;
    if (next.kind === 'else') {
      if (next.elseKeyword === kind) {
        // `{{else if ...}}` / `{{else with ...}}`: the rest is one nested node.
        this.next();
        elseList = [this.control(kind)];
      } else {
        [elseList, next] = this.itemList();
        if (next.kind !== 'end') this.fail('expected end; found {{else}}');
      }
    }
    this.vars.length = mark;
    return { kind, pos: pipe.pos, pipe, list, elseList };
  }

  private templateName(token: Token, context: string): string {
    if (token.type !== 'string' && token.type !== 'rawString') this.unexpected(token, context);
    const name = token.type === 'rawString' ? token.value.slice(1, -1) : goUnquote(token.value);
    if (name === undefined) this.fail('invalid syntax');
    return name;
  }

  private templateControl(): Node {
    const token = this.nextNonSpace();
    const name = this.templateName(token, 'template clause');
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().type !== 'rightDelim') {
      this.index--;
      pipe = this.pipeline('template clause', 'rightDelim');
    }
    return { kind: 'template', pos: token.pos, name, pipe };
  }

  private blockControl(): Node {
    const token = this.nextNonSpace();
    const name = this.templateName(token, 'block clause');
    const pipe = this.pipeline('block clause', 'rightDelim');
    const saved = this.vars;
    this.vars = ['$'];
    const [list, end] = this.itemList();
    this.vars = saved;
    if (end.kind !== 'end') this.fail('unexpected {{else}} in block clause');
    this.defined.set(name, list);
    return { kind: 'template', pos: token.pos, name, pipe };
  }

  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
    const start = this.peekNonSpace();
    const pipe: PipeNode = { kind: 'pipe', pos: start.pos, decl: [], isAssign: false, cmds: [] };
    this.declarations(pipe, context);
    for (;;) {
      const token = this.nextNonSpace();
      if (token.type === end) {
        if (pipe.cmds.length === 0) this.fail(`missing value for ${context}`);
        pipe.cmds.slice(1).forEach((c, i) => {
          if (['bool', 'dot', 'nil', 'number', 'string'].includes(c.args[0].kind)) this.fail(`non executable command in pipeline stage ${i + 2}`);
        });
        return pipe;
      }
      if (['bool', 'charConstant', 'dot', 'field', 'identifier', 'number', 'nil', 'rawString', 'string', 'variable', 'leftParen'].includes(token.type)) {
        this.index--;
        pipe.cmds.push(this.command());
      } else this.unexpected(token, context);
    }
  }

  private declarations(pipe: PipeNode, context: string): void {
    for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== 'variable') return;
      const at = this.index;
      this.nextNonSpace();
      const next = this.peekNonSpace();
      if (next.type === 'assign' || next.type === 'declare') {
        pipe.isAssign = next.type === 'assign';
        this.nextNonSpace();
        pipe.decl.push({ pos: v.pos, name: v.value });
        this.vars.push(v.value);
        return;
      }
      if (next.type === 'char' && next.value === ',') {
        this.nextNonSpace();
        pipe.decl.push({ pos: v.pos, name: v.value });
        this.vars.push(v.value);
        if (context === 'range' && pipe.decl.length < 2) {
          const after = this.peekNonSpace().type;
          if (after === 'variable' || after === 'rightDelim' || after === 'rightParen') continue;
          this.fail('range can only initialize variables');
        }
        this.fail(`too many declarations in ${context}`);
      }
      this.index = at;
      return;
    }
  }

  private command(): Command {
    const cmd: Command = { kind: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.type === 'space') continue;
      if (token.type === 'rightDelim' || token.type === 'rightParen') this.index--;
      else if (token.type !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.fail('empty command');
    return cmd;
  }

  private operand(): Arg | undefined {
    const node = this.term();
    if (!node || this.peek().type !== 'field') return node;
    const pos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().type === 'field') fields.push(this.next().value.slice(1));
    if (node.kind === 'field') return { kind: 'field', pos, ident: [...node.ident, ...fields] };
    if (node.kind === 'variable') return { kind: 'variable', pos, ident: [...node.ident, ...fields] };
    if (['bool', 'string', 'number', 'nil', 'dot'].includes(node.kind)) this.fail(`unexpected . after term ${goQuote(scalarText(node))}`);
    return { kind: 'chain', pos, node, fields };
  }

  private term(): Arg | undefined {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'identifier':
        if (!this.functions.has(token.value)) this.fail(`function "${token.value}" not defined`);
        return { kind: 'identifier', pos: token.pos, name: token.value };
      case 'dot':
        return { kind: 'dot', pos: token.pos };
      case 'nil':
        return { kind: 'nil', pos: token.pos };
      case 'variable': {
        const ident = token.value.split('.');
        if (!this.vars.includes(ident[0])) this.fail(`undefined variable "${ident[0]}"`);
        return { kind: 'variable', pos: token.pos, ident };
      }
      case 'field':
        return { kind: 'field', pos: token.pos, ident: [token.value.slice(1)] };
      case 'bool':
        return { kind: 'bool', pos: token.pos, value: token.value === 'true' };
      case 'charConstant':
      case 'number':
        if (!isNumberLiteral(token.value)) this.fail(`illegal number syntax: ${goQuote(token.value)}`);
        if (overflowsUint64(token.value)) this.fail(`integer overflow: ${goQuote(token.value)}`);
        return { kind: 'number', pos: token.pos, text: token.value };
      case 'leftParen':
        return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString': {
        const text = token.type === 'rawString' ? token.value.slice(1, -1).replace(/\r/g, '') : goUnquote(token.value);
        if (text === undefined) this.fail('invalid syntax');
        return { kind: 'string', pos: token.pos, quoted: token.value, text };
      }
    }
    this.index--;
    return undefined;
  }
}

function scalarText(node: Arg): string {
  if (node.kind === 'string') return node.quoted;
  if (node.kind === 'number') return node.text;
  if (node.kind === 'bool') return String(node.value);
  return node.kind === 'nil' ? 'nil' : '.';
}
