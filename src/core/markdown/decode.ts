// Bytes <-> runbook text. A file we cannot hold as text without changing it is
// refused with a reason, never opened in a way that would rewrite it on save.

export const DEFAULT_MAX_RUNBOOK_BYTES = 20 * 1024 * 1024;

export class RunbookDecodeError extends Error {
  constructor(message: string, readonly reason: 'binary' | 'encoding' | 'size') {
    super(message);
    this.name = 'RunbookDecodeError';
  }
}

export interface DecodeOptions {
  /** Largest file opened as a notebook; larger ones are refused. */
  maxBytes?: number;
  /** Used in messages, e.g. the file name. */
  name?: string;
}

export function decodeRunbook(bytes: Uint8Array, options: DecodeOptions = {}): string {
  const name = options.name ?? 'This file';
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_RUNBOOK_BYTES;
  if (bytes.length > maxBytes) {
    throw new RunbookDecodeError(
      `${name} is ${megabytes(bytes.length)} MB, over the ${megabytes(maxBytes)} MB limit for runbook notebooks. ` +
        'Open it with the text editor, or raise the runbook.maxFileSizeMB setting.',
      'size',
    );
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new RunbookDecodeError(
      `${name} looks binary (a NUL byte at offset ${nul}), not a Markdown runbook. Open it with the text editor instead.`,
      'binary',
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new RunbookDecodeError(
      `${name} is not valid UTF-8 (bad byte 0x${bytes[at].toString(16).padStart(2, '0')} at offset ${at}). ` +
        'Runbook notebooks keep files byte for byte, so it was not opened: convert it to UTF-8 or open it with the text editor.',
      'encoding',
    );
  }
}

export function encodeRunbook(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function megabytes(n: number): string {
  return (n / (1024 * 1024)).toFixed(1);
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    }
    // A well-formed prefix can still decode to an overlong form or a surrogate.
    if (need > 0 && new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(i, i + need + 1)).includes('\uFFFD')) return i;
    i += need + 1;
  }
  return Math.max(0, bytes.length - 1);
}
