// Counts the lines a cell's stdout has received since it last started over
// (a `watch` frame clears it), so each command's record can say on which line
// of the cell's text its own output began.

import type { CellEvents } from './cellOptions';

export interface CountedEvents {
  /** Passes everything on, counting stdout's line endings. */
  events: CellEvents;
  /** Line endings written so far: the 0-based line the next output lands on. */
  lines(): number;
}

export function countLines(events: CellEvents): CountedEvents {
  let lines = 0;
  return {
    events: {
      stdout: (text) => {
        for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
        events.stdout(text);
      },
      stderr: (text) => events.stderr(text),
      clear: () => {
        lines = 0;
        events.clear();
      },
    },
    lines: () => lines,
  };
}
