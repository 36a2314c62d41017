// The active runbook's thresholds at a glance, in the window status bar:
// `$(warning) Runbook: 2 critical, 1 warning, 3 not measured`, with every
// threshold's latest verdict in the tooltip.

import * as vscode from 'vscode';
import { summarizeNotebook } from '../core/thresholds';
import { Disposable } from './disposable';
import type { Log } from './log';
import type { NotebookVerdicts } from './notebookVerdicts';
import type { NotebookRunbooks } from './notebookRunbooks';
import { NOTEBOOK_TYPE } from './serializer';
import { summaryWords } from './verdictText';

const UPDATE_DELAY_MS = 300;

export class NotebookVerdictSummary extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('runbook.verdicts', vscode.StatusBarAlignment.Left, 49));
  private timer: NodeJS.Timeout | undefined;
  private visible = false;

  constructor(
    private readonly verdicts: NotebookVerdicts,
    private readonly runbooks: NotebookRunbooks,
    private readonly log: Log,
  ) {
    super();
    this.item.name = 'Runbook: threshold verdicts';
    this.register(vscode.window.onDidChangeActiveNotebookEditor(() => this.schedule(0)));
    this.register(verdicts.onDidChange((notebook) => notebook === this.activeNotebook() && this.update()));
    this.register(
      vscode.workspace.onDidChangeNotebookDocument((event) => {
        if (event.notebook === this.activeNotebook() && (event.contentChanges.length || event.cellChanges.some((c) => c.document))) this.schedule(UPDATE_DELAY_MS);
      }),
    );
    this.register({ dispose: () => clearTimeout(this.timer) });
    this.schedule(UPDATE_DELAY_MS);
  }

  private activeNotebook(): vscode.NotebookDocument | undefined {
    const notebook = vscode.window.activeNotebookEditor?.notebook;
    return notebook?.notebookType === NOTEBOOK_TYPE ? notebook : undefined;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), delayMs);
  }

  private update(): void {
    clearTimeout(this.timer);
    const notebook = this.activeNotebook();
    const groups = notebook ? this.runbooks.get(notebook).groups : [];
    if (!notebook || groups.length === 0) return this.hide();
    try {
      const summary = summarizeNotebook(groups, this.verdicts.cellVerdicts(notebook));
      const words = summaryWords(summary.verdicts);
      this.item.text = words.text;
      this.item.tooltip = words.tooltip;
      this.item.backgroundColor =
        words.level === 'critical' ? new vscode.ThemeColor('statusBarItem.errorBackground') : words.level === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
      this.item.show();
      this.visible = true;
    } catch (error) {
      this.log.warn(`thresholds summary: ${(error as Error).message}`);
      this.hide();
    }
  }

  private hide(): void {
    this.item.hide();
    this.visible = false;
  }

  /** What the item shows now, undefined while hidden (for the extension's own tests). */
  get shown(): { text: string; tooltip: string } | undefined {
    return this.visible ? { text: this.item.text, tooltip: String(this.item.tooltip ?? '') } : undefined;
  }
}
