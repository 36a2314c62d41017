// The notebook shape of a runbook: cells, and where each came from in the file.

import type { LineEnding } from './lines';

/** How a code cell was fenced in the file, so an edited cell is written back the same way. */
export interface FenceOrigin {
  /** The raw opening line (container prefix, marker, info string), without its ending. */
  opening: string;
  /** The raw closing line without its ending, or null for a fence left open. */
  closing: string | null;
  /** The fence marker as written: "```", "~~~~", or "---" for front matter. */
  marker: string;
  /** The info string after the marker (empty for none). */
  info: string;
  /** What goes before each code line: list indentation, "> ", or both. */
  prefix: string;
  /** The cell language that the info string gave. */
  language: string;
  /** Set for the YAML front matter block at the top of the file. */
  role?: 'frontmatter';
}

/** Where a cell came from: the exact characters it stood for and the value it was given. */
export interface CellOrigin {
  /** Offsets of the cell's characters in the file's text (after any BOM). */
  start: number;
  end: number;
  /** Blank lines before the cell's body, as written. */
  leading: string;
  /** The body as written: prose lines, or the whole fence with its container prefixes. */
  body: string;
  /** Blank lines after the body, as written. */
  trailing: string;
  /** An incident record's runs of this code cell, as written after its fence (blank lines between included). */
  runs?: string;
  /** Fingerprint of the value the cell was opened with. */
  valueHash: string;
  fence?: FenceOrigin;
}

export interface RunbookCell {
  kind: 'markdown' | 'code';
  /** The text shown in the cell, with \n line endings. */
  value: string;
  /** 'markdown' for prose, otherwise a VS Code language id. */
  language: string;
  /** Absent for a cell the user added. */
  origin?: CellOrigin;
  /** An incident record's runs of this code cell, as they are to be written after its fence; defaults to the origin's. */
  runs?: string;
}

export interface RunbookFile {
  /** The file started with a UTF-8 byte order mark. */
  bom: boolean;
  /** Line ending for text the notebook writes anew. */
  eol: LineEnding;
  /** Length of the file's text (after any BOM) when it was opened. */
  length: number;
}

export interface RunbookDocument {
  cells: RunbookCell[];
  file: RunbookFile;
}
