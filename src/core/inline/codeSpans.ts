// Inline code spans in Markdown, each with the line it starts on, found by
// markdown-it as the notebook renders them (in paragraphs, headings, list
// items, blockquotes and table cells; never inside a fence).

import markdownIt, { type MarkdownIt } from 'markdown-it';
import { tokensInRecordedRuns } from './recordedRuns';
import { codeSpanStart, linesBefore, notingCodeSpanStarts } from './spanPositions';

export interface CodeSpan {
  /** 0-based line of the text the span starts on. */
  line: number;
  /** The span's content as Markdown reads it (line breaks inside become spaces). */
  text: string;
}

let parser: MarkdownIt | undefined;

function spanParser(): MarkdownIt {
  if (!parser) {
    parser = markdownIt({ html: true });
    notingCodeSpanStarts(parser);
  }
  return parser;
}

export function findCodeSpans(markdown: string): CodeSpan[] {
  const spans: CodeSpan[] = [];
  // Table cells carry no line of their own: they are on the line of the row before them.
  let blockLine = 0;
  const tokens = spanParser().parse(markdown, {});
  const recorded = tokensInRecordedRuns(tokens);
  for (const [index, token] of tokens.entries()) {
    if (token.map) blockLine = token.map[0];
    if (token.type !== 'inline' || !token.children || recorded.has(index)) continue;
    for (const child of token.children) {
      if (child.type !== 'code_inline') continue;
      const start = codeSpanStart(child);
      spans.push({ line: blockLine + (start === undefined ? 0 : linesBefore(token.content, start)), text: child.content });
    }
  }
  return spans;
}
