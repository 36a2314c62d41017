// One stream of a running cell (stdout or stderr) as the runner keeps it.
// A small output is kept whole. Past `maxLines` lines or SPOOL_BYTES bytes,
// the whole text goes on to a spool file and only its last lines stay in
// memory: the cell shows those, and the file is there to open.

import type { FullOutput } from '../results';
import { SpoolFile } from './spoolFile';
import { TailLines } from './tailLines';

/** An output larger than this is spooled even when it has few lines. */
export const SPOOL_BYTES = 1024 * 1024;
/** The lines shown of a spooled output never hold more than this. */
const TAIL_BYTES = 1024 * 1024;

export interface OutputLimits {
  /** Lines a cell shows; an output with more is spooled and shows its last ones. */
  maxLines: number;
  /** A new spool file's path for a stream. */
  newFile(stream: string): string;
}

export class CapturedOutput {
  private readonly tail: TailLines;
  /** The whole text, until it is spooled. */
  private whole = '';
  private bytes = 0;
  private spool: SpoolFile | undefined;

  constructor(
    private readonly limits: OutputLimits,
    private readonly stream: 'stdout' | 'stderr',
    /** Told once when this stream starts going to a file (the editor links to it while the cell runs). */
    private readonly onSpooled?: (path: string) => void,
  ) {
    this.tail = new TailLines(limits.maxLines, TAIL_BYTES);
  }

  write(text: string): void {
    if (!text) return;
    this.bytes += Buffer.byteLength(text, 'utf8');
    this.tail.write(text);
    if (this.spool) return this.spool.write(text);
    this.whole += text;
    if (this.tail.totalLines > this.limits.maxLines || this.bytes > SPOOL_BYTES) this.startSpool();
  }

  /** Everything so far is dropped (a `watch` frame starts the cell's output over). */
  clear(): void {
    this.spool?.remove();
    this.spool = undefined;
    this.whole = '';
    this.bytes = 0;
    this.tail.clear();
  }

  /** What the cell shows: the whole text, or the last lines of a spooled one. */
  text(): string {
    return this.spool ? this.tail.text() : this.whole;
  }

  /** Where the whole text is, when it was too large to keep; the file is complete once close() is called. */
  full(): FullOutput | undefined {
    if (!this.spool) return undefined;
    return { path: this.spool.path, bytes: this.bytes, lines: this.tail.totalLines, shownLines: this.tail.totalLines - this.tail.omittedLines };
  }

  close(): void {
    this.spool?.close();
  }

  private startSpool(): void {
    this.spool = new SpoolFile(this.limits.newFile(this.stream));
    this.spool.write(this.whole);
    this.whole = '';
    this.onSpooled?.(this.spool.path);
  }
}
