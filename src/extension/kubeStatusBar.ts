// The active Kubernetes context and namespace of the notebook in front, in
// the status bar, red when the context is a production target (the
// settings' patterns and the runbook's own); clicking switches them for that
// notebook's session.

import * as vscode from 'vscode';
import { kubeSelection, listKubeContexts } from '../core/connections';
import { productionMatch } from '../core/safety';
import { Disposable } from './disposable';
import type { NotebookRunbooks } from './notebookRunbooks';
import { safetySettings } from './safetySettings';
import { NOTEBOOK_TYPE } from './serializer';
import type { NotebookSessions } from './sessions';

export class KubeStatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('runbook.kubeContext', vscode.StatusBarAlignment.Left, 50));
  private visible = false;

  constructor(
    private readonly sessions: NotebookSessions,
    private readonly runbooks: NotebookRunbooks,
  ) {
    super();
    this.item.name = 'Runbook: Kubernetes context';
    this.item.command = 'runbook.switchKubeContext';
    this.register(vscode.window.onDidChangeActiveNotebookEditor(() => this.update()));
    this.register(sessions.onDidChange(() => this.update()));
    this.register(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('runbook.productionTargets') && this.update()));
    // The runbook's own `production:` patterns change when its front matter (the first cell) is edited.
    this.register(
      vscode.workspace.onDidChangeNotebookDocument((e) => {
        if (e.notebook === this.activeNotebook() && (e.contentChanges.length || e.cellChanges.some((c) => c.cell.index === 0 && c.document))) this.update();
      }),
    );
    this.register(vscode.commands.registerCommand('runbook.switchKubeContext', () => this.switchContext()));
    this.register(vscode.commands.registerCommand('runbook.switchKubeNamespace', () => this.switchNamespace()));
    this.update();
  }

  /** What the item shows now, undefined while hidden (for the extension's tests). */
  get shown(): { text: string; tooltip: string; production: boolean } | undefined {
    if (!this.visible) return undefined;
    return { text: this.item.text, tooltip: String(this.item.tooltip ?? ''), production: this.item.backgroundColor !== undefined };
  }

  private activeNotebook(): vscode.NotebookDocument | undefined {
    const notebook = vscode.window.activeNotebookEditor?.notebook;
    return notebook?.notebookType === NOTEBOOK_TYPE ? notebook : undefined;
  }

  private update(): void {
    const notebook = this.activeNotebook();
    this.visible = notebook !== undefined;
    if (!notebook) return this.item.hide();
    const session = this.sessions.get(notebook);
    try {
      const { current, contexts } = listKubeContexts(session.env());
      const chosen = kubeSelection(session);
      const context = chosen.context ?? current;
      const namespace = chosen.namespace ?? contexts.find((c) => c.name === context)?.namespace ?? 'default';
      const cluster = contexts.find((c) => c.name === context)?.cluster;
      const patterns = [...safetySettings(notebook.uri).productionTargets, ...this.runbooks.get(notebook).productionTargets];
      const production = productionMatch({ kind: 'kubernetes', label: context, name: context, details: { context, ...(cluster ? { cluster } : {}) } }, patterns);
      this.item.text = `$(${production ? 'warning' : 'cloud'}) ${production ? 'PRODUCTION ' : ''}${context} / ${namespace}`;
      this.item.backgroundColor = production ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
      this.item.tooltip = production
        ? `Production: ${production.name} matches "${production.pattern}" (runbook.productionTargets or the runbook's production: list). A change here runs only once you type ${context}. Click to switch.`
        : `Kubernetes context and namespace for kubectl cells in this runbook. Click to switch.`;
    } catch {
      this.item.text = '$(cloud) no kubeconfig';
      this.item.backgroundColor = undefined;
      this.item.tooltip = 'No kubeconfig found: set KUBECONFIG, or runbook.envFile to a file that sets it.';
    }
    this.item.show();
  }

  private async switchContext(): Promise<void> {
    const notebook = this.activeNotebook();
    if (!notebook) return;
    const session = this.sessions.get(notebook);
    const chosen = kubeSelection(session);
    const { current, contexts } = listKubeContexts(session.env());
    const pick = await vscode.window.showQuickPick(
      contexts.map((c) => ({ label: c.name, description: `cluster ${c.cluster}, namespace ${c.namespace}`, picked: c.name === (chosen.context ?? current) })),
      { title: 'Kubernetes context for this runbook' },
    );
    if (!pick) return;
    // A new context starts from its own namespace.
    chosen.context = pick.label;
    chosen.namespace = undefined;
    this.update();
  }

  private async switchNamespace(): Promise<void> {
    const notebook = this.activeNotebook();
    if (!notebook) return;
    const chosen = kubeSelection(this.sessions.get(notebook));
    const namespace = await vscode.window.showInputBox({ title: 'Kubernetes namespace for this runbook', value: chosen.namespace ?? 'default' });
    if (!namespace) return;
    chosen.namespace = namespace;
    this.update();
  }
}
