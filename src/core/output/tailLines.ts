// The last lines of a stream, and how many lines it had in all. Memory stays
// bounded whatever the stream's size: at most `maxLines` lines and about
// `maxBytes` bytes are kept (a longer line keeps only its end).

export class TailLines {
  /** Complete lines, each with its line ending; the newest last. */
  private lines: string[] = [];
  /** Index of the first line still wanted (older ones are dropped in batches). */
  private start = 0;
  private keptBytes = 0;
  /** The line being written, not yet ended. */
  private partial = '';
  private ended = 0;

  constructor(
    readonly maxLines: number,
    readonly maxBytes: number,
  ) {}

  write(text: string): void {
    let from = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', from)) {
      const line = this.partial + text.slice(from, end + 1);
      this.partial = '';
      this.push(line);
      from = end + 1;
    }
    if (from < text.length) this.partial = clipStart(this.partial + text.slice(from), this.maxBytes);
  }

  /** Every line the stream had, the unfinished last one included. */
  get totalLines(): number {
    return this.ended + (this.partial ? 1 : 0);
  }

  /** Lines of the stream not in text(). */
  get omittedLines(): number {
    return this.totalLines - this.keptLines;
  }

  private get keptLines(): number {
    return this.lines.length - this.start + (this.partial ? 1 : 0);
  }

  /** The kept lines, as the stream had them. */
  text(): string {
    return (this.start ? this.lines.slice(this.start) : this.lines).join('') + this.partial;
  }

  clear(): void {
    this.lines = [];
    this.start = 0;
    this.keptBytes = 0;
    this.partial = '';
    this.ended = 0;
  }

  private push(line: string): void {
    const kept = clipStart(line, this.maxBytes);
    this.ended++;
    this.lines.push(kept);
    this.keptBytes += kept.length;
    while (this.lines.length - this.start > 1 && (this.keptLines > this.maxLines || this.keptBytes > this.maxBytes)) {
      this.keptBytes -= this.lines[this.start].length;
      this.start++;
    }
    // Dropped lines leave the array in batches, so a long stream costs no more than a short one per line.
    if (this.start > this.maxLines) {
      this.lines = this.lines.slice(this.start);
      this.start = 0;
    }
  }
}

/** The end of a line longer than the byte budget (counted in UTF-16 units, near enough for a bound). */
function clipStart(line: string, max: number): string {
  return line.length > max ? line.slice(line.length - max) : line;
}
