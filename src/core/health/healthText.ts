// The health tree as `runbook health` prints it: one line a node, indented,
// with its label and its level in words; stale sources say since when.

import type { HealthModel, HealthNode } from './healthNode';

const WORDS: Record<string, string> = { ok: 'ok', warning: 'WARNING', critical: 'CRITICAL', 'not-measured': 'not measured', unreachable: 'UNREACHABLE' };

export function healthText(model: HealthModel): string {
  const lines: string[] = [];
  const visit = (node: HealthNode, depth: number) => {
    const parts = [`${'  '.repeat(depth)}${node.name}`];
    if (node.label) parts.push(node.label);
    if (node.level) parts.push(`[${WORDS[node.level] ?? node.level}]`);
    if (node.stale) parts.push(`(stale since ${node.stale.since}: ${node.stale.reason})`);
    lines.push(parts.join('  '));
    for (const child of node.children ?? []) visit(child, depth + 1);
  };
  model.roots.forEach((root) => visit(root, 0));
  lines.push(`health: ${model.level}${model.exitCode === 3 ? ', a source could not be read' : ''} (exit ${model.exitCode})`);
  return lines.join('\n') + '\n';
}
