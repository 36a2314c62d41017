// PostgreSQL's own parser (libpg-query, WebAssembly), loaded on first use and
// never at activation: `loadSqlParser()` is awaited before any SQL is read
// (a tool's load()), after which statements parse synchronously.

import { loadClient } from '../clients/load';

/** The parse tree libpg-query returns: one node per statement, keyed by its kind (`SelectStmt`, `DeleteStmt`). */
export interface SqlParseTree {
  stmts?: { stmt?: Record<string, unknown> }[];
}

interface PgQuery {
  loadModule(): Promise<void>;
  parseSync(sql: string): SqlParseTree;
}

let parser: PgQuery | undefined;

export async function loadSqlParser(): Promise<void> {
  if (parser) return;
  const library = loadClient<PgQuery>('pgquery', 'libpg-query');
  await library.loadModule();
  parser = library;
}

/** SQL text the parser rejected: its message. */
export class SqlSyntaxError extends Error {}

/** The statements of `sql` as PostgreSQL reads them; throws SqlSyntaxError when it cannot. */
export function parseSql(sql: string): SqlParseTree {
  if (!parser) throw new Error('the SQL parser is not loaded: await loadSqlParser() (the tool\'s load()) before reading SQL');
  try {
    return parser.parseSync(sql);
  } catch (error) {
    throw new SqlSyntaxError((error as Error).message);
  }
}
