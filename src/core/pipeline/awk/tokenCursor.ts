// A cursor over an awk program's tokens, shared by the statement and expression parsers.
import { AwkSyntaxError } from './errors';
import type { Token } from './lexer';

export class TokenCursor {
  protected pos = 0;

  constructor(protected readonly tokens: Token[]) {}

  protected peek(o = 0): Token {
    return this.tokens[Math.min(this.pos + o, this.tokens.length - 1)]!;
  }

  protected next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  /** The current token is punctuation or a keyword with this text. */
  protected is(text: string, o = 0): boolean {
    const t = this.peek(o);
    return (t.kind === 'punct' || t.kind === 'keyword') && t.text === text;
  }

  protected accept(text: string): boolean {
    if (!this.is(text)) return false;
    this.next();
    return true;
  }

  protected fail(t: Token = this.peek()): never {
    if (t.kind === 'eof' || t.kind === 'newline') throw new AwkSyntaxError('unexpected newline or end of string', t.offset);
    throw new AwkSyntaxError('syntax error', t.offset);
  }

  protected expect(text: string): Token {
    if (!this.is(text)) this.fail();
    return this.next();
  }

  protected newlines(): void {
    while (this.peek().kind === 'newline') this.next();
  }

  protected terminators(): void {
    while (this.peek().kind === 'newline' || this.is(';')) this.next();
  }

}
