// --query: JMESPath through the `jmespath` package, with a bad expression
// reported in the words Python's jmespath uses, since the aws CLI prints
// those: `Bad value for --query EXPR: MESSAGE` and exit status 255.

import * as jmespath from 'jmespath';

export class QueryError extends Error {
  readonly exitCode = 255;
}

const TOKEN_NAMES: Record<string, string> = {
  Dot: 'dot', Star: 'star', Lbracket: 'lbracket', Rbracket: 'rbracket', Lbrace: 'lbrace', Rbrace: 'rbrace',
  Lparen: 'lparen', Rparen: 'rparen', Comma: 'comma', Colon: 'colon', Pipe: 'pipe', Or: 'or', And: 'and',
  Not: 'not', Filter: 'filter', Flatten: 'flatten', Current: 'current', Expref: 'expref', Number: 'number',
  UnquotedIdentifier: 'unquoted_identifier', QuotedIdentifier: 'quoted_identifier', Literal: 'literal',
  EQ: 'eq', NE: 'ne', GT: 'gt', GTE: 'gte', LT: 'lt', LTE: 'lte', EOF: 'eof',
};

/** Where a token of this text first appears (the offending one, in practice). */
function columnOf(expression: string, value: string): number {
  const at = value ? expression.indexOf(value) : -1;
  return at < 0 ? expression.length : at;
}

function parseError(expression: string, message: string, tokenType: string, value: string): string {
  const column = columnOf(expression, value);
  const type = (TOKEN_NAMES[tokenType] ?? tokenType.toLowerCase()).toUpperCase();
  return `${message}: Parse error at column ${column}, token "${value}" (${type}), for expression:\n"${expression}"\n${' '.repeat(column + 1)}^`;
}

function incomplete(expression: string): string {
  return `Invalid jmespath expression: Incomplete expression:\n"${expression}"\n${' '.repeat(expression.length + 1)}^`;
}

/** Python jmespath's message for an expression the parser rejects. */
export function describeQueryError(expression: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  let m = /^Expected (\w+), got: (\w+)$/.exec(message);
  if (m) {
    if (m[2] === 'EOF') return incomplete(expression);
    const expected = TOKEN_NAMES[m[1]!] ?? m[1]!.toLowerCase();
    const got = TOKEN_NAMES[m[2]!] ?? m[2]!.toLowerCase();
    const value = m[2] === 'Dot' ? '.' : '';
    return parseError(expression, `Expecting: ${expected}, got: ${got}`, m[2]!, value || tokenText(m[2]!));
  }
  m = /^Invalid token \((\w+)\): "(.*)"$/.exec(message);
  if (m) return m[1] === 'EOF' ? incomplete(expression) : parseError(expression, 'invalid token', m[1]!, m[2]!);
  m = /^Unexpected token type: (\w+), value: (.*)$/.exec(message);
  if (m) return parseError(expression, `Unexpected token: ${m[2]}`, m[1]!, m[2]!);
  return message;
}

const TOKEN_TEXT: Record<string, string> = {
  Dot: '.', Star: '*', Lbracket: '[', Rbracket: ']', Lbrace: '{', Rbrace: '}', Lparen: '(', Rparen: ')',
  Comma: ',', Colon: ':', Pipe: '|', Or: '||', And: '&&', Not: '!', Filter: '[?', Flatten: '[]', Current: '@',
};

function tokenText(type: string): string {
  return TOKEN_TEXT[type] ?? '';
}

/** Checks an expression before any request is made, as the CLI does while parsing arguments. */
export function compileQuery(expression: string): void {
  try {
    (jmespath as unknown as { compile(expression: string): unknown }).compile(expression);
  } catch (err) {
    throw new QueryError(`Bad value for --query ${expression}: ${describeQueryError(expression, err)}`);
  }
}

export function applyQuery(value: unknown, expression: string | undefined): unknown {
  if (expression === undefined) return value;
  const result = jmespath.search(value, expression) as unknown;
  return result === undefined ? null : result;
}
