// Which nodes of the health tree changed between two models, so the view
// refreshes only those (a node whose children came or went refreshes as a
// whole; a node whose label or level moved refreshes alone). Nodes are known
// by their path of names from the root.

import type { HealthNode } from './healthNode';

export function nodeId(path: readonly string[]): string {
  return path.join('\u0000');
}

/** Ids of the nodes to refresh; `undefined` when the roots themselves changed (refresh everything). */
export function changedNodes(before: readonly HealthNode[], after: readonly HealthNode[]): string[] | undefined {
  if (!sameNames(before, after)) return undefined;
  const changed: string[] = [];
  const visit = (a: HealthNode, b: HealthNode, path: string[]) => {
    // The model keeps a node that nothing under changed: the same object, nothing to compare.
    if (a === b) return;
    const id = nodeId(path);
    if (!sameNames(a.children ?? [], b.children ?? [])) {
      changed.push(id);
      return;
    }
    if (a.label !== b.label || a.level !== b.level || a.detail !== b.detail || a.stale?.since !== b.stale?.since) changed.push(id);
    (a.children ?? []).forEach((child, i) => visit(child, b.children![i], [...path, child.name]));
  };
  before.forEach((root, i) => visit(root, after[i], [root.name]));
  return changed;
}

function sameNames(a: readonly HealthNode[], b: readonly HealthNode[]): boolean {
  return a.length === b.length && a.every((node, i) => node.name === b[i].name && node.kind === b[i].kind);
}
