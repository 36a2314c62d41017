// Streams a running cell's text into its outputs (coalesced, so a fast
// stream does not flood the renderer), then writes the final outputs: the
// CLI text, the structured result (with its verdict), stderr, and notes with
// their actions.

import * as vscode from 'vscode';
import type { CellRun } from '../core/engine';
import { RESULT_MIME, type CellResult } from '../core/results';
import type { CellVerdict } from '../core/thresholds';

/** Judges a finished cell's result against the runbook's thresholds (undefined: nothing measured). */
export type Judge = (result: CellResult) => CellVerdict | undefined;

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

  /** The outputs a finished cell keeps; returns the cell's verdict, if it has one. */
  async finish(run: CellRun, cellText: string, judge?: Judge): Promise<CellVerdict | undefined> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flushing;
    const first = run.commands[0];
    const status = run.commands.find((c) => c.status !== 'ok')?.status ?? 'ok';
    const result: CellResult = {
      tool: first?.tool ?? '',
      command: run.commands.map((c) => c.command).join('\n') || cellText.trim(),
      status,
      text: this.stdout,
      stderr: this.stderr || undefined,
      startedAt: run.startedAt,
      durationMs: run.durationMs,
      exitCode: run.exitCode,
      commands: run.commands,
    };
    const verdict = judge?.(result);
    if (verdict) result.verdict = verdict;
    const outputs: vscode.NotebookCellOutput[] = [];
    // Every run keeps its structured record, even one that printed nothing or did not run.
    if (this.stdout || run.commands.length > 0) {
      outputs.push(new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.text(this.stdout, 'text/plain'), vscode.NotebookCellOutputItem.json(result, RESULT_MIME)], { runbook: { status, verdict: verdict?.level } }));
    }
    if (this.stderr) outputs.push(new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.text(this.stderr, STDERR_MIME)]));
    const notes = notesMarkdown(run);
    if (notes) outputs.push(new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.text(notes, 'text/markdown')]));
    await this.write(outputs);
    return verdict;
  }
}

function notesMarkdown(run: CellRun): string | undefined {
  const lines: string[] = [];
  for (const command of run.commands) {
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
