// What the runbook commands share: reading a runbook file, and a session
// primed with `--var NAME=VALUE` values.

import { readFileSync } from 'node:fs';
import { Session } from '../core/engine';
import { decodeRunbook } from '../core/markdown';

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
