// Where an incident record writes an inline command's run: after the
// paragraph (or heading, or table) its code span is in, and after the runs
// already written there, at the paragraph's indentation (inside its list
// item or blockquote), as a cell's runs follow its fence.

import markdownIt, { type MarkdownIt, type Token } from 'markdown-it';
import { proseRunSpans } from '../markdown/recordBlocks';
import { splitLines } from '../markdown/lines';

export interface RunAnchor {
  /** 0-based line of the cell's text before which the run goes (the text's line count: at the end). */
  before: number;
  /** The paragraph's container prefix: list indentation, `> `, or both. */
  prefix: string;
}

let parser: MarkdownIt | undefined;

/** The anchor for the code span that starts on `line` of a Markdown cell's text; undefined when no block holds that line. */
export function runAnchor(cellText: string, line: number): RunAnchor | undefined {
  parser ??= markdownIt({ html: true });
  const tokens = parser.parse(cellText, {});
  const block = blockAt(tokens, line);
  if (!block) return undefined;
  const lines = splitLines(cellText);
  const raw = lines[block.start]?.text ?? '';
  const prefix = block.content === undefined ? (/^[\s>]*/.exec(raw)?.[0] ?? '') : raw.slice(0, Math.max(0, raw.indexOf(block.content))).replace(/[^>\s]/g, ' ');
  // After the runs already written below the paragraph: runs are appended.
  let before = block.end;
  const runs = proseRunSpans(lines, []);
  for (;;) {
    let next = before;
    while (next < lines.length && /^[\s>]*$/.test(lines[next].text)) next++;
    const run = runs.find((r) => r.start === next);
    if (!run) break;
    before = run.end;
  }
  return { before, prefix };
}

/** The paragraph, heading or table holding the line: its lines, and its first line's text without its container prefix. */
function blockAt(tokens: readonly Token[], line: number): { start: number; end: number; content?: string } | undefined {
  for (const token of tokens) {
    if (!token.map || line < token.map[0] || line >= token.map[1]) continue;
    if (token.type === 'table_open') return { start: token.map[0], end: token.map[1] };
    if (token.type === 'inline') return { start: token.map[0], end: token.map[1], content: token.content.split('\n')[0] };
  }
  return undefined;
}

/** The Markdown cell's text with a run block (blank line first, one \n after each line) after the span's paragraph and its earlier runs. */
export function withRunAfterParagraph(text: string, line: number, block: string): string {
  const anchor = runAnchor(text, line);
  if (!anchor) return text;
  const lines = text.split('\n');
  const head = lines.slice(0, anchor.before).join('\n');
  const tail = lines.slice(anchor.before);
  const run = block.replace(/\n$/, '');
  if (!tail.length) return `${head}\n${run}`;
  // A blank line between the run and what follows it, as after a paragraph.
  const gap = /^[\s>]*$/.test(tail[0]) ? '' : `${anchor.prefix.trimEnd()}\n`;
  return `${head}\n${run}\n${gap}${tail.join('\n')}`;
}
