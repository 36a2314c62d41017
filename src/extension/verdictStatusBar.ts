// Each cell's verdict (ok / warning / critical) in its cell status bar, with
// every threshold, measurement and value in the tooltip.

import * as vscode from 'vscode';
import { Disposable } from './disposable';
import type { NotebookVerdicts } from './notebookVerdicts';
import { NOTEBOOK_TYPE } from './serializer';
import { cellStatusText, cellTooltip } from './verdictText';

export class VerdictStatusBar extends Disposable implements vscode.NotebookCellStatusBarItemProvider {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCellStatusBarItems = this.changed.event;

  constructor(private readonly verdicts: NotebookVerdicts) {
    super();
    this.register(verdicts.onDidChange(() => this.changed.fire()));
    this.register(vscode.notebooks.registerNotebookCellStatusBarItemProvider(NOTEBOOK_TYPE, this));
  }

  provideCellStatusBarItems(cell: vscode.NotebookCell): vscode.NotebookCellStatusBarItem[] {
    const verdict = this.verdicts.get(cell);
    if (!verdict) return [];
    const item = new vscode.NotebookCellStatusBarItem(cellStatusText(verdict), vscode.NotebookCellStatusBarAlignment.Left);
    item.tooltip = cellTooltip(verdict);
    item.accessibilityInformation = { label: `Runbook verdict: ${cellStatusText(verdict).replace(/^\$\([a-z-]+\) /, '')}` };
    return [item];
  }
}
