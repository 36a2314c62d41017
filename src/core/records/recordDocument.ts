// A record held as text (the CLI's side): its cells as the notebook opens
// them, changed by the recorder's writes and written back with every other
// byte as it was.

import { parseRunbook, serializeRunbook, type RunbookCell, type RunbookDocument } from '../markdown';
import { frontMatterCell, timelineCell } from './recordCells';
import type { RecordCell, RecordTarget, RecordWrite } from './recorder';

export class RecordDocument {
  readonly doc: RunbookDocument;

  constructor(text: string) {
    this.doc = parseRunbook(text);
  }

  /** The target a recorder writes through; `save` makes each write durable. */
  target(save: (text: string, sidecars: RecordWrite['sidecars']) => Promise<void>): RecordTarget {
    return {
      frontMatter: () => this.frontMatterCell()?.value ?? '',
      timeline: () => this.timelineCell()?.value,
      cell: (index) => recordCell(this.doc.cells[index], this.doc.file.eol),
      write: async (change) => {
        this.apply(change);
        await save(this.text(), change.sidecars);
      },
    };
  }

  apply(change: RecordWrite): void {
    if (change.runs) this.doc.cells[change.runs.cellIndex].runs = change.runs.text;
    // A record always has front matter: the recorder reads its header from it.
    const front = this.frontMatterCell();
    if (front) front.value = change.frontMatter;
    const timeline = this.timelineCell();
    if (timeline) timeline.value = change.timeline;
    else this.doc.cells.push({ kind: 'markdown', language: 'markdown', value: change.timeline });
  }

  text(): string {
    return serializeRunbook(this.doc);
  }

  private frontMatterCell(): RunbookCell | undefined {
    return frontMatterCell(this.doc.cells);
  }

  private timelineCell(): RunbookCell | undefined {
    return timelineCell(this.doc.cells);
  }
}

/** A code cell as the recorder sees it. */
export function recordCell(cell: RunbookCell | undefined, fileEol: string): RecordCell | undefined {
  if (!cell || cell.kind !== 'code') return undefined;
  const origin = cell.origin;
  const body = origin?.body ?? '';
  return {
    prefix: origin?.fence?.prefix ?? '',
    eol: /\r\n|\r|\n/.exec(body)?.[0] ?? fileEol,
    runs: cell.runs ?? origin?.runs ?? '',
    endsWithEol: !origin || /[\r\n]$/.test(body),
    closed: origin?.fence?.closing !== null,
  };
}
