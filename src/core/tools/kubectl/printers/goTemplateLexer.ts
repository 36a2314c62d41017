// The tokens of a Go text/template (`{{.metadata.name}}`), split the way Go's
// text/template/parse lexer splits them: text between actions, trim markers
// (`{{- ` and ` -}}`) applied to the text, comments dropped, and the words of
// each action with their position (for error columns) and line.

export type TokenType =
  | 'text'
  | 'leftDelim'
  | 'rightDelim'
  | 'space'
  | 'identifier'
  | 'keyword'
  | 'field'
  | 'variable'
  | 'dot'
  | 'string'
  | 'rawString'
  | 'charConstant'
  | 'number'
  | 'bool'
  | 'nil'
  | 'pipe'
  | 'leftParen'
  | 'rightParen'
  | 'declare'
  | 'assign'
  | 'char'
  | 'error'
  | 'eof';

export interface Token {
  type: TokenType;
  value: string;
  /** Offset in the template (UTF-16 units). */
  pos: number;
  line: number;
}

export const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'template', 'with']);

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlphaNumeric = (c: string | undefined) => c !== undefined && (c === '_' || /^[\p{L}\p{Nd}]$/u.test(c));

/** Go's %#U of a character: `U+007E '~'`. */
function runeName(c: string): string {
  const code = `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(c) ? `${code} '${c}'` : code;
}

/** Splits a template into tokens; a lexical error ends the list with an `error` token. */
export function lexTemplate(input: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let start = 0;
  let line = 1;
  let startLine = 1;
  let parenDepth = 0;

  const emit = (type: TokenType, value = input.slice(start, pos)) => {
    tokens.push({ type, value, pos: start, line: startLine });
    for (const c of input.slice(start, pos)) if (c === '\n') line++;
    start = pos;
    startLine = line;
  };
  const ignore = () => {
    for (const c of input.slice(start, pos)) if (c === '\n') line++;
    start = pos;
    startLine = line;
  };
  const fail = (message: string): Token[] => {
    tokens.push({ type: 'error', value: message, pos: start, line: startLine });
    return tokens;
  };
  const atRightDelim = (): { trim: boolean } | undefined => {
    if (input.startsWith('}}', pos)) return { trim: false };
    if (isSpace(input[pos]) && input.startsWith('-}}', pos + 1)) return { trim: true };
    return undefined;
  };
  const atTerminator = () => {
    const c = input[pos];
    return c === undefined || isSpace(c) || '.,|:()'.includes(c) || input.startsWith('}}', pos);
  };

  for (;;) {
    // Text up to the next action.
    const open = input.indexOf('{{', pos);
    if (open < 0) {
      pos = input.length;
      if (pos > start) emit('text');
      tokens.push({ type: 'eof', value: '', pos, line });
      return tokens;
    }
    const trimLeft = input[open + 2] === '-' && isSpace(input[open + 3]);
    let textEnd = open;
    if (trimLeft) while (textEnd > start && isSpace(input[textEnd - 1])) textEnd--;
    pos = textEnd;
    if (pos > start) emit('text');
    pos = open;
    ignore();
    pos = open + 2;
    emit('leftDelim', '{{');
    if (trimLeft) {
      pos += 2;
      ignore();
    }
    // A comment fills the whole action.
    if (input.startsWith('/*', pos)) {
      const close = input.indexOf('*/', pos + 2);
      if (close < 0) return fail('unclosed comment');
      pos = close + 2;
      const delim = atRightDelim();
      if (!delim) return fail('comment ends before closing delimiter');
      tokens.pop();
      pos += delim.trim ? 4 : 2;
      if (delim.trim) while (isSpace(input[pos])) pos++;
      ignore();
      continue;
    }
    // The words of the action, up to the closing delimiter.
    for (;;) {
      const delim = atRightDelim();
      if (delim) {
        if (parenDepth > 0) return fail('unclosed left paren');
        if (delim.trim) {
          pos++;
          ignore();
          pos++;
          ignore();
        }
        pos += 2;
        emit('rightDelim', '}}');
        if (delim.trim) {
          while (isSpace(input[pos])) pos++;
          ignore();
        }
        break;
      }
      const c = input[pos];
      if (c === undefined) return fail('unclosed action');
      if (isSpace(c)) {
        while (isSpace(input[pos]) && !atRightDelim()) pos++;
        emit('space');
      } else if (c === '=') {
        pos++;
        emit('assign');
      } else if (c === ':') {
        if (input[pos + 1] !== '=') return fail('expected :=');
        pos += 2;
        emit('declare');
      } else if (c === '|') {
        pos++;
        emit('pipe');
      } else if (c === '"' || c === "'") {
        pos++;
        for (;;) {
          const d = input[pos++];
          if (d === '\\' && input[pos] !== undefined && input[pos] !== '\n') pos++;
          else if (d === undefined || d === '\n') return fail(c === '"' ? 'unterminated quoted string' : 'unterminated character constant');
          else if (d === c) break;
        }
        emit(c === '"' ? 'string' : 'charConstant');
      } else if (c === '`') {
        const close = input.indexOf('`', pos + 1);
        if (close < 0) return fail('unterminated raw quoted string');
        pos = close + 1;
        emit('rawString');
      } else if (c === '$' || (c === '.' && !/[0-9]/.test(input[pos + 1] ?? ''))) {
        pos++;
        if (atTerminator()) {
          emit(c === '$' ? 'variable' : 'dot');
          continue;
        }
        while (isAlphaNumeric(input[pos])) pos++;
        if (!atTerminator()) return fail(`bad character ${runeName(String.fromCodePoint(input.codePointAt(pos)!))}`);
        emit(c === '$' ? 'variable' : 'field');
      } else if (c === '+' || c === '-' || c === '.' || /[0-9]/.test(c)) {
        const match = /^[+-]?(?:0[xX][0-9a-fA-F_]*(?:\.[0-9a-fA-F_]*)?(?:[pP][+-]?[0-9_]+)?|0[bB][01_]*|0[oO][0-7_]*|[0-9_]*\.?[0-9_]*(?:[eE][+-]?[0-9_]+)?)i?/.exec(input.slice(pos))!;
        pos += match[0].length;
        if (isAlphaNumeric(input[pos]) || match[0] === '' || match[0] === '+' || match[0] === '-') {
          if (isAlphaNumeric(input[pos])) pos++;
          return fail(`bad number syntax: "${input.slice(start, pos)}"`);
        }
        emit('number');
      } else if (isAlphaNumeric(c)) {
        while (isAlphaNumeric(input[pos])) pos++;
        const word = input.slice(start, pos);
        if (!atTerminator()) return fail(`bad character ${runeName(String.fromCodePoint(input.codePointAt(pos)!))}`);
        emit(KEYWORDS.has(word) ? 'keyword' : word === 'true' || word === 'false' ? 'bool' : word === 'nil' ? 'nil' : 'identifier');
      } else if (c === '(') {
        pos++;
        parenDepth++;
        emit('leftParen');
      } else if (c === ')') {
        pos++;
        if (--parenDepth < 0) return fail('unexpected right paren');
        emit('rightParen');
      } else if (c.charCodeAt(0) < 0x7f && c.charCodeAt(0) >= 0x20) {
        pos++;
        emit('char');
      } else {
        return fail(`unrecognized character in action: ${runeName(String.fromCodePoint(input.codePointAt(pos)!))}`);
      }
    }
  }
}
