// kubectl's JSONPath templates (`-o jsonpath=...`, custom-columns, sort-by),
// evaluated the way k8s.io/client-go/util/jsonpath does it, and printed the
// way kubectl prints them: scalars as Go prints them, maps and lists as
// compact JSON, results of one action joined by a single space.
import { GoFloat, goJson, goKind, goQuote, goSprint, goSyntax, isMap } from './goValues';
import { JsonPathSyntaxError, parseTemplate, type JsonPathNode, type ListNode } from './jsonpathParser';
import { children, compareValues, EvalFailure, evalArray, evalRecursive } from './jsonpathSteps';

/** A failure in kubectl's words. `message` is what kubectl prints on stderr, minus the final newline. */
export class JsonPathError extends Error {
  override readonly name = 'JsonPathError';
  /** What kubectl writes to stderr, byte for byte. */
  readonly stderr: string;

  constructor(
    stderr: string,
    /** The engine's own reason, e.g. `array index out of bounds: index 5, length 2`. */
    readonly reason: string,
    /** What kubectl had already written to stdout when it failed. */
    readonly stdout = '',
  ) {
    super(stderr.replace(/\n$/, ''));
    this.stderr = stderr;
  }
}

export interface ExecuteOptions {
  /** kubectl's --allow-missing-template-keys; true (kubectl's default) prints nothing for a missing key. */
  allowMissingKeys?: boolean;
  /** `-o jsonpath-as-json`: each action's results as an indented JSON array. */
  outputJson?: boolean;
}

export interface JsonPathTemplate {
  /** The template as written. */
  readonly source: string;
  /** The text kubectl prints; throws JsonPathError worded as `-o jsonpath` words it. */
  execute(data: unknown, options?: ExecuteOptions): string;
  /** The values each action found; throws JsonPathError worded as custom-columns words it. */
  findResults(data: unknown, options?: ExecuteOptions): unknown[][];
}

/** Parses a template; throws JsonPathError (`error: error parsing jsonpath T, reason`). */
export function parseJsonPath(template: string): JsonPathTemplate {
  try {
    return new Template(template, parseTemplate(template));
  } catch (e) {
    if (!(e instanceof JsonPathSyntaxError)) throw e;
    throw new JsonPathError(`error: error parsing jsonpath ${template}, ${e.message}\n`, e.message);
  }
}

/** The object kubectl hands the printer for a list of items: a v1 List. */
export function kubectlList(items: readonly unknown[]): Record<string, unknown> {
  return { apiVersion: 'v1', items: [...items], kind: 'List', metadata: { resourceVersion: '' } };
}

/**
 * What `kubectl get -o jsonpath=TEMPLATE` prints for `data`: one object, a v1 List,
 * or an array of items (wrapped in a v1 List as kubectl does). No newline is added.
 */
export function printJsonPath(template: string, data: unknown, options: ExecuteOptions = {}): string {
  if (template === '') {
    const reason = 'template format specified but no template given';
    throw new JsonPathError(`error: ${reason}\n`, reason);
  }
  const query = Array.isArray(data) ? kubectlList(data) : data;
  return parseJsonPath(template).execute(query, { allowMissingKeys: true, ...options });
}

interface RangeState {
  beginRange: number;
  inRange: number;
  endRange: number;
  lastEnd: number;
}

class Template implements JsonPathTemplate {
  constructor(
    readonly source: string,
    private readonly root: ListNode,
  ) {}

  findResults(data: unknown, options: ExecuteOptions = {}): unknown[][] {
    try {
      return this.evaluate(data, options);
    } catch (e) {
      if (!(e instanceof EvalFailure)) throw e;
      throw new JsonPathError(`error: ${e.message}\n`, e.message);
    }
  }

  execute(data: unknown, options: ExecuteOptions = {}): string {
    let results: unknown[][];
    try {
      results = this.evaluate(data, options);
    } catch (e) {
      if (!(e instanceof EvalFailure)) throw e;
      const detail =
        `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
        `\ttemplate was:\n\t\t${this.source}\n` +
        `\tobject given to jsonpath engine was:\n\t\t${goSyntax(data)}\n\n`;
      throw new JsonPathError(`error: error executing jsonpath ${goQuote(this.source)}: ${detail}\n`, e.message);
    }
    if (options.outputJson) return results.map((r) => `${goJson(r, '    ')}\n`).join('');
    return results.map((r) => r.map(resultText).join(' ')).join('');
  }

  private evaluate(data: unknown, options: ExecuteOptions): unknown[][] {
    const evaluator = new Evaluator(this.root.nodes, options.allowMissingKeys ?? true);
    return evaluator.find(0, data);
  }
}

/** How one result prints: maps and lists as JSON, null as `null`, scalars as Go prints them. */
function resultText(v: unknown): string {
  const kind = goKind(v);
  if (kind === 'map' || kind === 'slice') return goJson(v);
  if (kind === 'nil') return 'null';
  if (kind === 'invalid') return '<no value>';
  return goSprint(v);
}

class Evaluator {
  private readonly range: RangeState = { beginRange: 0, inRange: 0, endRange: 0, lastEnd: -1 };

  constructor(
    private readonly nodes: JsonPathNode[],
    private readonly allowMissingKeys: boolean,
  ) {}

  /** Evaluates the top-level nodes from `start`, running `{range}` bodies once per value. */
  find(start: number, data: unknown): unknown[][] {
    const full: unknown[][] = [];
    const cur = [data];
    const st = this.range;
    for (let i = start; i < this.nodes.length; i++) {
      const results = this.walk(cur, this.nodes[i]);
      if (st.endRange > 0 && st.endRange <= st.inRange) {
        st.endRange--;
        st.lastEnd = i;
        break;
      }
      if (st.beginRange > 0) {
        st.beginRange--;
        st.inRange++;
        if (results.length > 0) for (const value of results) full.push(...this.find(i + 1, value));
        else this.find(i + 1, undefined);
        st.inRange--;
        if (st.lastEnd > i) i = st.lastEnd;
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private walk(input: unknown[], node: JsonPathNode): unknown[] {
    switch (node.type) {
      case 'list':
        return this.evalList(input, node);
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(input, node.name);
      case 'array':
        return evalArray(input, node.params);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
      case 'bool':
        return input.map(() => node.value);
      case 'float':
        return input.map(() => new GoFloat(node.value));
      case 'wildcard':
        return input.flatMap(children);
      case 'recursive':
        return evalRecursive(input);
      case 'union':
        return this.evalUnion(input, node.nodes);
      case 'identifier':
        return this.evalIdentifier(input, node.name);
    }
  }

  private evalList(input: unknown[], list: ListNode): unknown[] {
    let cur = input;
    for (const node of list.nodes) cur = this.walk(cur, node);
    return cur;
  }

  private evalUnion(input: unknown[], lists: ListNode[]): unknown[] {
    try {
      return lists.flatMap((list) => this.evalList(input, list));
    } catch (e) {
      throw e instanceof EvalFailure ? new EvalFailure(e.message, input) : e;
    }
  }

  private evalIdentifier(input: unknown[], name: string): unknown[] {
    if (name === 'range') {
      this.range.beginRange++;
      return input;
    }
    if (name !== 'end') throw new EvalFailure(`unrecognized identifier ${name}`, input);
    if (this.range.inRange === 0) throw new EvalFailure('not in range, nothing to end', []);
    this.range.endRange++;
    return [];
  }

  private evalField(input: unknown[], name: string): unknown[] {
    const results: unknown[] = [];
    for (const value of input) {
      if (isMap(value) && Object.prototype.hasOwnProperty.call(value, name) && value[name] !== undefined) {
        results.push(value[name]);
      }
    }
    if (results.length === 0 && input.length > 0 && !this.allowMissingKeys) {
      throw new EvalFailure(`${name} is not found`, results);
    }
    return results;
  }

  private evalFilter(input: unknown[], node: Extract<JsonPathNode, { type: 'filter' }>): unknown[] {
    const results: unknown[] = [];
    for (const value of input) {
      if (!Array.isArray(value)) {
        const shown = value === undefined ? '<invalid reflect.Value>' : goSprint(value);
        throw new EvalFailure(`${shown} is not array or slice and cannot be filtered`, input);
      }
      for (const element of value) {
        let lefts: unknown[];
        let failure: EvalFailure | undefined;
        try {
          lefts = this.evalList([element], node.left);
        } catch (e) {
          if (!(e instanceof EvalFailure)) throw e;
          [lefts, failure] = [e.partial, e];
        }
        if (node.operator === 'exists') {
          if (lefts.length > 0) results.push(element);
          continue;
        }
        if (failure) throw new EvalFailure(failure.message, input);
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new EvalFailure('can only compare one element at a time', input);
        const rights = this.evalList([element], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new EvalFailure('can only compare one element at a time', input);
        const verdict = compareValues(node.operator, lefts[0], rights[0]);
        if (typeof verdict === 'string') throw new EvalFailure(verdict, results);
        if (verdict) results.push(element);
      }
    }
    return results;
  }
}
