// Runs an inline command of a Markdown cell through the shared runbook
// runner, as a cell of its own appended to the notebook's runbook: the same
// session (variables, placeholders and secrets asked once), the same
// prompts and confirmations, the runbook's thresholds and its front matter's
// production targets. A plain runbook is never written; an incident record
// gets the run after the paragraph. Loaded with the engine.

import * as vscode from 'vscode';
import { findCodeSpans, isInlineCommand, runAnchor, withRunAfterParagraph, type InlineRunShown } from '../core/inline';
import type { CellResult } from '../core/results';
import { Runbook, type Cell } from '../core/runbook';
import type { InlineRunPlace } from './notebookRecordTarget';
import type { NotebookRecords } from './notebookRecords';
import type { Log } from './log';
import type { NotebookRunbooks } from './notebookRunbooks';
import { notebookRunbookRunner, type NotebookRunnerParts } from './notebookRunbookRunner';
import { verdictLine } from './verdictText';

export interface InlineCommandRunner {
  /** The Markdown cell's text has this inline command at this 0-based line. */
  isWritten(cellText: string, line: number, command: string): boolean;
  /** Runs the command written at `line` of the Markdown cell `cell`; in an incident record, the run is written after its paragraph. */
  run(notebook: vscode.NotebookDocument, command: string, at: { cell: number; line: number }): Promise<InlineRunShown | undefined>;
}

export class InlineRunner implements InlineCommandRunner {
  constructor(
    private readonly parts: NotebookRunnerParts,
    private readonly runbooks: NotebookRunbooks,
    private readonly records: NotebookRecords,
    private readonly output: vscode.OutputChannel,
    private readonly log: Log,
  ) {}

  isWritten(cellText: string, line: number, command: string): boolean {
    return findCodeSpans(cellText).some((span) => span.line === line && span.text === command && isInlineCommand(span.text));
  }

  /** The run in the "Runbook Inline Commands" output and the log. */
  private write(shown: InlineRunShown, at: { cell: number; line: number }): void {
    this.log.info(`inline command (cell ${at.cell + 1}, line ${at.line + 1}): ${shown.status} (${shown.exitCode ?? '-'}): ${shown.command}`);
    this.output.appendLine(`$ ${shown.command}    (${shown.status}${shown.exitCode !== undefined ? `, exit ${shown.exitCode}` : ''})`);
    if (shown.text) this.output.appendLine(shown.text.replace(/\n$/, ''));
    for (const line of shown.verdicts) this.output.appendLine(line);
  }

  async run(notebook: vscode.NotebookDocument, command: string, at: { cell: number; line: number }): Promise<InlineRunShown | undefined> {
    const base = this.runbooks.get(notebook);
    const cell: Cell = { index: base.cells.length, kind: 'code', language: 'shellscript', text: command };
    const runbook = new Runbook([...base.cells, cell], base.thresholds);
    // While it runs, a notification names the command and its Cancel stops it, as a cell's Stop does.
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Running ${command}`, cancellable: true }, async (_progress, token) => {
      const stop = new AbortController();
      const subscription = token.onCancellationRequested(() => stop.abort('stopped'));
      const runner = notebookRunbookRunner(notebook, this.parts, () => runbook, { continueOnFailure: false, stopOnCritical: false }, () => token);
      // A record writes the run after the paragraph, as a cell's runs follow its fence; a plain runbook is never written.
      const place: InlineRunPlace = { cell: at.cell, prefix: (text) => runAnchor(text, at.line)?.prefix, insert: (text, block) => withRunAfterParagraph(text, at.line, block) };
      const record = this.records.inlineListener(notebook, cell.index, place);
      if (record) runner.on(record.listener);
      try {
        const outcome = await runner.run([cell.index], { signal: stop.signal });
        this.parts.sessions.notifyChanged(notebook);
        const result = outcome.results[0]?.result;
        offerTerminal(result);
        const shown = result ? shownResult(command, result) : undefined;
        if (shown) this.write(shown, at);
        return shown;
      } finally {
        record?.done();
        subscription.dispose();
      }
    });
  }
}

function shownResult(command: string, result: CellResult): InlineRunShown {
  const verdicts = [...(result.verdict?.verdicts.map(verdictLine) ?? []), ...(result.verdict?.findings.map((f) => `${f.level}: ${f.message}`) ?? [])];
  const notes = (result.commands ?? []).flatMap((c) => (c.status === 'declined' ? [`Not run: ${c.command} was declined.`] : c.status === 'skipped' ? [`Not run (read-only): ${c.reason ?? 'changes state'}`] : c.terminal ? [`Not run: ${c.terminal.reason}`] : []));
  const text = [result.text, result.stderr, result.message, ...notes].filter((part): part is string => Boolean(part)).map((part) => part.replace(/\n$/, '')).join('\n');
  return { type: 'inline-result', runId: '', command, state: 'finished', status: result.status, exitCode: result.exitCode, text, verdicts, level: result.verdict?.level };
}

/** A command that needs a terminal (`exec -it`, `port-forward`) is offered to one, as a cell's is. */
function offerTerminal(result: CellResult | undefined): void {
  const terminal = result?.commands?.find((c) => c.terminal)?.terminal;
  if (!terminal) return;
  void vscode.window.showInformationMessage(`Runbook: ${terminal.reason}.`, 'Run in Terminal').then((choice) => {
    if (choice) void vscode.commands.executeCommand('runbook.runInTerminal', { commandLine: terminal.commandLine });
  });
}
