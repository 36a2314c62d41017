// The incident recorder of each open record (a runbook notebook whose front
// matter holds an `incident:` header), made on first use and dropped when the
// notebook closes. The runner subscribes it; the note and end commands use it.
// The recorder comes with the engine bundle.

import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_MAX_OUTPUT_BYTES, recordName, type IncidentRecorder } from '../core/records';
import type { RunnerListener } from '../core/runner';
import { Disposable } from './disposable';
import { loadEngine } from './engine';
import type { Log } from './log';
import { NotebookRecordTarget, type InlineRunPlace } from './notebookRecordTarget';
import type { NotebookRunbooks } from './notebookRunbooks';
import { notebookRecordHeader } from './recordHeader';
import { recordMasker } from './recordMasker';
import type { NotebookSessions } from './sessions';

export class NotebookRecords extends Disposable {
  private readonly recorders = new Map<string, IncidentRecorder>();
  private readonly targets = new Map<string, NotebookRecordTarget>();

  constructor(
    private readonly sessions: NotebookSessions,
    private readonly runbooks: NotebookRunbooks,
    private readonly log: Log,
  ) {
    super();
    this.register(vscode.workspace.onDidCloseNotebookDocument((notebook) => {
      this.recorders.delete(notebook.uri.toString());
      this.targets.delete(notebook.uri.toString());
    }));
  }

  /** The notebook's recorder when it is an incident record; undefined for a plain runbook, which is never written. */
  get(notebook: vscode.NotebookDocument): IncidentRecorder | undefined {
    const key = notebook.uri.toString();
    const known = this.recorders.get(key);
    if (known || notebook.isClosed || !notebookRecordHeader(notebook)) return known;
    const settings = vscode.workspace.getConfiguration('runbook.records', notebook.uri);
    const { IncidentRecorder, operatorName } = loadEngine();
    const target = new NotebookRecordTarget(notebook);
    this.targets.set(key, target);
    const recorder = new IncidentRecorder(target, {
      runbook: () => this.runbooks.get(notebook),
      who: operatorName(dirname(notebook.uri.fsPath)),
      masker: recordMasker(() => this.sessions.get(notebook)),
      maxOutputBytes: settings.get<number>('maxOutputBytes') || DEFAULT_MAX_OUTPUT_BYTES,
      recordName: recordName(notebook.uri.path),
    });
    this.recorders.set(key, recorder);
    return recorder;
  }

  /**
   * In a record, what the runner tells it about an inline command it knows by `index`, whose run goes after
   * its paragraph (`place`); undefined for a plain runbook. `done` forgets the place once the run is written.
   */
  inlineListener(notebook: vscode.NotebookDocument, index: number, place: InlineRunPlace): { listener: RunnerListener; done: () => void } | undefined {
    const listener = this.listener(notebook);
    const target = this.targets.get(notebook.uri.toString());
    if (!listener || !target) return undefined;
    target.placeInline(index, place);
    return { listener, done: () => target.forget(index) };
  }

  /** What the runner tells the record; a write that fails is shown and logged, and the run goes on. */
  listener(notebook: vscode.NotebookDocument): RunnerListener | undefined {
    const recorder = this.get(notebook);
    if (!recorder) return undefined;
    return async (event) => {
      try {
        await recorder.listener(event);
      } catch (error) {
        this.failed(notebook, error);
      }
    };
  }

  failed(notebook: vscode.NotebookDocument, error: unknown): void {
    const message = `could not write the incident record ${vscode.workspace.asRelativePath(notebook.uri)}: ${(error as Error).message}`;
    this.log.error(message);
    void vscode.window.showErrorMessage(`Runbook: ${message}`);
  }
}
