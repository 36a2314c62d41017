// A markdown-it plugin that notes where each inline code span starts in its
// inline token's source, so a span can be given its line in the file. Light
// and DOM-free: the notebook renderer installs it on VS Code's parser too.

import type { MarkdownIt, StateInline, Token } from 'markdown-it';

/** What the plugin adds to a `code_inline` token's meta. */
export interface SpanMeta {
  /** Offset of the span's opening backticks in the inline source. */
  spanStart: number;
}

type Noted = StateInline & { codeSpanStarts?: Array<[index: number, start: number]> };

const BACKTICK = 0x60;

export function notingCodeSpanStarts(md: MarkdownIt): void {
  // Runs just before the code span rule: notes the token index the span would get.
  md.inline.ruler.before('backticks', 'note_code_span_start', (state: Noted, silent: boolean) => {
    if (!silent && state.src.charCodeAt(state.pos) === BACKTICK) {
      // Pushing a token first flushes pending text into a token of its own.
      const index = state.tokens.length + (state.pending ? 1 : 0);
      (state.codeSpanStarts ??= []).push([index, state.pos]);
    }
    return false;
  });
  // Runs before any rule that merges tokens, so the noted indexes still hold.
  md.inline.ruler2.before('balance_pairs', 'attach_code_span_start', (state: Noted) => {
    for (const [index, start] of state.codeSpanStarts ?? []) {
      const token = state.tokens[index];
      if (token?.type === 'code_inline' && state.src.startsWith(token.markup, start)) token.meta = { ...token.meta, spanStart: start } satisfies SpanMeta;
    }
    return false;
  });
}

/** The span's opening offset in its inline token's source, when the plugin saw it. */
export function codeSpanStart(token: Token): number | undefined {
  const start = (token.meta as Partial<SpanMeta> | null)?.spanStart;
  return typeof start === 'number' ? start : undefined;
}

/** How many lines into its inline source a span starts. */
export function linesBefore(source: string, offset: number): number {
  let lines = 0;
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) lines++;
  return lines;
}
