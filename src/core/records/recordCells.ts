// The two cells a record adds to its runbook's: the front matter holding the
// header, and the timeline section at the end.

import type { RunbookCell } from '../markdown';
import { isTimeline } from './timeline';

export function frontMatterCell(cells: readonly RunbookCell[]): RunbookCell | undefined {
  const first = cells[0];
  return first?.origin?.fence?.role === 'frontmatter' ? first : undefined;
}

export function timelineCell(cells: readonly RunbookCell[]): RunbookCell | undefined {
  return cells.find(isTimelineCell);
}

export function isTimelineCell(cell: RunbookCell): boolean {
  return cell.kind === 'markdown' && isTimeline(cell.value);
}
