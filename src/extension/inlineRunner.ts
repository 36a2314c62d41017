// Runs an inline command of a Markdown cell through the shared runbook
// runner, as a cell of its own appended to the notebook's runbook: the same
// session (variables, placeholders and secrets asked once), the same
// prompts and confirmations, the runbook's thresholds and its front matter's
// production targets. Nothing is written to the notebook. Loaded with the
// engine.

import * as vscode from 'vscode';
import type { ToolRegistry } from '../core/engine';
import { findCodeSpans, isInlineCommand } from '../core/inline';
import type { CellResult } from '../core/results';
import { Runbook, type Cell } from '../core/runbook';
import { DEFAULT_COMMAND_TIMEOUT_SECONDS, RunbookRunner } from '../core/runner';
import { BreachTracker } from '../core/thresholds';
import type { EditInEditor } from './editInEditor';
import type { NotebookRunbooks } from './notebookRunbooks';
import type { Prompts } from './prompts';
import { safetySettings } from './safetySettings';
import type { NotebookSessions } from './sessions';

export interface InlineCommandRunner {
  /** The Markdown cell's text has this inline command at this 0-based line. */
  isWritten(cellText: string, line: number, command: string): boolean;
  run(notebook: vscode.NotebookDocument, command: string): Promise<CellResult | undefined>;
}

export class InlineRunner implements InlineCommandRunner {
  constructor(
    private readonly registry: ToolRegistry,
    private readonly sessions: NotebookSessions,
    private readonly runbooks: NotebookRunbooks,
    private readonly prompts: Prompts,
    private readonly editor: EditInEditor,
  ) {}

  isWritten(cellText: string, line: number, command: string): boolean {
    return findCodeSpans(cellText).some((span) => span.line === line && span.text === command && isInlineCommand(span.text));
  }

  async run(notebook: vscode.NotebookDocument, command: string): Promise<CellResult | undefined> {
    const session = this.sessions.get(notebook);
    const settings = vscode.workspace.getConfiguration('runbook', notebook.uri);
    const base = this.runbooks.get(notebook);
    const cell: Cell = { index: base.cells.length, kind: 'code', language: 'shellscript', text: command };
    const runbook = new Runbook([...base.cells, cell], base.thresholds);
    const cancel = new vscode.CancellationTokenSource();
    const runner = new RunbookRunner({
      runbook: () => runbook,
      session,
      registry: this.registry,
      tracker: this.sessions.breaches(notebook, () => new BreachTracker()),
      isTTY: true,
      policy: {
        continueOnFailure: false,
        stopOnCritical: false,
        commandTimeoutMs: settings.get<number>('commandTimeoutSeconds', DEFAULT_COMMAND_TIMEOUT_SECONDS) * 1000,
        ...safetySettings(notebook.uri),
      },
      hooks: {
        resolve: (request) => this.prompts.values(request, session),
        confirm: (request) => this.prompts.confirm(request),
        editText: (request) => this.editor.edit(request, cancel.token),
      },
    });
    try {
      const outcome = await runner.run([cell.index], { signal: new AbortController().signal });
      this.sessions.notifyChanged(notebook);
      return outcome.results[0]?.result;
    } finally {
      cancel.dispose();
    }
  }
}
