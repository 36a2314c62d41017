// What psql lines and SQL cells would do: each statement's effect from
// PostgreSQL's own parser (src/core/sql/effect.ts); a backslash command
// reads when it runs natively, and is taken to change state when only a
// terminal runs it (\copy, \i, \gexec, \!).

import { strongerEffect, type Effect } from '../../effects';
import { statementEffect } from '../../sql/effect';
import { splitSql, type SqlStatement } from '../../sql/split';
import { metaIsNative } from './meta';

/** One statement or backslash command. */
export function commandEffect(text: string): Effect {
  const command = text.trim();
  if (command.startsWith('\\')) return metaIsNative(command) ? 'read' : 'change';
  return statementEffect(command);
}

/** What a script does: its most damaging statement's effect, and the action a confirmation names. */
export interface SqlReading {
  effect: Effect;
  /** The first statement that changes state (or the first statement), on one line: `ALTER SYSTEM SET ... (+1 more)`. */
  action: string;
}

/** Reads a script once: each statement is classified one time. */
export function readSql(text: string): SqlReading {
  const statements = splitSql(text);
  const effects = statements.map((statement) => commandEffect(statement.text));
  const changing = effects.findIndex((effect) => effect !== 'read');
  return { effect: effects.reduce<Effect>(strongerEffect, 'read'), action: describeStatement(statements, Math.max(changing, 0)) };
}

export function sqlEffect(text: string): Effect {
  return readSql(text).effect;
}

/** `statements[index]` on one line, with how many others the script has. */
export function describeStatement(statements: readonly SqlStatement[], index = 0): string {
  const chosen = statements[index];
  if (!chosen) return 'run SQL';
  const oneLine = stripComments(chosen.text).replace(/\s+/g, ' ').trim().replace(/;$/, '');
  const more = statements.length > 1 ? ` (+${statements.length - 1} more)` : '';
  return (oneLine.length > 80 ? oneLine.slice(0, 77) + '...' : oneLine) + more;
}

function stripComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ');
}
