// What a SQL statement does, from PostgreSQL's own parse tree (not from its
// first keyword): DROP, TRUNCATE, every DELETE and an UPDATE without WHERE
// destroy; the other DML and DDL, VACUUM, ANALYZE, ALTER SYSTEM, SELECT INTO,
// data-modifying CTEs, EXPLAIN ANALYZE of DML and a SELECT that calls a
// server function with side effects change; the rest read. SQL the parser
// rejects is taken to change state.

import { strongerEffect, type Effect } from '../effects';
import { parseSql, SqlSyntaxError } from './parser';

type Node = Record<string, unknown>;

/** Server functions that change state even inside a SELECT. */
const CHANGING_FUNCTIONS =
  /^(pg_reload_conf|pg_terminate_backend|pg_cancel_backend|set_config|nextval|setval|pg_advisory_(xact_)?lock(_shared)?|pg_advisory_unlock(_shared|_all)?|pg_try_advisory_(xact_)?lock(_shared)?|pg_rotate_logfile|pg_switch_wal|pg_promote|pg_create_restore_point|pg_create_(physical|logical)_replication_slot|pg_drop_replication_slot|pg_replication_origin_\w+|pg_stat_reset\w*|lo_(import|export|unlink|create|creat|from_bytea|put)|pg_file_write|pg_wal_replay_(pause|resume)|pg_log_backend_memory_contexts|pg_import_system_collations|dblink_exec|txid_current|pg_current_xact_id)$/i;

/** Statements that only read, or only set up the session (SET, BEGIN, LISTEN): nothing on the server changes. */
const READ_KINDS = new Set([
  'SelectStmt', 'VariableShowStmt', 'VariableSetStmt', 'DeclareCursorStmt', 'FetchStmt', 'ClosePortalStmt',
  'ListenStmt', 'UnlistenStmt', 'DiscardStmt', 'DeallocateStmt',
]);

/** Statements that may sit inside another (a CTE, a rule) and change data when it runs. */
const NESTED_WRITES = new Set(['DeleteStmt', 'UpdateStmt', 'InsertStmt', 'MergeStmt']);

/** The effect of one statement as the parser wrote it (`SELECT 1`, no `;` needed); SQL it rejects is a change. */
export function statementEffect(sql: string): Effect {
  let statements: { stmt?: Node }[];
  try {
    statements = parseSql(withoutPsqlVariables(sql)).stmts ?? [];
  } catch (error) {
    if (error instanceof SqlSyntaxError) return 'change';
    throw error;
  }
  return statements.reduce<Effect>((effect, { stmt }) => strongerEffect(effect, stmt ? nodeEffect(stmt) : 'change'), 'read');
}

/** One statement as the parser read it: its kind (`UpdateStmt`), its node, and whether it calls a server function with side effects. */
export interface ParsedStatement {
  kind: string;
  body: Record<string, unknown>;
  callsChangingFunction: boolean;
}

/** The statements of `sql` as the parser reads them; undefined when it rejects the text. */
export function parsedStatements(sql: string): ParsedStatement[] | undefined {
  try {
    return (parseSql(withoutPsqlVariables(sql)).stmts ?? []).map(({ stmt }) => {
      const [kind, value] = Object.entries(stmt ?? {})[0] ?? ['', {}];
      const body = (value ?? {}) as Node;
      return { kind, body, callsChangingFunction: callsChangingFunction(body) };
    });
  } catch (error) {
    if (error instanceof SqlSyntaxError) return undefined;
    throw error;
  }
}

/**
 * psql interpolates `:name`, `:'name'` and `:"name"` before the server sees
 * the text; the parser gets an identifier or literal in their place. `::type`
 * casts and `a[1:n]` slices stay as they are.
 */
function withoutPsqlVariables(sql: string): string {
  return sql.replace(/(?<![:\w]):(['"]?)([A-Za-z_]\w*)\1/g, (_, quote: string, name: string) => (quote ? `${quote}${name}${quote}` : `psql_${name}`));
}

/** `{ DeleteStmt: {...} }`: a statement node, its kind as its one key. */
function nodeEffect(node: Node): Effect {
  const [kind, value] = Object.entries(node)[0] ?? ['', {}];
  const body = (value ?? {}) as Node;
  if (kind === 'ExplainStmt') return analyzes(body) ? nodeEffect(body.query as Node) : 'read';
  // PREPARE only names a statement; EXECUTE runs it, unseen here: a change.
  if (kind === 'PrepareStmt') return 'read';
  let effect = ownEffect(kind, body);
  for (const nested of objects(body)) {
    for (const [key, inner] of Object.entries(nested)) {
      if (NESTED_WRITES.has(key)) effect = strongerEffect(effect, nodeEffect({ [key]: inner }));
    }
  }
  return callsChangingFunction(body) ? strongerEffect(effect, 'change') : effect;
}

function ownEffect(kind: string, body: Node): Effect {
  if (kind === 'SelectStmt') return body.intoClause ? 'change' : 'read';
  // BEGIN, COMMIT and SAVEPOINT only bound the session's own statements; PREPARE TRANSACTION and COMMIT/ROLLBACK PREPARED act on a two-phase transaction.
  if (kind === 'TransactionStmt') return /PREPARE/.test(String(body.kind)) ? 'change' : 'read';
  if (READ_KINDS.has(kind)) return 'read';
  if (kind === 'CopyStmt') return body.is_from || body.filename || body.is_program ? 'change' : 'read';
  if (kind === 'DeleteStmt' || kind === 'TruncateStmt' || /^Drop/.test(kind)) return 'destructive';
  if (kind === 'UpdateStmt') return body.whereClause ? 'change' : 'destructive';
  if (kind === 'MergeStmt') return list(body.mergeWhenClauses).some((c) => field(c, 'MergeWhenClause', 'commandType') === 'CMD_DELETE') ? 'destructive' : 'change';
  if (kind === 'AlterTableStmt') return list(body.cmds).some((c) => field(c, 'AlterTableCmd', 'subtype') === 'AT_DropColumn') ? 'destructive' : 'change';
  return 'change';
}

/** EXPLAIN runs the statement only with ANALYZE (and not `ANALYZE false`). */
function analyzes(body: Node): boolean {
  return list(body.options).some((option) => {
    const def = (option as Node).DefElem as Node | undefined;
    if (def?.defname !== 'analyze') return false;
    const arg = def.arg as Node | undefined;
    if (!arg) return true;
    const value = String(field(arg, 'String', 'sval') ?? field(arg, 'Boolean', 'boolval') ?? field(arg, 'Integer', 'ival') ?? 'true').toLowerCase();
    return !['false', 'off', '0', 'no'].includes(value);
  });
}

function callsChangingFunction(body: Node): boolean {
  for (const node of objects(body)) {
    const call = node.FuncCall as Node | undefined;
    if (!call) continue;
    const name = list(call.funcname).map((part) => field(part, 'String', 'sval')).pop();
    if (typeof name === 'string' && CHANGING_FUNCTIONS.test(name)) return true;
  }
  return false;
}

/** Every object in a tree, depth first, the root included. */
function* objects(value: unknown): Generator<Node> {
  if (Array.isArray(value)) {
    for (const item of value) yield* objects(item);
  } else if (value && typeof value === 'object') {
    yield value as Node;
    for (const child of Object.values(value)) yield* objects(child);
  }
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `node[kind][name]`: a field of a node wrapped in its kind (`{ String: { sval } }`). */
function field(node: unknown, kind: string, name: string): unknown {
  const inner = (node as Node | undefined)?.[kind] as Node | undefined;
  return inner?.[name];
}
