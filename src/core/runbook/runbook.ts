// A runbook as the runner and the editor see it: its cells in order, with
// their languages and where their code starts in the file, and its
// thresholds, read once for this version of the text.

import { firstCodeLine, parseRunbook } from '../markdown';
import { frontMatterProduction } from '../safety/frontMatterProduction';
import { readThresholds, type ThresholdGroup, type ThresholdReading } from '../thresholds';

export interface Cell {
  /** Position in the notebook's cell list. */
  index: number;
  kind: 'code' | 'markdown';
  /** VS Code language id (`shellscript`, `sql`, `yaml`, ...); `markdown` for prose. */
  language: string;
  text: string;
  /** 1-based line in the file of the cell's first line of code (absent for a cell added in the editor). */
  line?: number;
  /** The YAML front matter (`---` block at the top). */
  frontMatter?: boolean;
}

export class Runbook {
  private reading: ThresholdReading | undefined;
  /** Set when reading the thresholds threw (a bug): the runbook then has none. */
  thresholdError: Error | undefined;

  constructor(
    readonly cells: readonly Cell[],
    thresholds?: ThresholdReading,
  ) {
    this.reading = thresholds;
  }

  /** A runbook file's text, parsed as the notebook opens it. */
  static fromMarkdown(text: string): Runbook {
    const body = text.replace(/^\uFEFF/, '');
    const cells = parseRunbook(text).cells.map((cell, index): Cell => {
      const out: Cell = { index, kind: cell.kind === 'code' ? 'code' : 'markdown', language: cell.kind === 'code' ? cell.language : 'markdown', text: cell.value };
      const line = cell.kind === 'code' ? firstCodeLine(body, cell) : undefined;
      if (line !== undefined) out.line = line;
      if (cell.origin?.fence?.role === 'frontmatter') out.frontMatter = true;
      return out;
    });
    return new Runbook(cells);
  }

  /** Thresholds and their diagnostics; read on first use, never again for this text. Never throws. */
  get thresholds(): ThresholdReading {
    if (!this.reading) {
      try {
        this.reading = readThresholds(this.cells.map((c) => ({ kind: c.kind, language: c.language, text: c.text, frontMatter: c.frontMatter })));
      } catch (error) {
        this.thresholdError = error as Error;
        this.reading = { groups: [], diagnostics: [] };
      }
    }
    return this.reading;
  }

  get groups(): readonly ThresholdGroup[] {
    return this.thresholds.groups;
  }

  /** Production target patterns the front matter adds (`production: [...]`). */
  get productionTargets(): string[] {
    const front = this.cells.find((c) => c.frontMatter);
    return front ? frontMatterProduction(front.text) : [];
  }

  /** The same cells judged by other thresholds (`runbook exec --thresholds`, scaled durations in tests). */
  withThresholds(thresholds: ThresholdReading): Runbook {
    return new Runbook(this.cells, thresholds);
  }

  /** Code cells that run: not the front matter. */
  get codeCells(): Cell[] {
    return this.cells.filter((c) => c.kind === 'code' && !c.frontMatter);
  }
}
