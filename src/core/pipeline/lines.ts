// Splits streamed text into complete lines, keeping an unfinished tail.

export class LineSplitter {
  private tail = '';

  /** Returns the lines completed by this chunk, without their "\n". */
  push(chunk: string): string[] {
    if (chunk === '') return [];
    const text = this.tail + chunk;
    const parts = text.split('\n');
    this.tail = parts.pop()!;
    return parts;
  }

  /** The last line when the input did not end with "\n" (undefined when it did). */
  finish(): string | undefined {
    const rest = this.tail;
    this.tail = '';
    return rest === '' ? undefined : rest;
  }
}

/** All lines of a finished text, and whether the text ended with a newline. */
export function splitAll(text: string): { lines: string[]; finalNewline: boolean } {
  if (text === '') return { lines: [], finalNewline: true };
  const lines = text.split('\n');
  const finalNewline = lines[lines.length - 1] === '';
  if (finalNewline) lines.pop();
  return { lines, finalNewline };
}

/** Number of UTF-8 bytes in a string. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Holds back a trailing high surrogate so a character split across chunks is counted once. */
export class CharJoiner {
  private held = '';

  push(chunk: string): string {
    const text = this.held + chunk;
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.held = text.slice(-1);
      return text.slice(0, -1);
    }
    this.held = '';
    return text;
  }

  finish(): string {
    const rest = this.held;
    this.held = '';
    return rest;
  }
}

/** A string's UTF-8 bytes as a string of one character per byte, so string order is byte order. */
export function asBytes(text: string): string {
  return /^[\x00-\x7f]*$/.test(text) ? text : Buffer.from(text, 'utf8').toString('latin1');
}
