// The notebook's side of the shared runbook runner (loaded with the engine on
// the first run): VS Code's prompts, editor and settings go in; the runner's
// events come back as cell executions, streamed outputs, verdicts in the
// status bars, log lines and Run All's stop messages; an incident record's
// recorder subscribes to them too.

import * as vscode from 'vscode';
import { findCodeSpans, INLINE_NOT_RUN_IN_EDITOR, isInlineCommand } from '../core/inline';
import { isTimeline } from '../core/records';
import { cellSucceeded, type RunnerEvent, type StopReason } from '../core/runner';
import { CellOutputWriter } from './cellOutputs';
import type { CellRunner, StartExecution } from './controller';
import type { Log } from './log';
import type { NotebookRecords } from './notebookRecords';
import type { NotebookRunbooks } from './notebookRunbooks';
import type { NotebookVerdicts } from './notebookVerdicts';
import { notebookRunbookRunner, type NotebookRunnerParts } from './notebookRunbookRunner';

interface Running {
  execution: vscode.NotebookCellExecution;
  writer: CellOutputWriter;
  subscription: vscode.Disposable;
}

export class NotebookRunner implements CellRunner {
  constructor(
    private readonly parts: NotebookRunnerParts,
    private readonly runbooks: NotebookRunbooks,
    private readonly verdicts: NotebookVerdicts,
    private readonly records: NotebookRecords,
    private readonly log: Log,
  ) {}

  async run(cells: vscode.NotebookCell[], notebook: vscode.NotebookDocument, start: StartExecution): Promise<void> {
    const settings = vscode.workspace.getConfiguration('runbook', notebook.uri);
    /** The cell running now: cells run one at a time. */
    let current: Running | undefined;
    const policy = {
      continueOnFailure: settings.get<boolean>('runAll.continueOnFailure', false),
      stopOnCritical: settings.get<boolean>('stopOnCritical', true),
      streamWindowMs: settings.get<number>('runAll.streamWindowSeconds', 10) * 1000,
    };
    const runner = notebookRunbookRunner(notebook, this.parts, () => this.runbooks.get(notebook), policy, () => current!.execution.token);
    runner.on((event) => {
      const entry = current;
      if (event.type === 'text') entry?.writer.events[event.stream](event.text);
      else if (event.type === 'clear') entry?.writer.events.clear();
      else if (event.type === 'spooled') entry?.writer.events.spooled(event.stream, event.path, event.maxLines);
      // Awaited by the runner: a cell's execution ends before the next cell's starts.
      else if (event.type === 'cell-finished' && entry) return this.finish(notebook, entry, event);
      else if (event.type === 'stopped') this.stopped(event.reason, event.message);
    });
    // A record writes each run into itself; a plain runbook is never written.
    const record = this.records.listener(notebook);
    if (record) runner.on(record);
    if (cells.length > 1) this.listInline(notebook);
    await runner.run(
      cells.map((c) => c.index),
      {
        signal: new AbortController().signal,
        startCell: (cell) => {
          const execution = start(notebook.cellAt(cell.index));
          const stop = new AbortController();
          const subscription = execution.token.onCancellationRequested(() => stop.abort('stopped'));
          current = { execution, writer: new CellOutputWriter(execution), subscription };
          return stop.signal;
        },
      },
    );
  }

  private async finish(notebook: vscode.NotebookDocument, entry: Running, event: Extract<RunnerEvent, { type: 'cell-finished' }>): Promise<void> {
    const { result } = event;
    entry.subscription.dispose();
    for (const command of result.commands ?? []) this.log.info(`${command.status} (${command.exitCode}) in ${command.durationMs} ms: ${command.command}`);
    this.verdicts.set(notebook.cellAt(event.cell.index), result.verdict);
    this.parts.sessions.notifyChanged(notebook);
    await entry.writer.finish(result);
    entry.execution.end(cellSucceeded(result), Date.now());
  }

  /** Run All never runs the commands written inline in the prose; the log lists them, and why. */
  private listInline(notebook: vscode.NotebookDocument): void {
    for (const cell of notebook.getCells()) {
      if (cell.kind !== vscode.NotebookCellKind.Markup || isTimeline(cell.document.getText())) continue;
      for (const span of findCodeSpans(cell.document.getText())) {
        if (isInlineCommand(span.text)) this.log.info(`not run: ${span.text} (cell ${cell.index + 1}, line ${span.line + 1}): ${INLINE_NOT_RUN_IN_EDITOR}`);
      }
    }
  }

  private stopped(reason: StopReason, message: string): void {
    if (reason === 'cancelled') return;
    const setting = reason === 'critical' ? 'Set runbook.stopOnCritical to false to keep going.' : 'Set runbook.runAll.continueOnFailure to keep going.';
    void vscode.window.showWarningMessage(`Run All ${message}. ${setting}`);
  }
}
