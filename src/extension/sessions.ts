// One engine session per open notebook: remembered values and open clients,
// and when each threshold breach began, released when the notebook closes.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import { parseEnvFile } from '../core/connections';
import { recordRunbookPath } from '../core/records';
import { Session } from '../core/session';
import type { BreachTracker } from '../core/thresholds';
import { Disposable } from './disposable';
import type { Log } from './log';
import { notebookRecordHeader } from './recordHeader';

export class NotebookSessions extends Disposable {
  private readonly sessions = new Map<string, Session>();
  /** Kept apart from the session: a new env file does not restart the breach clocks. */
  private readonly trackers = new Map<string, BreachTracker>();
  private readonly changed = new vscode.EventEmitter<vscode.NotebookDocument>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: Log) {
    super();
    this.register(this.changed);
    this.register(
      vscode.workspace.onDidCloseNotebookDocument((doc) => {
        this.trackers.delete(doc.uri.toString());
        void this.close(doc.uri.toString());
      }),
    );
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        // A new env file applies to new sessions; open ones keep their clients.
        if (e.affectsConfiguration('runbook.envFile')) for (const key of [...this.sessions.keys()]) void this.close(key);
      }),
    );
  }

  get(notebook: vscode.NotebookDocument): Session {
    const key = notebook.uri.toString();
    let session = this.sessions.get(key);
    if (!session) {
      session = new Session(this.cwd(notebook), this.environment(notebook.uri));
      this.sessions.set(key, session);
    }
    return session;
  }

  /** The notebook session's breach tracker; `create` makes it (the engine bundle owns the class). */
  breaches(notebook: vscode.NotebookDocument, create: () => BreachTracker): BreachTracker {
    const key = notebook.uri.toString();
    let tracker = this.trackers.get(key);
    if (!tracker) this.trackers.set(key, (tracker = create()));
    return tracker;
  }

  peek(notebook: vscode.NotebookDocument): Session | undefined {
    return this.sessions.get(notebook.uri.toString());
  }

  notifyChanged(notebook: vscode.NotebookDocument): void {
    this.changed.fire(notebook);
  }

  /**
   * Where cells run: the runbook's folder, so paths in it (`kubectl apply -f
   * k8s/...`) mean what they mean beside the runbook. A record's cells run in
   * the folder of the runbook its header names, when that folder exists.
   */
  private cwd(notebook: vscode.NotebookDocument): string {
    if (notebook.uri.scheme !== 'file') return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
    const header = notebookRecordHeader(notebook);
    const runbookDir = header ? dirname(recordRunbookPath(notebook.uri.fsPath, header)) : undefined;
    return runbookDir && existsSync(runbookDir) ? runbookDir : dirname(notebook.uri.fsPath);
  }

  /** The extension host's environment, overlaid by the file `runbook.envFile` names for the runbook at `uri`: what its cells get. */
  environment(uri: vscode.Uri): Record<string, string | undefined> {
    const env: Record<string, string | undefined> = { ...process.env };
    const setting = vscode.workspace.getConfiguration('runbook', uri).get<string>('envFile');
    if (!setting) return env;
    const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    const path = isAbsolute(setting) ? setting : join(folder, setting);
    try {
      const { values, ignored } = parseEnvFile(readFileSync(path, 'utf8'), env);
      if (ignored.length) this.log.warn(`runbook.envFile ${path}: ignored ${ignored.length} line(s) that are not assignments`);
      this.log.info(`runbook.envFile ${path}: ${Object.keys(values).length} variables`);
      return { ...env, ...values };
    } catch (error) {
      void vscode.window.showWarningMessage(`Runbook: could not read runbook.envFile "${path}": ${(error as Error).message}. Cells run with the editor's own environment.`);
      return env;
    }
  }

  private async close(key: string): Promise<void> {
    const session = this.sessions.get(key);
    this.sessions.delete(key);
    await session?.dispose();
  }

  override dispose(): void {
    for (const key of [...this.sessions.keys()]) void this.close(key);
    super.dispose();
  }
}
