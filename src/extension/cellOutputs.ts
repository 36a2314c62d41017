// Streams a running cell's text into its outputs (coalesced, so a fast
// stream does not flood the renderer), then writes the final outputs of the
// result the runner built: the CLI text, the structured result (with its
// verdict), stderr, and notes with their actions.

import * as vscode from 'vscode';
import { RESULT_MIME, type CellResult, type CommandResult } from '../core/results';

const STDERR_MIME = 'application/vnd.code.notebook.stderr';
const FLUSH_MS = 40;

export class CellOutputWriter {
  private stdout = '';
  private stderr = '';
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly execution: vscode.NotebookCellExecution) {}

  readonly events = {
    stdout: (text: string) => this.append('stdout', text),
    stderr: (text: string) => this.append('stderr', text),
    clear: () => {
      this.stdout = '';
      this.stderr = '';
      this.schedule();
    },
  };

  private append(stream: 'stdout' | 'stderr', text: string): void {
    this[stream] += text;
    this.schedule();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flushing = this.flushing.then(() => this.write(this.liveOutputs()));
    }, FLUSH_MS);
  }

  private liveOutputs(): vscode.NotebookCellOutput[] {
    const outputs: vscode.NotebookCellOutput[] = [];
    if (this.stdout) outputs.push(new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.text(this.stdout, 'text/plain')]));
    if (this.stderr) outputs.push(new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.text(this.stderr, STDERR_MIME)]));
    return outputs;
  }

  private async write(outputs: vscode.NotebookCellOutput[]): Promise<void> {
    try {
      await this.execution.replaceOutput(outputs);
    } catch {
      // The execution already ended (the cell was re-run or the notebook closed).
    }
  }

  /** The outputs a finished cell keeps: its text, its structured result (with the verdict), stderr and notes. */
  async finish(result: CellResult): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flushing;
    const commands = result.commands ?? [];
    const outputs: vscode.NotebookCellOutput[] = [];
    // Every run keeps its structured record, even one that printed nothing or did not run.
    if (result.text || commands.length > 0) {
      outputs.push(new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.text(result.text, 'text/plain'), vscode.NotebookCellOutputItem.json(result, RESULT_MIME)], { runbook: { status: result.status, verdict: result.verdict?.level } }));
    }
    if (result.stderr) outputs.push(new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.text(result.stderr, STDERR_MIME)]));
    const notes = notesMarkdown(commands);
    if (notes) outputs.push(new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.text(notes, 'text/markdown')]));
    await this.write(outputs);
  }
}

function notesMarkdown(commands: readonly CommandResult[]): string | undefined {
  const lines: string[] = [];
  for (const command of commands) {
    for (const note of command.notes ?? []) lines.push(`- ${escapeMarkdown(note)}`);
    if (command.terminal) {
      const args = encodeURIComponent(JSON.stringify([{ commandLine: command.terminal.commandLine }]));
      lines.push(`- **Not run:** ${escapeMarkdown(command.terminal.reason)}. \`${command.terminal.commandLine.replace(/`/g, "'")}\` [Run in terminal](command:runbook.runInTerminal?${args})`);
    }
    if (command.status === 'declined') lines.push(`- **Not run:** \`${command.command.replace(/`/g, "'")}\` was declined.`);
  }
  return lines.length ? lines.join('\n') : undefined;
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]()#+!<>|])/g, '\\$1');
}
