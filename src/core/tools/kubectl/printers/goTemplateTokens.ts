// Reading a Go template's tokens one at a time, with Go's parser's way of
// looking ahead and backing up, and of wording a parse error
// (`template: output:1: unexpected "}" in operand`).

import type { Token } from './goTemplateLexer';

export class GoTemplateParseError extends Error {
  override readonly name = 'GoTemplateParseError';
}

export class TokenStream {
  protected index = 0;
  /** The line of the token read last: where an error is reported. */
  private line = 1;

  constructor(
    private readonly tokens: Token[],
    private readonly name: string,
  ) {}

  protected fail(message: string): never {
    throw new GoTemplateParseError(`template: ${this.name}:${this.line}: ${message}`);
  }

  protected peek(): Token {
    return this.tokens[Math.min(this.index, this.tokens.length - 1)];
  }

  protected next(): Token {
    const token = this.peek();
    this.index++;
    this.line = token.line;
    return token;
  }

  protected nextNonSpace(): Token {
    let token = this.next();
    while (token.type === 'space') token = this.next();
    return token;
  }

  protected peekNonSpace(): Token {
    const token = this.nextNonSpace();
    this.index--;
    return token;
  }

  protected unexpected(token: Token, context: string): never {
    if (token.type === 'error') this.fail(token.value);
    this.fail(`unexpected ${describeToken(token)} in ${context}`);
  }

  protected expect(type: Token['type'], context: string): Token {
    const token = this.nextNonSpace();
    if (token.type !== type) this.unexpected(token, context);
    return token;
  }
}

/** Go's item String(): `<if>` for keywords, `"abc"`, or the first ten characters and `...`. */
function describeToken(token: Token): string {
  if (token.type === 'eof') return 'EOF';
  if (token.type === 'keyword') return `<${token.value}>`;
  const chars = Array.from(token.value);
  const quoted = JSON.stringify(chars.slice(0, 10).join(''));
  return chars.length > 10 ? `${quoted}...` : quoted;
}
