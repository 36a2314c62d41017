// What one command of a cell did: the structured record behind every output.
// Plain data only: the engine builds it; the renderer (browser) and the CLI read it.

import type { ToolData } from './toolData';

/** `skipped`: a read-only run passed over a command that does not only read (not a failure). */
export type ResultStatus = 'ok' | 'failed' | 'not-run' | 'declined' | 'cancelled' | 'skipped';

/** What a command acts on, shown in confirmations and recorded with results. */
export interface Target {
  kind: 'kubernetes' | 'postgres' | 'redis' | 's3' | 'cloudfront' | 'http' | 'local';
  /** One line for people: `context sandbox, namespace default`. */
  label: string;
  /** Structured fields, e.g. { context, cluster, namespace }. */
  details?: Record<string, string>;
  /** The name a change on a production target must be confirmed with (`--confirm-target NAME`): the kube context, `host:port/db`, `host:port`, the AWS profile. */
  name?: string;
  /** Matched by the production patterns (runbook.productionTargets, RUNBOOK_PRODUCTION_TARGETS, the runbook's `production:`). */
  production?: boolean;
}

export interface CommandResult {
  /** The command as written, with secret values masked. */
  command: string;
  /** The program (`kubectl`, `psql`, ...) or `sql` for a statement in a SQL cell. */
  tool: string;
  status: ResultStatus;
  exitCode: number;
  /** 0-based line in the cell where the command starts. */
  line?: number;
  /** Why a command was skipped or not run. */
  reason?: string;
  startedAt: string;
  durationMs: number;
  target?: Target;
  /** Variables and placeholders used, secret values masked. */
  variables?: Record<string, string>;
  /** Structured data from the tool (tables, objects, measurements). */
  data?: ToolData[];
  /**
   * The 0-based line of the cell's text where this command's stdout began. Set only when its stdout
   * went straight to the cell (no pipe, no redirect), so a table row it printed can be found by index.
   */
  outputLine?: number;
  /** Explanations for the reader; never part of the CLI text. */
  notes?: string[];
  /** Set when the command must run in a terminal instead. */
  terminal?: { commandLine: string; reason: string };
  /** A streaming command cut off after its sampling window. */
  sampled?: boolean;
}
