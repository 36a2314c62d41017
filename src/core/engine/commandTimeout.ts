// How long one command may run before it is stopped as Stop stops it (its
// server-side work cancelled), and what the cell then says. Every command has
// the limit except those that end on their own terms: a stream (`-w`,
// `logs -f`, MONITOR) runs until stopped or until its sampling window ends,
// and a command that waits by design follows its own `--timeout` when given.

import type { ToolPlan } from './tool';

/** The abort reason of a command stopped by its timeout. */
export const TIMED_OUT = 'timed out';

/** The exit code of a command stopped by its timeout, as timeout(1) returns. */
export const TIMED_OUT_EXIT_CODE = 124;

/** The limit for a command with this plan, in ms; undefined when it has none (no limit set, 0, or exempt). */
export function commandTimeoutMs(plan: ToolPlan | undefined, limitMs: number | undefined): number | undefined {
  if (limitMs === undefined || !(limitMs > 0)) return undefined;
  if (plan?.streams || plan?.ownTimeout) return undefined;
  return limitMs;
}

/** `timed out after 60 s`: the reason recorded with the command. */
export function timedOutReason(limitMs: number): string {
  return `timed out after ${Number((limitMs / 1000).toFixed(3))} s`;
}

/** The line the cell's stderr gets. */
export function timedOutText(limitMs: number, commandLine: string): string {
  return `runbook: ${timedOutReason(limitMs)}: ${commandLine}\n`;
}

/** A limit's timer: aborts `controller` with `reason` after `ms`. */
export interface LimitTimer {
  /** Holds the clock while a person is asked something (kubectl edit's editor): a person's time is not the command's. */
  paused<T>(ask: () => Promise<T>): Promise<T>;
  stop(): void;
}

export function limitTimer(controller: AbortController, ms: number, reason: string): LimitTimer {
  const start = () => setTimeout(() => controller.abort(reason), ms);
  let timer: NodeJS.Timeout | undefined = start();
  let stopped = false;
  return {
    async paused(ask) {
      clearTimeout(timer);
      try {
        return await ask();
      } finally {
        // Asked again from the start: the command gets the whole limit after the answer.
        if (!stopped && !controller.signal.aborted) timer = start();
      }
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
