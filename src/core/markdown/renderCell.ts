// One cell -> the characters it stands for in the file. An unedited cell gives
// back exactly what was read; an edited one is rewritten inside its container.

import type { FenceOrigin, RunbookCell } from './cells';
import { fingerprint } from './hash';
import { infoLanguageWord, infoWordForLanguage } from './languages';
import type { LineEnding } from './lines';

export function isUnedited(cell: RunbookCell): boolean {
  const origin = cell.origin;
  if (!origin) return false;
  if ((cell.kind === 'code') !== Boolean(origin.fence)) return false;
  if (origin.fence && origin.fence.language !== cell.language) return false;
  return fingerprint(cell.value) === origin.valueHash;
}

export function renderCell(cell: RunbookCell, fileEol: LineEnding): string {
  const origin = cell.origin;
  const runs = cell.runs ?? origin?.runs ?? '';
  if (!origin) {
    return cell.kind === 'code' ? renderNewFence(cell, fileEol) + runs : renderLines(cell.value, '', fileEol) + fileEol;
  }
  if (isUnedited(cell)) return origin.leading + origin.body + runs + origin.trailing;

  const eol = firstLineEnding(origin.body) ?? fileEol;
  const finalEol = endsWithLineEnding(origin.body) || origin.body === '' ? eol : '';
  let body: string;
  if (cell.kind === 'code' && origin.fence) body = renderFence(cell, origin.fence, eol, finalEol);
  else if (cell.kind === 'code') body = renderNewFence(cell, eol);
  else body = renderLines(cell.value, '', eol) + finalEol;
  return origin.leading + body + (cell.kind === 'code' ? runs : '') + origin.trailing;
}

function renderFence(cell: RunbookCell, fence: FenceOrigin, eol: string, finalEol: string): string {
  const code = renderCode(cell.value, fence.prefix, eol);
  if (fence.role === 'frontmatter') {
    return fence.opening + eol + code + (fence.closing ?? '---') + finalEol;
  }
  const marker = markerFor(cell.value, fence.marker);
  let opening = replaceMarker(fence.opening, fence.marker, marker);
  if (cell.language !== fence.language) opening = retypeOpening(opening, marker, cell.language);
  if (fence.closing === null) {
    // A fence left open runs to the end of its container. Its last code line
    // keeps the file's missing final newline, unless that line is blank: a
    // blank last line only exists if a line ending follows it.
    const lastLineBlank = cell.value === '' || cell.value.endsWith('\n');
    const keepEnding = finalEol !== '' || (lastLineBlank && code !== '');
    if (code === '') return opening + finalEol;
    return opening + eol + (keepEnding ? code : code.slice(0, -eol.length));
  }
  return opening + eol + code + replaceMarker(fence.closing, fence.marker, marker) + finalEol;
}

function renderNewFence(cell: RunbookCell, eol: string): string {
  const marker = markerFor(cell.value, '```');
  return marker + infoWordForLanguage(cell.language) + eol + renderCode(cell.value, '', eol) + marker + eol;
}

/** Code lines, each with the container prefix and a line ending. */
function renderCode(value: string, prefix: string, eol: string): string {
  if (value === '') return '';
  return renderLines(value, prefix, eol) + eol;
}

function renderLines(value: string, prefix: string, eol: string): string {
  const blankPrefix = prefix.trimEnd();
  return value
    .split('\n')
    .map((line) => (line === '' ? blankPrefix : prefix + line))
    .join(eol);
}

/** A marker long enough that no line of the code can close the fence. */
export function markerFor(value: string, marker: string): string {
  const char = marker[0];
  let longest = 0;
  const run = char === '`' ? /^[ \t]*(`{3,})/ : /^[ \t]*(~{3,})/;
  for (const line of value.split('\n')) {
    const match = run.exec(line);
    if (match && match[1].length > longest) longest = match[1].length;
  }
  return longest >= marker.length ? char.repeat(longest + 1) : marker;
}

function replaceMarker(line: string, from: string, to: string): string {
  if (from === to) return line;
  const at = line.indexOf(from);
  return at < 0 ? line : line.slice(0, at) + to + line.slice(at + from.length);
}

function retypeOpening(opening: string, marker: string, language: string): string {
  const at = opening.indexOf(marker) + marker.length;
  const rest = opening.slice(at);
  const word = infoLanguageWord(rest);
  const lead = rest.length - rest.trimStart().length;
  const replacement = infoWordForLanguage(language);
  return opening.slice(0, at) + rest.slice(0, lead) + replacement + rest.slice(lead + word.length);
}

function firstLineEnding(text: string): LineEnding | undefined {
  const match = /\r\n|\r|\n/.exec(text);
  return match ? (match[0] as LineEnding) : undefined;
}

function endsWithLineEnding(text: string): boolean {
  return text.endsWith('\n') || text.endsWith('\r');
}
