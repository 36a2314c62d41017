// Appends a stream's text to a file as it comes, in blocks, so the whole
// output is on disk rather than in memory. Synchronous writes: the file is
// complete the moment close() returns.

import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';

const BLOCK_BYTES = 64 * 1024;

export class SpoolFile {
  private fd: number | undefined;
  private pending: string[] = [];
  private pendingLength = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w', 0o600);
  }

  write(text: string): void {
    if (this.fd === undefined) return;
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= BLOCK_BYTES) this.flush();
  }

  flush(): void {
    if (this.fd === undefined || !this.pending.length) return;
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.pendingLength = 0;
  }

  close(): void {
    if (this.fd === undefined) return;
    this.flush();
    closeSync(this.fd);
    this.fd = undefined;
  }

  /** Closes and deletes the file (a `watch` frame started the output over). */
  remove(): void {
    this.close();
    unlinkSync(this.path);
  }
}
