// Notebook cells -> runbook text. Cells that still sit next to the cell they
// followed in the file are joined as they were; anywhere a cell was added,
// deleted or moved, the seam gets exactly one blank line.

import type { RunbookDocument } from './cells';
import { renderCell } from './renderCell';
import type { LineEnding } from './lines';

const BOM = '\uFEFF';

export function serializeRunbook(doc: RunbookDocument): string {
  const { cells, file } = doc;
  let out = '';
  let previousEnd: number | undefined = 0;
  for (const cell of cells) {
    const text = renderCell(cell, file.eol);
    const contiguous = cell.origin !== undefined && previousEnd === cell.origin.start;
    out = contiguous ? out + text : joinWithBlankLine(out, text, file.eol);
    previousEnd = cell.origin?.end;
  }
  if (cells.length > 0 && previousEnd !== file.length) out = trimTrailingBlankLines(out, file.eol);
  return (file.bom ? BOM : '') + out;
}

function joinWithBlankLine(before: string, after: string, eol: LineEnding): string {
  const head = stripLeadingBlankLines(after);
  if (before === '') return head;
  const tail = trimTrailingBlankLines(before, eol);
  return tail + eol + head;
}

/** Leaves the text ending in exactly one line ending after its last non-blank line. */
function trimTrailingBlankLines(text: string, eol: LineEnding): string {
  const trimmed = text.replace(/(?:(?:\r\n|\r|\n)[ \t]*)+$/, '');
  if (trimmed === '') return '';
  const ending = /\r\n|\r|\n/.exec(text.slice(trimmed.length))?.[0];
  return trimmed + (ending ?? eol);
}

function stripLeadingBlankLines(text: string): string {
  return text.replace(/^(?:[ \t]*(?:\r\n|\r|\n))+/, '');
}
