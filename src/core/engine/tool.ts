// The one interface every native tool implements (kubectl, psql, redis-cli,
// aws, curl): read a command line once into a parsed command, which knows
// what it would do (its plan), where (its target), and how to run.

import type { Target } from '../results/commandResult';
import type { ToolData } from '../results/toolData';
import type { Session } from '../session';
import type { Effect } from '../effects';

export type { Effect, Target };

/** A plan with `mutates` derived from its effect: the one place the two are tied. */
export function toolPlan(plan: Omit<ToolPlan, 'mutates'>): ToolPlan {
  return { ...plan, mutates: plan.effect !== 'read' };
}

export interface ToolPlan {
  /** Runs in-process. False: needs a terminal or another program. */
  native: boolean;
  /** Needs an interactive terminal (exec -it, port-forward, a local script). */
  terminal: boolean;
  /** Whether it reads, changes or destroys state. */
  effect: Effect;
  /** Changes state somewhere (scale, patch, ALTER SYSTEM, s3 rm, ...): the effect is not `read`. Set by toolPlan(). */
  mutates: boolean;
  /** Streams until stopped (-w, logs -f, MONITOR): sampled inside Run All. */
  streams?: boolean;
  /** Waits by design and was given its own `--timeout` (kubectl wait, rollout status): the command timeout leaves it to that flag. */
  ownTimeout?: boolean;
  /** Why it is not native, or what it would do. */
  reason?: string;
  /** The tool could not read the line as written (a usage error): see unreadableLine(). */
  unreadable?: boolean;
  /** The verb and object, for confirmations: `scale deployment/tiktok-toe`. */
  action?: string;
}

export interface OutputSink {
  write(text: string): void;
}

/** Asks the user whether a state-changing command may run. */
export interface ConfirmationRequest {
  tool: string;
  action: string;
  target?: Target;
  commandLine: string;
  /** What the command would change, worked out without changing anything. */
  preview?: Preview;
}

/** What a state-changing command would do: a summary, and for an object it rewrites, its text before and after. */
export interface Preview {
  text: string;
  /** The objects it rewrites, whole, before and after (for a diff editor); `text` holds their unified diff. */
  diff?: { before: string; after: string; title: string };
}

/** What a preview may use: where the command would run, its standard input if known, and the signal that stops it. */
export type PreviewContext = Pick<ToolContext, 'env' | 'session' | 'cwd' | 'signal' | 'stdin'>;

export interface ToolContext {
  stdout: OutputSink;
  stderr: OutputSink;
  /** Standard input (a here-document, `< file`, or the previous stage of a pipe). */
  stdin?: string;
  /** Whether stdout is a terminal (notebook cells: yes; pipes and `runbook exec > file`: no). */
  isTTY: boolean;
  /** Aborted when the user stops the cell, or a sampling window ends. */
  signal: AbortSignal;
  /** Environment the real CLI would see (base env, exported session variables, `VAR=x cmd` prefixes). */
  env: Readonly<Record<string, string | undefined>>;
  /** Directory relative paths resolve against: the runbook's folder. */
  cwd: string;
  session: Session;
  /** Structured data for the cell's result item (tables, measurements, objects). */
  emit(data: ToolData): void;
  /** An explanation for the notebook UI, never printed as CLI output. */
  note(text: string): void;
  /** Records what the command acted on. */
  setTarget(target: Target): void;
  /** For a tool that opens an editor (kubectl edit): returns the edited text, or undefined if abandoned. */
  editText?(request: EditRequest): Promise<string | undefined>;
}

export interface EditRequest {
  title: string;
  text: string;
  language: string;
}

export type ToolEnv = Readonly<Record<string, string | undefined>>;

/** A command line as its tool read it: what it would do, where, and how to run it. */
export interface ParsedCommand {
  readonly plan: ToolPlan;
  /** Secrets written on the line itself (`-a PASSWORD`, `-u user:pw`): masked before the line is shown or run. */
  readonly secrets?: readonly CommandSecret[];
  /** Where the command would act, before it runs (for confirmations). */
  target?(ctx: Pick<ToolContext, 'env' | 'session' | 'cwd'>): Promise<Target | undefined>;
  /** What it would change, before it runs, changing nothing (a server-side dry run, a rolled-back count). */
  preview?(ctx: PreviewContext): Promise<Preview | undefined>;
  /** Runs the command; resolves with the exit code the real CLI would return. Runs again on a re-run of an unchanged step. */
  run(ctx: ToolContext): Promise<number>;
}

/** A secret value a command line holds, and what it is (the flag or variable it came from). */
export interface CommandSecret {
  value: string;
  kind: string;
}

export interface Tool {
  /** Program names it answers to: ['kubectl', 'oc']. */
  readonly names: readonly string[];
  /**
   * Loads what reading a line needs that is too large to load at activation
   * (psql's SQL parser): awaited before the first parse(). Tools without it
   * read lines with what they have.
   */
  load?(): Promise<void>;
  /**
   * Reads a command line once. Never throws: a line the real CLI rejects
   * plans with the reason, and its run() reports the error as the CLI does.
   */
  parse(argv: readonly string[], env: ToolEnv): ParsedCommand;
}

/**
 * A line its tool could not read (a usage error): the real CLI refuses it too,
 * so it changes nothing (its effect is `read`) and nothing is confirmed; when
 * run it prints the error as the real CLI does. `reason` is the error's gist,
 * for `runbook plan`.
 */
export function unreadableLine(reason: string, report: (ctx: ToolContext) => number | Promise<number>): ParsedCommand {
  return { plan: toolPlan({ native: true, terminal: false, effect: 'read', reason, unreadable: true }), run: async (ctx) => report(ctx) };
}
