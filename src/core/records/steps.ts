// The step a cell belongs to, in the runbook's own words: the nearest heading
// above it, and the numbered item it sits in (`Scale up › 2. Raise replicas`).

import type { Runbook } from '../runbook';

const HEADING = /^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$/gm;
const NUMBERED_ITEM = /^ {0,3}(\d{1,9}[.)][ \t]+.+?)[ \t]*$/gm;

export function stepHeading(runbook: Runbook, cellIndex: number): string | undefined {
  let item: string | undefined;
  for (let i = cellIndex - 1; i >= 0; i--) {
    const cell = runbook.cells[i];
    if (cell?.kind !== 'markdown') continue;
    if (i === cellIndex - 1) item = last(cell.text, NUMBERED_ITEM);
    const heading = last(cell.text, HEADING);
    if (heading) return item ? `${heading} › ${item}` : heading;
  }
  return item;
}

function last(text: string, pattern: RegExp): string | undefined {
  const matches = [...text.matchAll(pattern)];
  return matches.length ? matches[matches.length - 1][1] : undefined;
}
