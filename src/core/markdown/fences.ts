// Finds fenced code blocks with markdown-it, at any depth (lists, blockquotes).
// Only block structure is needed, so inline parsing is switched off.

import markdownIt, { type MarkdownIt } from 'markdown-it';

export interface FoundFence {
  /** First line (the opening fence) and the line after the block. */
  startLine: number;
  endLine: number;
  marker: string;
  info: string;
  /** The code with container prefixes removed; one \n after each line. */
  content: string;
}

let parser: MarkdownIt | undefined;

function blockParser(): MarkdownIt {
  if (!parser) {
    parser = markdownIt({ html: true });
    parser.core.ruler.disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join']);
  }
  return parser;
}

export function findFences(text: string): FoundFence[] {
  const fences: FoundFence[] = [];
  for (const token of blockParser().parse(text, {})) {
    if (token.type !== 'fence' || !token.map) continue;
    fences.push({
      startLine: token.map[0],
      endLine: token.map[1],
      marker: token.markup,
      info: token.info,
      content: token.content,
    });
  }
  return fences;
}
