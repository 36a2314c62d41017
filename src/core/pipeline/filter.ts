// The contract every built-in pipe filter implements.

export interface TextFilter {
  /** Feeds more input text (any chunking, may split lines); returns the output that is ready now. */
  write(chunk: string): string;
  /** Input is finished; returns the rest of the output. */
  end(): Promise<string>;
  /** Exit status after end(): grep is 1 when nothing matched, 2 on error; most others 0. */
  readonly exitCode: number;
  /** True once the filter needs no more input, so the producer may stop early. */
  readonly done?: boolean;
  /** What the real tool would have printed on stderr while running (warnings, runtime errors). */
  readonly stderr?: string;
}

/** Bad usage, detected before any input is read. The message is what the real tool prints on stderr. */
export class FilterUsageError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'FilterUsageError';
  }
}

/** Builds a filter from its arguments (program name excluded); throws FilterUsageError for bad usage. */
export type FilterFactory = (args: readonly string[]) => TextFilter;
