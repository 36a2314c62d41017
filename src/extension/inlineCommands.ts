// Inline commands in the notebook: the ▶ the inline-command renderer puts
// after each command written in a Markdown cell's prose posts here; the
// command runs through the shared runner (prompts and confirmations as for
// cells), one at a time, and its output and verdict go back to the renderer,
// which shows them below that paragraph (the engine's runner also writes them
// to the "Runbook Inline Commands" output). A runbook itself is never changed, so the file keeps its bytes; an
// incident record gets the run after the paragraph, as a cell gets its runs.
//
// Why the rendered cell and not an output: Markdown cells have no outputs in
// VS Code, and adding a cell would change the document (and the file on
// save). The rendered Markdown is the one place beside the paragraph that is
// not the document.

import * as vscode from 'vscode';
import type { InlineRunShown, RunInlineRequest } from '../core/inline';
import { Disposable } from './disposable';
import type { InlineCommandRunner } from './inlineRunner';
import { isTrusted } from './trust';

/** The renderer's id in package.json (INLINE_RENDERER_ID in core/inline, which the activation bundle does not load). */
const INLINE_RENDERER = 'runbook-notebooks.inline-commands';

/** `runbook.runInlineCommand`'s argument: the notebook, the Markdown cell, the span's line in it and its text. */
export interface InlineCommandArgs {
  notebook: string;
  cell: number;
  line: number;
  command: string;
}

export class InlineCommands extends Disposable {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly messaging: vscode.NotebookRendererMessaging;

  constructor(private readonly runner: () => InlineCommandRunner) {
    super();
    this.messaging = vscode.notebooks.createRendererMessaging(INLINE_RENDERER);
    this.register(this.messaging.onDidReceiveMessage(({ editor, message }) => void this.fromRenderer(editor, message as RunInlineRequest)));
    this.register(vscode.commands.registerCommand('runbook.runInlineCommand', (args: InlineCommandArgs) => this.fromCommand(args)));
  }

  private async fromRenderer(editor: vscode.NotebookEditor, request: RunInlineRequest): Promise<void> {
    if (request?.type !== 'run-inline') return;
    // The renderer knows the cell by its text: the Markdown cell that reads the same.
    const cell = editor.notebook.getCells().find((c) => c.kind === vscode.NotebookCellKind.Markup && sameText(c.document.getText(), request.cellText));
    if (!cell) {
      void vscode.window.showWarningMessage('Runbook: the paragraph of this inline command changed; run it again.');
      return;
    }
    const show = (shown: InlineRunShown) => void this.messaging.postMessage({ ...shown, runId: request.runId }, editor);
    await this.run(editor.notebook, cell.index, request.line, request.command, show);
  }

  private async fromCommand(args: InlineCommandArgs): Promise<InlineRunShown | undefined> {
    const notebook = vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === args.notebook);
    if (!notebook) throw new Error(`Runbook: ${args.notebook} is not open`);
    return this.run(notebook, args.cell, args.line, args.command, () => {});
  }

  /** Runs the inline command at that line of that cell, after the runs before it; undefined when there is none (nothing runs). */
  private run(notebook: vscode.NotebookDocument, index: number, line: number, command: string, show: (shown: InlineRunShown) => void): Promise<InlineRunShown | undefined> {
    const next = this.queue.then(() => this.runNow(notebook, index, line, command, show));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async runNow(notebook: vscode.NotebookDocument, index: number, line: number, command: string, show: (shown: InlineRunShown) => void): Promise<InlineRunShown | undefined> {
    const base = { type: 'inline-result' as const, runId: '', command, verdicts: [] };
    if (!isTrusted()) {
      const shown: InlineRunShown = { ...base, state: 'finished', status: 'not-run', text: 'Not run: this folder is not trusted. Runbook commands only run in a trusted workspace.' };
      show(shown);
      return shown;
    }
    const cell = notebook.cellAt(index);
    // Only what the cell shows as an inline command runs: a message cannot name any other text.
    if (cell.kind !== vscode.NotebookCellKind.Markup || !this.runner().isWritten(cell.document.getText(), line, command)) {
      void vscode.window.showWarningMessage(`Runbook: no inline command \`${command}\` at line ${line + 1} of that cell.`);
      return undefined;
    }
    show({ ...base, state: 'running', text: '' });
    const shown = (await this.runner().run(notebook, command, { cell: index, line })) ?? { ...base, state: 'finished' as const, status: 'not-run', text: '' };
    show(shown);
    return shown;
  }
}

function sameText(a: string, b: string): boolean {
  return a.replace(/\r\n?/g, '\n') === b.replace(/\r\n?/g, '\n');
}
