// The template grammar of kubectl's JSONPath (k8s.io/client-go/util/jsonpath):
// text outside `{}` is literal; inside, fields, `[index/slice/union/'key']`,
// `[?(filter)]`, `..` recursion, `*`, quoted strings, numbers, booleans, and
// the `range` / `end` keywords. Error texts are kubectl's own.
import { goRuneName, goUnquote } from './goValues';

export interface SliceParam {
  value: number;
  known: boolean;
  derived: boolean;
}

export interface ListNode {
  type: 'list';
  nodes: JsonPathNode[];
}

export type JsonPathNode =
  | ListNode
  | { type: 'text'; text: string }
  | { type: 'field'; name: string }
  | { type: 'array'; params: [SliceParam, SliceParam, SliceParam] }
  | { type: 'filter'; left: ListNode; right: ListNode; operator: string }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'union'; nodes: ListNode[] }
  | { type: 'identifier'; name: string };

/** A template that kubectl would refuse to parse; the message is kubectl's reason. */
export class JsonPathSyntaxError extends Error {}

const DICT_KEY = /^'([^']*)'$/;
const SLICE = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;
const COMPARISON = /^([^!<>=]+)([!<>=]+)([\s\S]+?)$/;
const INT = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const EOF = '';

const isEndOfLine = (r: string) => r === '\r' || r === '\n';
const isSpace = (r: string) => r === ' ' || r === '\t';
const isDigit = (r: string) => /^\p{Nd}$/u.test(r);
const isAlphaNumeric = (r: string) => r === '_' || /^[\p{L}\p{Nd}]$/u.test(r);
const isTerminator = (r: string) => isSpace(r) || isEndOfLine(r) || r === EOF || '.,[]$@{}'.includes(r);

/** Parses a whole template into its top-level nodes (text and `{...}` lists). */
export function parseTemplate(text: string): ListNode {
  return new Parser(text).parse();
}

/** Parses the inside of one action, as kubectl does for filter operands and unions. */
function parseAction(text: string): ListNode {
  return parseTemplate(`{${text}}`).nodes[0] as ListNode;
}

class Parser {
  private readonly input: string[];
  private readonly root: ListNode = { type: 'list', nodes: [] };
  private pos = 0;
  private start = 0;

  constructor(text: string) {
    this.input = Array.from(text);
  }

  parse(): ListNode {
    this.parseText();
    return this.root;
  }

  private fail(message: string): never {
    throw new JsonPathSyntaxError(message);
  }

  private consumeText(): string {
    const value = this.input.slice(this.start, this.pos).join('');
    this.start = this.pos;
    return value;
  }

  private next(): string {
    if (this.pos >= this.input.length) return EOF;
    return this.input[this.pos++];
  }

  private backup(r: string): void {
    if (r !== EOF) this.pos--;
  }

  private peek(): string {
    return this.input[this.pos] ?? EOF;
  }

  private startsWith(prefix: string): boolean {
    return this.input.slice(this.pos, this.pos + prefix.length).join('') === prefix;
  }

  private parseText(): void {
    for (;;) {
      if (this.peek() === '{') {
        if (this.pos > this.start) this.root.nodes.push({ type: 'text', text: this.consumeText() });
        this.pos++;
        this.consumeText();
        const action: ListNode = { type: 'list', nodes: [] };
        this.root.nodes.push(action);
        this.parseInsideAction(action);
        return;
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) this.root.nodes.push({ type: 'text', text: this.consumeText() });
  }

  private parseInsideAction(cur: ListNode): void {
    for (;;) {
      if (this.startsWith('}')) {
        this.pos++;
        this.consumeText();
        return this.parseText();
      }
      if (this.startsWith('[?(')) this.parseFilter(cur);
      else if (this.startsWith('..')) this.parseRecursive(cur);
      else this.parseToken(cur);
    }
  }

  private parseToken(cur: ListNode): void {
    const r = this.next();
    if (r === EOF || isEndOfLine(r)) this.fail('unclosed action');
    else if (r === ' ' || r === '@' || r === '$') this.consumeText();
    else if (r === '[') this.parseArray(cur);
    else if (r === '"' || r === "'") this.parseQuote(cur, r);
    else if (r === '.') this.parseField(cur);
    else if (r === '+' || r === '-' || isDigit(r)) {
      this.backup(r);
      this.parseNumber(cur);
    } else if (isAlphaNumeric(r)) {
      this.backup(r);
      this.parseIdentifier(cur);
    } else this.fail(`unrecognized character in action: ${goRuneName(r)}`);
  }

  private parseIdentifier(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        this.backup(r);
        break;
      }
    }
    const value = this.consumeText();
    if (value === 'true' || value === 'false') cur.nodes.push({ type: 'bool', value: value === 'true' });
    else cur.nodes.push({ type: 'identifier', name: value });
  }

  private parseRecursive(cur: ListNode): void {
    if (cur.nodes.at(-1)?.type === 'recursive') this.fail('invalid multiple recursive descent');
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ type: 'recursive' });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: ListNode): void {
    if (this.peek() === '+' || this.peek() === '-') this.next();
    for (;;) {
      const r = this.next();
      if (r !== '.' && !isDigit(r)) {
        this.backup(r);
        break;
      }
    }
    const value = this.consumeText();
    if (INT.test(value) && Math.abs(Number(value)) < 2 ** 63) cur.nodes.push({ type: 'int', value: Number(value) });
    else if (FLOAT.test(value)) cur.nodes.push({ type: 'float', value: Number(value) });
    else this.fail(`cannot parse number ${value}`);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') this.fail('unterminated array');
      if (r === ']') break;
    }
    let text = this.consumeText().slice(1, -1);
    if (text === '*') text = ':';
    const parts = text.split(',');
    if (parts.length > 1) {
      cur.nodes.push({ type: 'union', nodes: parts.map((p) => parseAction(`[${p.replace(/^ +| +$/g, '')}]`)) });
      return;
    }
    const key = DICT_KEY.exec(text);
    if (key) {
      cur.nodes.push(...parseAction(`.${key[1]}`).nodes);
      return;
    }
    const slice = SLICE.exec(text);
    if (!slice) this.fail(`invalid array index ${text}`);
    const params: SliceParam[] = [];
    for (let i = 0; i < 3; i++) {
      let value = slice[i + 1] ?? '';
      if (value !== '') {
        if (i > 0) value = value.slice(1);
        if (i > 0 && value === '') params.push({ value: 0, known: false, derived: false });
        else if (!/^[+-]?\d+$/.test(value)) this.fail(`array index ${value} is not a number`);
        else params.push({ value: Number(value), known: true, derived: false });
      } else if (i === 1) params.push({ value: params[0].value + 1, known: true, derived: true });
      else params.push({ value: 0, known: false, derived: false });
    }
    cur.nodes.push({ type: 'array', params: params as [SliceParam, SliceParam, SliceParam] });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') this.fail('unterminated filter');
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
        } else if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === ')' && begin === end) break;
    }
    if (this.next() !== ']') this.fail('unclosed array expect ]');
    const text = this.consumeText().slice(0, -2);
    const m = COMPARISON.exec(text);
    if (!m) cur.nodes.push({ type: 'filter', left: parseAction(text), right: { type: 'list', nodes: [] }, operator: 'exists' });
    else cur.nodes.push({ type: 'filter', left: parseAction(m[1]), right: parseAction(m[3]), operator: m[2] });
  }

  private parseQuote(cur: ListNode, quote: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') this.fail('unterminated quoted string');
      if (r === quote && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consumeText();
    const text = goUnquote(value);
    if (text === undefined) this.fail(`unquote string ${value} error invalid syntax`);
    cur.nodes.push({ type: 'text', text });
  }

  private parseField(cur: ListNode): void {
    this.consumeText();
    for (;;) {
      const r = this.next();
      if (r === '\\') this.next();
      else if (isTerminator(r)) {
        this.backup(r);
        break;
      }
    }
    const value = this.consumeText();
    if (value === '*') cur.nodes.push({ type: 'wildcard' });
    else cur.nodes.push({ type: 'field', name: value.replaceAll('\\', '') });
  }
}
