// Streams a running cell's text into its outputs (coalesced, so a fast
// stream does not flood the renderer), then writes the final outputs of the
// result the runner built (resultOutputs.ts).

import * as vscode from 'vscode';
import type { CellResult } from '../core/results';
import { STDERR_MIME, resultOutputs } from './resultOutputs';

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
    await this.write(resultOutputs(result));
  }
}
