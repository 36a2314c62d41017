// What psql lines and SQL cells would do: each statement's effect from
// PostgreSQL's own parser (src/core/sql/effect.ts); a backslash command
// reads when it runs natively, and is taken to change state when only a
// terminal runs it (\copy, \i, \gexec, \!).

import { strongerEffect, type Effect } from '../../effects';
import { statementEffect } from '../../sql/effect';
import { splitSql } from '../../sql/split';
import { metaIsNative } from './meta';

/** One statement or backslash command. */
export function commandEffect(text: string): Effect {
  const command = text.trim();
  if (command.startsWith('\\')) return metaIsNative(command) ? 'read' : 'change';
  return statementEffect(command);
}

/** A script's effect: its most damaging statement's. */
export function sqlEffect(text: string): Effect {
  return splitSql(text).reduce<Effect>((effect, statement) => strongerEffect(effect, commandEffect(statement.text)), 'read');
}

/** A short description of the first state-changing statement, for the confirmation. */
export function sqlAction(text: string): string {
  const statements = splitSql(text);
  const first = statements.find((s) => commandEffect(s.text) !== 'read') ?? statements[0];
  if (!first) return 'run SQL';
  const oneLine = stripComments(first.text).replace(/\s+/g, ' ').trim().replace(/;$/, '');
  const more = statements.length > 1 ? ` (+${statements.length - 1} more)` : '';
  return (oneLine.length > 80 ? oneLine.slice(0, 77) + '...' : oneLine) + more;
}

function stripComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ');
}
