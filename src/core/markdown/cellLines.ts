// Where a cell's code starts in the file, for messages that name a line.

import type { RunbookCell } from './cells';

/** 1-based file line of the cell's first code line (the line after its opening fence). */
export function firstCodeLine(fileText: string, cell: RunbookCell): number | undefined {
  const origin = cell.origin;
  if (!origin) return undefined;
  const before = fileText.slice(0, origin.start + origin.leading.length);
  const lineBreaks = before.match(/\r\n|\r|\n/g)?.length ?? 0;
  return lineBreaks + 1 + (origin.fence ? 1 : 0);
}
