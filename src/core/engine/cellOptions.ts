// What running a cell takes: where its output goes, how it asks the user for
// values and consent, and the limits it runs under (see run.ts).

import type { ToolRegistry } from './registry';
import type { CommandResult } from '../results/commandResult';
import type { Session } from '../session';
import type { ConfirmationRequest, EditRequest } from './tool';

export interface CellEvents {
  stdout(text: string): void;
  stderr(text: string): void;
  /** A `watch` frame is about to replace everything printed so far. */
  clear(): void;
  /** A command finished (for streaming its structured result). */
  command?(result: CommandResult): void;
}

export interface ValueRequest {
  command: string;
  variables: string[];
  placeholders: string[];
}

export interface CellHooks {
  /** Values for unset variables and placeholders; undefined when the user gives none. */
  resolve(request: ValueRequest): Promise<Record<string, string> | undefined>;
  confirm(request: ConfirmationRequest): Promise<boolean>;
  /**
   * Whether confirm() will put this request to a person. A preview (a dry run, rows counted in a rolled-back
   * transaction) is worked out only then, or in a dry run: never for a change that runs unasked or is refused outright.
   * Default: yes.
   */
  willAsk?(request: ConfirmationRequest): boolean;
  editText?(request: EditRequest): Promise<string | undefined>;
}

export interface RunCellOptions {
  language: string;
  session: Session;
  registry: ToolRegistry;
  signal: AbortSignal;
  isTTY: boolean;
  /** Streaming commands stop after this long (Run All); undefined: until stopped. */
  streamWindowMs?: number;
  /** Each command (not cell) is stopped after this long, as Stop stops it, and fails (exit 124); undefined or 0: no limit. See commandTimeout.ts for the exemptions. */
  commandTimeoutMs?: number;
  /** Run only commands that read state; every other command is recorded as skipped, with its reason, and the cell goes on. */
  readOnly?: boolean;
  /** Change nothing: each state-changing command's preview is printed (stderr) instead of running it, recorded as skipped; reads run. */
  dryRun?: boolean;
  /** Glob patterns of production targets (see core/safety); each target a command acts on is marked by them. Default: none. */
  productionTargets?: readonly string[];
  events: CellEvents;
  hooks: CellHooks;
}
