// The shape of a cell's command lines once parsed: statements of pipelines of
// simple commands, whose words are made of literal, variable and placeholder parts.

export type WordPart =
  /** Text as written, quotes and escapes already removed. */
  | { kind: 'literal'; text: string; quoted: boolean }
  /** `$NAME`, `${NAME}` or `${NAME:-fallback}`. Unquoted values split on whitespace. */
  | { kind: 'variable'; name: string; quoted: boolean; fallback?: string }
  /** `<name>` written in a command: a value the runbook's reader supplies. */
  | { kind: 'placeholder'; name: string }
  /** `$(...)` or backticks: never run, reported as needing a shell. */
  | { kind: 'substitution'; text: string };

export interface Word {
  parts: WordPart[];
  /** The word as written in the cell. */
  raw: string;
}

export type RedirectOp = '>' | '>>' | '<' | '2>' | '2>>' | '2>&1' | '>&2' | '&>' | '<<' | '<<-' | '<<<';

export interface Redirect {
  op: RedirectOp;
  target?: Word;
  /** Body of a here-document, already cut out of the cell. */
  heredoc?: string;
  /** A here-document whose delimiter was quoted is not expanded. */
  heredocExpands?: boolean;
}

export interface Assignment {
  name: string;
  value: Word;
}

export interface SimpleCommand {
  assignments: Assignment[];
  words: Word[];
  redirects: Redirect[];
  /** 0-based line in the cell where the command starts. */
  line: number;
  /** The command's own text, as written (continuations included). */
  text: string;
}

export interface Pipeline {
  commands: SimpleCommand[];
  /** `! cmd` */
  negated: boolean;
  /** `cmd &`: a background job, which a notebook cannot keep. */
  background: boolean;
}

export interface Statement {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
  /** 0-based line in the cell where the statement starts. */
  line: number;
  /** The statement as written. */
  text: string;
}

export interface Script {
  statements: Statement[];
}

export class ShellSyntaxError extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
    this.name = 'ShellSyntaxError';
  }
}
