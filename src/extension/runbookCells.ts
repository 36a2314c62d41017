// A notebook's cells as a core Runbook: every cell in order (headings come
// from Markdown cells), the front matter marked as such. No `vscode` import:
// the mapping is unit-tested without an editor.

import { Runbook, type Cell } from '../core/runbook';

/** The part of a notebook cell the runbook needs. */
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

export function runbookOfCells(cells: readonly CellLike[]): Runbook {
  return new Runbook(
    cells.map((cell, index) => {
      const out: Cell = { index, kind: cell.markdown ? 'markdown' : 'code', language: cell.markdown ? 'markdown' : cell.languageId, text: cell.text };
      if (!cell.markdown && isFrontMatterCell(cell.metadata)) out.frontMatter = true;
      return out;
    }),
  );
}
