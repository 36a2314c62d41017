// The Runbook Health view: which runbook judges (the pinned one, else the
// runbook notebook in front), and the health monitor that feeds the tree,
// running only while the view is visible and not paused. The monitor comes
// from the engine bundle, loaded the first time the view shows; the model is
// built and judged in core/health.

import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { HealthMonitor } from '../core/health';
import type { Runbook } from '../core/runbook';
import { Disposable } from './disposable';
import { loadEngine } from './engine';
import { HealthTree } from './healthTree';
import type { Log } from './log';
import type { NotebookRunbooks } from './notebookRunbooks';
import { NOTEBOOK_TYPE } from './serializer';
import type { NotebookSessions } from './sessions';

export const HEALTH_VIEW_ID = 'runbook.health';

export const NO_RUNBOOK_MESSAGE = 'Open a runbook notebook, or pin one with "Pin Runbook to Health View", to see its health.';
const READING_MESSAGE = 'Reading the sources the runbook names...';
const PAUSED_MESSAGE = 'Paused: Resume to read the sources the runbook names.';

/** Edits to the judged runbook restart the monitor once typing pauses this long. */
const EDIT_SETTLE_MS = 1000;

export class HealthView extends Disposable {
  readonly tree = this.register(new HealthTree());
  readonly view: vscode.TreeView<string>;
  private pinned: vscode.NotebookDocument | undefined;
  private focused: vscode.NotebookDocument | undefined;
  private paused = false;
  private monitor: HealthMonitor | undefined;
  /** What the running monitor was started for: the runbook's thresholds and steps, and the settings. */
  private runningKey: string | undefined;
  private editTimer: NodeJS.Timeout | undefined;
  /** The notebook whose runbook judged the model in the tree. */
  private shownFor: string | undefined;

  constructor(
    private readonly runbooks: NotebookRunbooks,
    private readonly sessions: NotebookSessions,
    private readonly log: Log,
  ) {
    super();
    this.view = this.register(vscode.window.createTreeView(HEALTH_VIEW_ID, { treeDataProvider: this.tree, showCollapseAll: true }));
    this.register(this.view.onDidChangeVisibility(() => this.sync()));
    this.register(vscode.window.onDidChangeActiveNotebookEditor((editor) => this.focus(editor?.notebook)));
    this.register(vscode.window.onDidChangeVisibleNotebookEditors(() => this.focus(undefined)));
    this.register(
      vscode.workspace.onDidCloseNotebookDocument((notebook) => {
        if (notebook === this.pinned) this.pin(undefined);
        if (notebook === this.focused) this.focused = undefined;
        this.sync();
      }),
    );
    this.register(
      vscode.workspace.onDidChangeNotebookDocument((event) => {
        if (event.notebook !== this.judged() || !(event.contentChanges.length || event.cellChanges.some((c) => c.document))) return;
        clearTimeout(this.editTimer);
        this.editTimer = setTimeout(() => this.sync(), EDIT_SETTLE_MS);
      }),
    );
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('runbook.health') || event.affectsConfiguration('runbook.envFile')) this.restart();
      }),
    );
    this.register({ dispose: () => (clearTimeout(this.editTimer), void this.stopMonitor()) });
    this.focused = runbookNotebook(vscode.window.activeNotebookEditor?.notebook) ?? vscode.window.visibleNotebookEditors.map((e) => e.notebook).find((n) => runbookNotebook(n));
    void vscode.commands.executeCommand('setContext', 'runbook.health.paused', false);
    void vscode.commands.executeCommand('setContext', 'runbook.health.pinned', false);
    this.sync();
  }

  /** The notebook whose runbook judges: the pinned one, else the runbook notebook in front (see focus). */
  judged(): vscode.NotebookDocument | undefined {
    return this.pinned ?? this.focused;
  }

  /** Whether the monitor runs now. */
  get monitoring(): boolean {
    return this.monitor !== undefined;
  }

  /** Pins the notebook's runbook (undefined unpins): it judges whichever notebook has focus. */
  pin(notebook: vscode.NotebookDocument | undefined): void {
    this.pinned = notebook;
    void vscode.commands.executeCommand('setContext', 'runbook.health.pinned', notebook !== undefined);
    this.sync();
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    void vscode.commands.executeCommand('setContext', 'runbook.health.paused', paused);
    this.sync();
  }

  /** Reads every source again now and shows the result. */
  async refresh(): Promise<void> {
    const monitor = this.monitor;
    if (!monitor) return this.restart();
    await monitor.refresh();
    if (monitor === this.monitor) this.tree.show(monitor.model());
  }

  /** Starts the monitor again from scratch (new settings). */
  restart(): void {
    void this.stopMonitor();
    this.sync();
  }

  /**
   * Follows the runbook notebook in front. A text editor or another kind of
   * notebook in front keeps the last runbook while it is still visible; once
   * it is not, another visible runbook notebook judges, or none.
   */
  private focus(notebook: vscode.NotebookDocument | undefined): void {
    const visible = vscode.window.visibleNotebookEditors.map((e) => e.notebook);
    const next = runbookNotebook(notebook) ?? (this.focused && visible.includes(this.focused) ? this.focused : visible.find((n) => runbookNotebook(n)));
    if (next === this.focused) return;
    this.focused = next;
    this.sync();
  }

  /** Runs the monitor that the view, the runbook and the settings call for, and nothing else. */
  private sync(): void {
    const notebook = this.judged();
    const runbook = notebook ? this.runbooks.get(notebook) : undefined;
    this.view.description = notebook ? `${this.pinned ? 'pinned: ' : ''}${basename(notebook.uri.path)}${this.paused ? ' (paused)' : ''}` : undefined;
    if (!notebook || !runbook) {
      this.tree.message = NO_RUNBOOK_MESSAGE;
      void this.stopMonitor();
      return;
    }
    if (!this.view.visible || this.paused) {
      // The last model stays in view; nothing is read while hidden or paused.
      if (this.tree.message === NO_RUNBOOK_MESSAGE) this.tree.message = this.tree.current.roots.length ? undefined : PAUSED_MESSAGE;
      void this.stopMonitor();
      return;
    }
    const key = monitorKey(notebook, runbook);
    if (key === this.runningKey) return;
    void this.stopMonitor();
    this.startMonitor(notebook, runbook, key);
  }

  private startMonitor(notebook: vscode.NotebookDocument, runbook: Runbook, key: string): void {
    const settings = vscode.workspace.getConfiguration('runbook.health', notebook.uri);
    const { HealthMonitor } = loadEngine();
    let monitor: HealthMonitor;
    try {
      monitor = new HealthMonitor({
        env: this.sessions.environment(notebook.uri),
        runbook,
        contexts: settings.get<string[]>('contexts') ?? [],
        metricsIntervalSeconds: settings.get<number>('metricsIntervalSeconds') ?? 15,
      }).start();
    } catch (error) {
      this.log.error(`health view: ${(error as Error).message}`);
      this.tree.message = `The health monitor could not start: ${(error as Error).message}`;
      return;
    }
    this.monitor = monitor;
    this.runningKey = key;
    this.log.info(`health view: watching for ${notebook.uri.fsPath}`);
    // Another runbook's verdicts are not shown while this one's first model is read.
    if (this.shownFor !== notebook.uri.toString()) this.tree.show({ level: 'ok', exitCode: 0, roots: [] });
    this.shownFor = notebook.uri.toString();
    if (!this.tree.current.roots.length) this.tree.message = READING_MESSAGE;
    monitor.onChange(() => {
      if (monitor === this.monitor) this.tree.show(monitor.model());
    });
    void monitor.settled().then(
      () => {
        if (monitor !== this.monitor) return;
        this.tree.show(monitor.model());
        this.tree.message = undefined;
      },
      (error: Error) => this.log.error(`health view: ${error.message}`),
    );
  }

  private async stopMonitor(): Promise<void> {
    const monitor = this.monitor;
    this.monitor = undefined;
    this.runningKey = undefined;
    if (!monitor) return;
    try {
      await monitor.stop();
    } catch (error) {
      this.log.warn(`health view: stopping the monitor: ${(error as Error).message}`);
    }
  }
}

function runbookNotebook(notebook: vscode.NotebookDocument | undefined): vscode.NotebookDocument | undefined {
  return notebook?.notebookType === NOTEBOOK_TYPE && !notebook.isClosed ? notebook : undefined;
}

/** The runbook's thresholds and steps (what the monitor reads of it), so prose edits do not restart it. */
function monitorKey(notebook: vscode.NotebookDocument, runbook: Runbook): string {
  const steps = runbook.cells.filter((c) => c.kind === 'code').map((c) => c.text);
  return JSON.stringify([notebook.uri.toString(), runbook.groups, steps]);
}
