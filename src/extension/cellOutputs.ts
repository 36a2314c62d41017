// Streams a running cell's text into its outputs, then writes the final
// outputs of the result the runner built (resultOutputs.ts). Writes are
// coalesced (a fast stream does not flood the renderer) and bounded: new text
// is appended as it comes; once the runner spools a stream (too large to
// keep), each write shows only that stream's last lines, with a line saying
// how many came before and a link to the whole output.

import * as vscode from 'vscode';
import { TailLines } from '../core/output';
import type { CellResult } from '../core/results';
import { fullOutputNote } from './fullOutputNote';
import { resultOutputs } from './resultOutputs';

const FLUSH_MS = 40;
/** The last lines of a spooled stream shown while it runs never hold more than this. */
const TAIL_BYTES = 1024 * 1024;

type Stream = 'stdout' | 'stderr';

/** One stream as the cell shows it while it runs. */
class LiveStream {
  /** Everything so far, while the stream is small (the runner spools it before it grows large). */
  shown = '';
  /** Not yet sent. */
  pending = '';
  /** Set once the runner spools the stream: its last lines, and its file. */
  spooled: { tail: TailLines; path: string } | undefined;
  output: vscode.NotebookCellOutput | undefined;

  constructor(readonly stream: Stream) {}

  write(text: string): void {
    if (this.spooled) return this.spooled.tail.write(text);
    this.shown += text;
    this.pending += text;
  }

  spool(path: string, maxLines: number): void {
    const tail = new TailLines(maxLines, TAIL_BYTES);
    tail.write(this.shown);
    this.spooled = { tail, path };
    this.shown = '';
    this.pending = '';
  }

  item(text: string): vscode.NotebookCellOutputItem {
    return this.stream === 'stdout' ? vscode.NotebookCellOutputItem.stdout(text) : vscode.NotebookCellOutputItem.stderr(text);
  }

  /** The whole output as the cell shows it now; what comes next is appended to it until the stream is spooled. */
  outputs(): vscode.NotebookCellOutput[] {
    this.pending = '';
    this.output = undefined;
    if (!this.spooled) return this.shown ? [(this.output = new vscode.NotebookCellOutput([this.item(this.shown)]))] : [];
    const { tail, path } = this.spooled;
    const note = fullOutputNote({ path, lines: tail.totalLines, shownLines: tail.totalLines - tail.omittedLines }, this.stream, true);
    return [new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.text(note, 'text/markdown')]), new vscode.NotebookCellOutput([this.item(tail.text())])];
  }
}

export class CellOutputWriter {
  private streams = { stdout: new LiveStream('stdout'), stderr: new LiveStream('stderr') };
  /** The next write replaces every output (a stream was spooled or cleared) instead of appending. */
  private replace = false;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly execution: vscode.NotebookCellExecution) {}

  readonly events = {
    stdout: (text: string) => this.append('stdout', text),
    stderr: (text: string) => this.append('stderr', text),
    clear: () => {
      this.streams = { stdout: new LiveStream('stdout'), stderr: new LiveStream('stderr') };
      this.replace = true;
      this.schedule();
    },
    /** The runner spools this stream: from now on the cell shows its last `maxLines` lines. */
    spooled: (stream: Stream, path: string, maxLines: number) => {
      this.streams[stream].spool(path, maxLines);
      this.replace = true;
      this.schedule();
    },
  };

  private append(stream: Stream, text: string): void {
    this.streams[stream].write(text);
    this.schedule();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flushing = this.flushing.then(() => this.write());
    }, FLUSH_MS);
  }

  /** Sends what is new: appended to each stream's output, or, once a stream is spooled, every output anew (each bounded). */
  private async write(): Promise<void> {
    const { stdout, stderr } = this.streams;
    try {
      if (this.replace || stdout.spooled || stderr.spooled) {
        this.replace = false;
        await this.execution.replaceOutput([...stdout.outputs(), ...stderr.outputs()]);
        return;
      }
      for (const live of [stdout, stderr]) {
        if (!live.pending) continue;
        const item = live.item(live.pending);
        live.pending = '';
        if (live.output) await this.execution.appendOutputItems(item, live.output);
        else await this.execution.appendOutput((live.output = new vscode.NotebookCellOutput([item])));
      }
    } catch {
      // The execution already ended (the cell was re-run or the notebook closed).
    }
  }

  /** The outputs a finished cell keeps: its text, its structured result (with the verdict), stderr and notes. */
  async finish(result: CellResult): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flushing;
    try {
      await this.execution.replaceOutput(resultOutputs(result));
    } catch {
      // As above: the execution already ended.
    }
  }
}
