// The Runbook Health view's tree: the health model's nodes as tree items,
// with an icon and colour per level, the label and level as the description,
// and the detail as the tooltip. A new model refreshes only the nodes that
// changed. No logic here: the model is built and judged in core/health.

import * as vscode from 'vscode';
import { changedNodes, nodeId, type HealthModel, type HealthNode } from '../core/health';

const ICONS: Record<string, vscode.ThemeIcon> = {
  ok: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  critical: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  'not-measured': new vscode.ThemeIcon('circle-outline', new vscode.ThemeColor('disabledForeground')),
  unreachable: new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('list.errorForeground')),
};
const WORDS: Record<string, string> = { warning: 'warning', critical: 'critical', 'not-measured': 'not measured', unreachable: 'unreachable' };

interface Entry {
  node: HealthNode;
  path: string[];
}

export class HealthTree implements vscode.TreeDataProvider<string> {
  private model: HealthModel = { level: 'ok', exitCode: 0, roots: [] };
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<string | string[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Shown when there is nothing to show yet (no runbook, loading). */
  message: string | undefined;

  show(model: HealthModel): void {
    const changed = changedNodes(this.model.roots, model.roots);
    this.model = model;
    this.entries.clear();
    const index = (node: HealthNode, path: string[]) => {
      this.entries.set(nodeId(path), { node, path });
      node.children?.forEach((child) => index(child, [...path, child.name]));
    };
    model.roots.forEach((root) => index(root, [root.name]));
    if (changed === undefined) this.changed.fire(undefined);
    else if (changed.length) this.changed.fire(changed);
  }

  get current(): HealthModel {
    return this.model;
  }

  node(id: string): HealthNode | undefined {
    return this.entries.get(id)?.node;
  }

  getChildren(id?: string): string[] {
    if (id === undefined) return this.model.roots.map((r) => nodeId([r.name]));
    const entry = this.entries.get(id);
    return (entry?.node.children ?? []).map((c) => nodeId([...entry!.path, c.name]));
  }

  getParent(id: string): string | undefined {
    const entry = this.entries.get(id);
    return entry && entry.path.length > 1 ? nodeId(entry.path.slice(0, -1)) : undefined;
  }

  getTreeItem(id: string): vscode.TreeItem {
    const node = this.entries.get(id)?.node;
    if (!node) return new vscode.TreeItem('');
    const collapsed = node.children?.length ? (node.level === 'warning' || node.level === 'critical' || node.kind === 'kubernetes' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed) : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(node.name, collapsed);
    item.id = id;
    const word = node.level ? WORDS[node.level] : undefined;
    item.description = [node.label, word, node.stale ? `stale since ${node.stale.since}` : undefined].filter(Boolean).join(' · ');
    if (node.level) item.iconPath = ICONS[node.level];
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(`${node.name}${node.label ? `: ${node.label}` : ''}`);
    if (node.detail) tooltip.appendText(`\n\n${node.detail}`);
    if (node.stale) tooltip.appendText(`\n\nNot updated since ${node.stale.since}: ${node.stale.reason}`);
    item.tooltip = tooltip;
    item.contextValue = `health.${node.kind}`;
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
