// The Runbook Health view's tree: the health model's nodes as tree items,
// with an icon and colour per level, the label and level as the description,
// and the detail as the tooltip. A new model refreshes only the nodes that
// changed. No logic here: the model is built and judged in core/health.
// Node ids and the changed nodes come from the engine bundle, which the
// monitor has loaded before any model reaches the tree.

import * as vscode from 'vscode';
import type { HealthModel, HealthNode } from '../core/health';
import { loadEngine } from './engine';

/** The id of the item shown instead of the tree while there is nothing to judge. */
const MESSAGE_ID = '\u0000message';

const ICONS: Record<string, vscode.ThemeIcon> = {
  ok: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  critical: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  'not-measured': new vscode.ThemeIcon('circle-outline', new vscode.ThemeColor('disabledForeground')),
  unreachable: new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('list.errorForeground')),
};
const WORDS: Record<string, string> = { warning: 'warning', critical: 'critical', 'not-measured': 'not measured', unreachable: 'unreachable' };

/** What a root connects with, for the tooltip of a root that could not be read. */
const SETTINGS: Record<string, string> = {
  kubernetes: 'KUBECONFIG and runbook.health.contexts',
  postgres: 'the PG* variables',
  redis: 'REDIS_URL or REDIS_CLUSTER_URL',
  s3: 'AWS_ENDPOINT_URL and the AWS credentials',
  http: 'RUNBOOK_HOSTS and CURL_CA_BUNDLE',
};

interface Entry {
  node: HealthNode;
  path: string[];
}

export class HealthTree implements vscode.TreeDataProvider<string> {
  private model: HealthModel = { level: 'ok', exitCode: 0, roots: [] };
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<string | string[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private shownMessage: string | undefined;

  /** Shown as the only item while set (no runbook to judge by); `undefined` shows the tree. */
  get message(): string | undefined {
    return this.shownMessage;
  }

  set message(text: string | undefined) {
    if (text === this.shownMessage) return;
    this.shownMessage = text;
    this.changed.fire(undefined);
  }

  show(model: HealthModel): void {
    const { changedNodes, nodeId } = loadEngine();
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

  /** The id of the node at this path of names from its root. */
  id(path: readonly string[]): string {
    return loadEngine().nodeId(path);
  }

  node(id: string): HealthNode | undefined {
    return this.entries.get(id)?.node;
  }

  /** The node's names from its root. */
  path(id: string): readonly string[] | undefined {
    return this.entries.get(id)?.path;
  }

  getChildren(id?: string): string[] {
    if (id === undefined) return this.shownMessage !== undefined ? [MESSAGE_ID] : this.model.roots.map((r) => this.id([r.name]));
    const entry = this.entries.get(id);
    return (entry?.node.children ?? []).map((c) => this.id([...entry!.path, c.name]));
  }

  getParent(id: string): string | undefined {
    const entry = this.entries.get(id);
    return entry && entry.path.length > 1 ? this.id(entry.path.slice(0, -1)) : undefined;
  }

  getTreeItem(id: string): vscode.TreeItem {
    if (id === MESSAGE_ID) {
      const item = new vscode.TreeItem(this.shownMessage ?? '');
      item.id = MESSAGE_ID;
      item.iconPath = new vscode.ThemeIcon('info');
      item.contextValue = 'health.message';
      return item;
    }
    const node = this.entries.get(id)?.node;
    if (!node) return new vscode.TreeItem('');
    const collapsed = node.children?.length ? (node.level === 'warning' || node.level === 'critical' || node.kind === 'kubernetes' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed) : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(node.name, collapsed);
    item.id = id;
    const word = node.level ? WORDS[node.level] : undefined;
    item.description = [node.label, word === node.label ? undefined : word, node.stale ? `stale since ${node.stale.since}` : undefined].filter(Boolean).join(' · ');
    if (node.level) item.iconPath = ICONS[node.level];
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(`${node.name}${node.label ? `: ${node.label}` : ''}`);
    if (node.detail) tooltip.appendText(`\n\n${node.detail}`);
    if (node.stale) tooltip.appendText(`\n\nNot updated since ${node.stale.since}: ${node.stale.reason}`);
    const settings = SETTINGS[node.kind];
    if (node.level === 'unreachable' && settings) tooltip.appendText(`\n\nCheck ${settings} (the editor's environment, overlaid by runbook.envFile), then run Refresh.`);
    item.tooltip = tooltip;
    item.contextValue = `health.${node.kind}`;
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
