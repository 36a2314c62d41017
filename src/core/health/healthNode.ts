// The health model as the view and `runbook health` show it: a tree of
// nodes, each with a label and, where a threshold or a finding judged it, a
// level. Plain data: the CLI prints it, the VS Code view renders it.

import { LEVEL_RANK, maxLevel, type Level } from '../thresholds';

/** A judged node's level; `unreachable` when its source could not be read. */
export type HealthLevel = Level | 'not-measured' | 'unreachable';

export type RootKind = 'kubernetes' | 'postgres' | 'redis' | 's3' | 'http';

export interface HealthNode {
  /** `kubernetes`, `postgres`, ... for roots; `namespace`, `deployment`, `pods`, `threshold`, `events`, ... below. */
  kind: string;
  /** Stable among its siblings: `deployment/tiktok-toe`, `Database/connections`. */
  name: string;
  /** What the view shows beside the name: `3/3`, `84% of max_connections`. */
  label: string;
  /** Absent for a node nothing judges (a count of warning events). */
  level?: HealthLevel;
  /** For the tooltip: the measurement, the threshold, the value and since when. */
  detail?: string;
  /** The source is not live: since when the shown data has not been updated, and why. */
  stale?: { since: string; reason: string };
  children?: HealthNode[];
}

export interface HealthModel {
  level: Level;
  exitCode: number;
  roots: HealthNode[];
}

/** The worst of these levels that a threshold or finding gave (not measured, unreachable and unjudged left out). */
export function judgedLevel(levels: Iterable<string | undefined>): Level {
  return maxLevel([...levels].filter((l): l is Level => l === 'ok' || l === 'warning' || l === 'critical'));
}

/** The worst judged level in a node and below it; unreachable counts on its own, not as a level. */
export function worstLevel(nodes: readonly HealthNode[]): Level {
  let worst: Level = 'ok';
  const visit = (node: HealthNode) => {
    const level = node.level;
    if (level === 'ok' || level === 'warning' || level === 'critical') if (LEVEL_RANK[level] > LEVEL_RANK[worst]) worst = level;
    node.children?.forEach(visit);
  };
  nodes.forEach(visit);
  return worst;
}

export function anyUnreachable(nodes: readonly HealthNode[]): boolean {
  return nodes.some((n) => n.level === 'unreachable' || (n.children ? anyUnreachable(n.children) : false));
}

/** The README's exit codes: 0, 1 or 2 from the highest level; 3 when a source could not be read. */
export function healthModel(roots: HealthNode[]): HealthModel {
  const level = worstLevel(roots);
  return { level, exitCode: anyUnreachable(roots) ? 3 : LEVEL_RANK[level], roots };
}
