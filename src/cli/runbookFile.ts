// What the runbook commands share: reading a runbook file, a session primed
// with `--var NAME=VALUE` values, and a runner over every native tool.

import { readFileSync } from 'node:fs';
import { Session, type CellHooks } from '../core/engine';
import { decodeRunbook } from '../core/markdown';
import type { Runbook } from '../core/runbook';
import { RunbookRunner, type RunnerPolicy } from '../core/runner';
import { BreachTracker } from '../core/thresholds';
import { createRegistry } from '../core/tools';

/** The runbook's text, or why it cannot be read (ENOENT, not UTF-8, too large). */
export function readRunbookText(file: string): { text: string } | { error: string } {
  try {
    return { text: decodeRunbook(readFileSync(file), { name: file }) };
  } catch (error) {
    return { error: `${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'cannot read: ENOENT' : (error as Error).message}` };
  }
}

/** A session whose variables and `<placeholders>` are set from `--var` values. */
export function sessionWithVars(cwd: string, vars: Readonly<Record<string, string>>, env: Readonly<Record<string, string | undefined>> = process.env): Session {
  const session = new Session(cwd, env);
  for (const [name, value] of Object.entries(vars)) {
    session.set(name, value);
    if (!name.startsWith('<')) session.set(`<${name}>`, value);
  }
  return session;
}

/** A runner for one command's run of `runbook`: every native tool, a breach clock of its own, stdout as the process has it. */
export function cliRunner(runbook: Runbook, session: Session, hooks: CellHooks, policy: RunnerPolicy, isTTY = false): RunbookRunner {
  return new RunbookRunner({ runbook: () => runbook, session, registry: createRegistry(), tracker: new BreachTracker(), isTTY, hooks, policy });
}
