// Physical lines of a text, each with the exact line ending that followed it,
// so that joining them gives back the original characters.

export type LineEnding = '\n' | '\r\n' | '\r';

export interface SourceLine {
  /** The line's characters, without its ending. */
  text: string;
  /** The ending that followed it; '' for a last line with no final newline. */
  eol: '' | LineEnding;
}

const LINE = /([^\r\n]*)(\r\n|\r|\n|$)/y;

/**
 * Splits the way markdown-it counts lines (it treats \r\n, \r and \n alike),
 * so a markdown-it line number indexes straight into the result. A text that
 * ends with a line ending has no empty last line here; an empty text has none.
 */
export function splitLines(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  LINE.lastIndex = 0;
  while (LINE.lastIndex < text.length) {
    const match = LINE.exec(text);
    if (!match) break;
    lines.push({ text: match[1], eol: match[2] as SourceLine['eol'] });
  }
  return lines;
}

export function joinLines(lines: readonly SourceLine[], from = 0, to = lines.length): string {
  let out = '';
  for (let i = from; i < to; i++) out += lines[i].text + lines[i].eol;
  return out;
}

/** The ending used most often; \n for a text with none. Ties go to \n, then \r\n. */
export function dominantLineEnding(lines: readonly SourceLine[]): LineEnding {
  let lf = 0;
  let crlf = 0;
  let cr = 0;
  for (const line of lines) {
    if (line.eol === '\n') lf++;
    else if (line.eol === '\r\n') crlf++;
    else if (line.eol === '\r') cr++;
  }
  if (crlf > lf && crlf >= cr) return '\r\n';
  if (cr > lf && cr > crlf) return '\r';
  return '\n';
}

export function isBlank(text: string): boolean {
  return /^[ \t]*$/.test(text);
}

/** A line-ending-free view of a text: what VS Code shows in a cell. */
export function toLf(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
