// Which cell of the runbook covers a health node: for a threshold node, the
// YAML cell of its group; for a kubernetes, postgres or redis root, the
// heading of the first group about that component (the YAML cell itself when
// no Markdown cell above it holds the heading).

import type { Cell } from '../runbook/runbook';
import { headingsOf } from '../thresholds/headings';
import type { ThresholdGroup } from '../thresholds/types';
import type { HealthNode } from './healthNode';

const COMPONENT_ROOTS = new Set(['kubernetes', 'postgres', 'redis']);

/** The cell index to reveal for the node, or undefined when no group of the runbook covers it. */
export function runbookStepCell(cells: readonly Pick<Cell, 'kind' | 'text'>[], groups: readonly ThresholdGroup[], node: Pick<HealthNode, 'kind' | 'name'>): number | undefined {
  if (node.kind === 'threshold') {
    // Longest name first: a group named `Web/API` is not the group `Web`.
    const group = [...groups].sort((a, b) => b.name.length - a.name.length).find((g) => node.name.startsWith(`${g.name}/`));
    return group?.cellIndex;
  }
  if (!COMPONENT_ROOTS.has(node.kind)) return undefined;
  const group = groups.find((g) => g.component === node.kind);
  if (!group) return undefined;
  for (let index = group.cellIndex - 1; index >= 0; index--) {
    const cell = cells[index];
    if (cell.kind === 'markdown' && headingsOf(cell.text).some((h) => h.text === group.name)) return index;
  }
  return group.cellIndex;
}
