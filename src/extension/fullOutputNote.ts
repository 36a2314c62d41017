// The line a cell shows above the last lines of an output too large to show
// whole: how many lines came before, and a link that opens all of it.

import type { FullOutput } from '../core/results';

export const OPEN_FULL_OUTPUT = 'runbook.openFullOutput';

export function fullOutputNote(full: Pick<FullOutput, 'path' | 'lines' | 'shownLines'>, stream: 'stdout' | 'stderr', running = false): string {
  const left = full.lines - full.shownLines;
  const args = encodeURIComponent(JSON.stringify([{ path: full.path }]));
  const what = stream === 'stdout' ? 'lines' : 'lines of stderr';
  const count = (n: number) => n.toLocaleString('en-US');
  return `*${count(left)} earlier ${what} not shown: the last ${count(full.shownLines)} of ${count(full.lines)}${running ? ' so far' : ''}.* [Open Full Output](command:${OPEN_FULL_OUTPUT}?${args})`;
}
