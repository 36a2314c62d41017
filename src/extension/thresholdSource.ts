// The notebook's cells as the thresholds reader sees them: every cell in
// order (headings come from Markdown cells), the front matter marked as such.
// No `vscode` import: the same shapes are unit-tested without an editor.

import type { ThresholdSourceCell } from '../core/thresholds';

/** The part of a notebook cell the reader needs (vscode.NotebookCell provides it through `fromNotebookCell`). */
export interface CellLike {
  markdown: boolean;
  languageId: string;
  text: string;
  metadata?: { readonly [key: string]: unknown };
}

/** True for the YAML front matter cell: the serializer keeps its fence with `role: 'frontmatter'`. */
export function isFrontMatterCell(metadata: CellLike['metadata']): boolean {
  const origin = metadata?.runbook as { fence?: { role?: string } } | undefined;
  return origin?.fence?.role === 'frontmatter';
}

export function thresholdSourceCells(cells: readonly CellLike[]): ThresholdSourceCell[] {
  return cells.map((cell) => {
    const source: ThresholdSourceCell = { kind: cell.markdown ? 'markdown' : 'code', language: cell.markdown ? 'markdown' : cell.languageId, text: cell.text };
    if (!cell.markdown && isFrontMatterCell(cell.metadata)) source.frontMatter = true;
    return source;
  });
}
