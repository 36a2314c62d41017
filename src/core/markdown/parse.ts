// Runbook text -> notebook cells. Every character of the file belongs to
// exactly one cell's origin, so serializing unedited cells gives the file back.

import type { CellOrigin, FenceOrigin, RunbookCell, RunbookDocument } from './cells';
import { findFences } from './fences';
import { frontMatterLineCount } from './frontMatter';
import { fingerprint } from './hash';
import { languageForInfo } from './languages';
import { dominantLineEnding, isBlank, joinLines, splitLines, type SourceLine } from './lines';
import { proseRunSpans, recordedRunsEnd, timelineSpan } from './recordBlocks';

const BOM = '\uFEFF';

interface Block {
  startLine: number;
  /** The line after the fence (or the timeline section). */
  endLine: number;
  /** The line after the runs an incident record wrote below the fence, when there are any. */
  runsEnd?: number;
  /** A fenced block gives a code cell; the timeline section of a record gives a prose cell. */
  cell: (lines: readonly SourceLine[]) => { value: string; fence?: FenceOrigin };
}

export function parseRunbook(input: string): RunbookDocument {
  const bom = input.startsWith(BOM);
  const text = bom ? input.slice(1) : input;
  const lines = splitLines(text);
  const offsets = lineOffsets(lines);
  const blocks = codeBlocks(text, lines);

  const cells: RunbookCell[] = [];
  let pendingLeading = '';
  let pendingStart = 0;

  const addProse = (from: number, to: number) => {
    let a = from;
    let b = to;
    while (a < b && isBlank(lines[a].text)) a++;
    while (b > a && isBlank(lines[b - 1].text)) b--;
    if (a === b) {
      const gap = joinLines(lines, from, to);
      const previous = cells[cells.length - 1]?.origin;
      if (previous) {
        previous.trailing += gap;
        previous.end = offsets[to];
      } else {
        if (!pendingLeading) pendingStart = offsets[from];
        pendingLeading += gap;
      }
      return;
    }
    const value = lines.slice(a, b).map((l) => l.text).join('\n');
    cells.push({
      kind: 'markdown',
      value,
      language: 'markdown',
      origin: takePending(offsets[from], {
        leading: joinLines(lines, from, a),
        body: joinLines(lines, a, b),
        trailing: joinLines(lines, b, to),
        end: offsets[to],
        valueHash: fingerprint(value),
      }),
    });
  };

  const takePending = (start: number, rest: Omit<CellOrigin, 'start'>): CellOrigin => {
    const origin: CellOrigin = { start, ...rest };
    if (pendingLeading) {
      origin.leading = pendingLeading + origin.leading;
      origin.start = pendingStart;
      pendingLeading = '';
    }
    return origin;
  };

  let line = 0;
  for (const block of blocks) {
    if (block.startLine > line) addProse(line, block.startLine);
    const { value, fence } = block.cell(lines);
    const end = block.runsEnd ?? block.endLine;
    cells.push({
      kind: fence ? 'code' : 'markdown',
      value,
      language: fence ? fence.language : 'markdown',
      origin: takePending(offsets[block.startLine], {
        leading: '',
        body: joinLines(lines, block.startLine, block.endLine),
        trailing: '',
        end: offsets[end],
        valueHash: fingerprint(value),
        ...(fence ? { fence } : {}),
        ...(end > block.endLine ? { runs: joinLines(lines, block.endLine, end) } : {}),
      }),
    });
    line = end;
  }
  if (line < lines.length) addProse(line, lines.length);
  if (pendingLeading || cells.length === 0 && text.length > 0) {
    cells.push({
      kind: 'markdown',
      value: '',
      language: 'markdown',
      origin: { start: pendingStart, end: text.length, leading: pendingLeading, body: '', trailing: '', valueHash: fingerprint('') },
    });
  }
  return { cells, file: { bom, eol: dominantLineEnding(lines), length: text.length } };
}

function lineOffsets(lines: readonly SourceLine[]): number[] {
  const offsets = new Array<number>(lines.length + 1);
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    offsets[i] = offset;
    offset += lines[i].text.length + lines[i].eol.length;
  }
  offsets[lines.length] = offset;
  return offsets;
}

function codeBlocks(text: string, lines: readonly SourceLine[]): Block[] {
  const blocks = fencedBlocks(text, lines);
  return withTimeline(blocks, lines, frontMatterLineCount(lines));
}

/** The timeline section of an incident record, as a block of its own, when the file has one outside every fence. */
function withTimeline(blocks: Block[], lines: readonly SourceLine[], from: number): Block[] {
  for (let span = timelineSpan(lines, from); span; span = timelineSpan(lines, span.start + 1)) {
    const { start, end } = span;
    if (blocks.some((b) => start >= b.startLine && start < (b.runsEnd ?? b.endLine))) continue;
    const timeline: Block = { startLine: start, endLine: end, cell: (all) => ({ value: all.slice(start, end).map((l) => l.text).join('\n') }) };
    return [...blocks.filter((b) => b.startLine < start), timeline, ...blocks.filter((b) => b.startLine >= end)];
  }
  return blocks;
}

function fencedBlocks(text: string, lines: readonly SourceLine[]): Block[] {
  const blocks: Block[] = [];
  const frontMatter = frontMatterLineCount(lines);
  if (frontMatter > 0) {
    blocks.push({
      startLine: 0,
      endLine: frontMatter,
      cell: (all) => ({
        value: all.slice(1, frontMatter - 1).map((l) => l.text).join('\n'),
        fence: {
          opening: all[0].text,
          closing: all[frontMatter - 1].text,
          marker: '---',
          info: 'yaml',
          prefix: '',
          language: 'yaml',
          role: 'frontmatter',
        },
      }),
    });
  }
  // Front matter lines are blanked for markdown-it so its line numbers still match.
  const markdown = frontMatter > 0 ? '\n'.repeat(frontMatter) + joinLines(lines, frontMatter) : text;
  let recorded = 0;
  const fences = findFences(markdown);
  // Runs of inline commands are recorded after their paragraph: their fences are output, part of the prose.
  const proseRuns = proseRunSpans(lines, fences);
  for (const found of fences) {
    // A fence inside a recorded run is part of that run's output.
    if (found.startLine < recorded || proseRuns.some((span) => found.startLine > span.start && found.startLine < span.end)) continue;
    const endLine = Math.min(found.endLine, lines.length);
    const content = found.content.endsWith('\n') ? found.content.slice(0, -1) : found.content;
    const codeLines = found.content === '' ? [] : content.split('\n');
    const closed = endLine - found.startLine - 1 > codeLines.length;
    const opening = lines[found.startLine].text;
    const prefix = codePrefix(lines, found.startLine + 1, codeLines, opening, found.marker);
    const runsEnd = closed ? recordedRunsEnd(lines, endLine, prefix) : endLine;
    recorded = runsEnd;
    blocks.push({
      startLine: found.startLine,
      endLine,
      ...(runsEnd > endLine ? { runsEnd } : {}),
      cell: (all) => ({
        value: content,
        fence: {
          opening,
          closing: closed ? all[endLine - 1].text : null,
          marker: found.marker,
          info: found.info,
          prefix,
          language: languageForInfo(found.info),
        },
      }),
    });
  }
  return blocks;
}

/**
 * The container prefix of the code lines: read off the first code line whose
 * raw text ends with its de-indented text, else derived from the opening line
 * (list markers become spaces, blockquote markers stay).
 */
function codePrefix(lines: readonly SourceLine[], first: number, code: readonly string[], opening: string, marker: string): string {
  for (let i = 0; i < code.length; i++) {
    const raw = lines[first + i]?.text ?? '';
    if (code[i] !== '' && raw.endsWith(code[i])) return raw.slice(0, raw.length - code[i].length);
  }
  const before = opening.slice(0, Math.max(0, opening.indexOf(marker)));
  return before.replace(/[^>\s]/g, ' ');
}
