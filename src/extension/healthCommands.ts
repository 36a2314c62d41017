// The Runbook Health view's commands: Refresh, Pin/Unpin, Pause/Resume,
// Describe (a node into the "Runbook Health" output) and Open Runbook Step
// (the cell of the runbook that covers a node).

import * as vscode from 'vscode';
import { Disposable } from './disposable';
import { loadEngine } from './engine';
import type { HealthView } from './healthView';
import type { NotebookRunbooks } from './notebookRunbooks';
import { NOTEBOOK_TYPE } from './serializer';

export class HealthCommands extends Disposable {
  private readonly output = this.register(vscode.window.createOutputChannel('Runbook Health'));

  constructor(
    private readonly health: HealthView,
    private readonly runbooks: NotebookRunbooks,
  ) {
    super();
    const command = (id: string, run: (item?: string) => unknown) => this.register(vscode.commands.registerCommand(id, run));
    command('runbook.health.refresh', () => health.refresh());
    command('runbook.health.pin', () => this.pin());
    command('runbook.health.unpin', () => health.pin(undefined));
    command('runbook.health.pause', () => health.setPaused(true));
    command('runbook.health.resume', () => health.setPaused(false));
    command('runbook.health.describe', (item) => this.describe(item));
    command('runbook.health.openStep', (item) => this.openStep(item));
  }

  private pin(): void {
    const notebook = vscode.window.activeNotebookEditor?.notebook ?? this.health.judged();
    if (notebook?.notebookType !== NOTEBOOK_TYPE) {
      void vscode.window.showInformationMessage('Runbook: open a runbook notebook to pin it to the Health view.');
      return;
    }
    this.health.pin(notebook);
  }

  /** The item the menu was opened on, else the view's selection. */
  private target(item: string | undefined): string | undefined {
    return item ?? this.health.view.selection[0];
  }

  /** The node's name, label, level and detail, appended to the "Runbook Health" output. */
  describe(item?: string): string | undefined {
    const id = this.target(item);
    const node = id ? this.health.tree.node(id) : undefined;
    if (!id || !node) return undefined;
    const lines = [
      node.name,
      `  path:  ${this.health.tree.path(id)?.join(' > ')}`,
      `  kind:  ${node.kind}`,
      `  label: ${node.label || '(none)'}`,
      `  level: ${node.level ?? '(not judged)'}`,
      ...(node.stale ? [`  stale: not updated since ${node.stale.since}: ${node.stale.reason}`] : []),
      ...(node.detail ? ['  detail:', ...node.detail.split('\n').map((line) => `    ${line}`)] : []),
      ...(node.children?.length ? [`  children: ${node.children.length}`] : []),
    ];
    const text = lines.join('\n');
    this.output.appendLine(text);
    this.output.appendLine('');
    this.output.show(true);
    return text;
  }

  /** Reveals the runbook cell that covers the node; says so when none does. */
  async openStep(item?: string): Promise<number | undefined> {
    const id = this.target(item);
    const node = id ? this.health.tree.node(id) : undefined;
    const notebook = this.health.judged();
    if (!node || !notebook) return undefined;
    const runbook = this.runbooks.get(notebook);
    // A node in the tree means the monitor, and so the engine bundle, has loaded.
    const index = loadEngine().runbookStepCell(runbook.cells, runbook.groups, node);
    if (index === undefined || index >= notebook.cellCount) {
      void vscode.window.showInformationMessage(`Runbook: no threshold group of ${notebook.uri.path.split('/').pop()} covers ${node.name}.`);
      return undefined;
    }
    const range = new vscode.NotebookRange(index, index + 1);
    const editor = await vscode.window.showNotebookDocument(notebook, { selections: [range] });
    editor.revealRange(range, vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
    return index;
  }
}
