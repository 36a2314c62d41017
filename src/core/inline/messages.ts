// The messages between the inline-command renderer (the ▶ in rendered
// Markdown cells) and the extension that runs the command.

export const INLINE_RENDERER_ID = 'runbook-notebooks.inline-commands';

/** Renderer -> extension: the ▶ of an inline command was clicked. */
export interface RunInlineRequest {
  type: 'run-inline';
  /** Names the button, so the answer lands beside its paragraph. */
  runId: string;
  /** The Markdown cell's text as rendered: the extension finds the cell by it. */
  cellText: string;
  /** 0-based line in the cell where the span starts. */
  line: number;
  command: string;
}

/** Extension -> renderer: the run started, or finished with its output and verdict. */
export interface InlineRunShown {
  type: 'inline-result';
  runId: string;
  command: string;
  state: 'running' | 'finished';
  /** ok, failed, declined, not-run, ... (the cell result's status) once finished. */
  status?: string;
  exitCode?: number;
  /** The CLI's text, masked as a cell's output is. */
  text: string;
  /** One line per verdict and finding, when the run measured something. */
  verdicts: string[];
  /** ok, warning or critical when judged. */
  level?: string;
}
