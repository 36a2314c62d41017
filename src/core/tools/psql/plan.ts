// Whether SQL changes anything: the statement's verb, data-modifying CTEs,
// EXPLAIN ANALYZE of a write, and the server functions with side effects.

import { splitSql } from '../../sql/split';
import { metaIsNative } from './meta';

const READ_VERBS = new Set(['SELECT', 'WITH', 'VALUES', 'TABLE', 'SHOW', 'EXPLAIN', 'SET', 'RESET', 'BEGIN', 'START', 'COMMIT', 'END', 'ROLLBACK', 'ABORT', 'SAVEPOINT', 'RELEASE', 'DISCARD', 'LISTEN', 'UNLISTEN', 'FETCH', 'MOVE', 'CLOSE', 'DECLARE', 'DEALLOCATE', 'PREPARE']);

/** Functions that change server state even inside a SELECT. */
const MUTATING_FUNCTIONS =
  /\b(pg_reload_conf|pg_terminate_backend|pg_cancel_backend|set_config|pg_rotate_logfile|pg_switch_wal|pg_promote|pg_create_restore_point|pg_create_(physical|logical)_replication_slot|pg_drop_replication_slot|pg_replication_origin_\w+|pg_stat_reset\w*|pg_advisory_(xact_)?lock\w*|pg_try_advisory\w*|nextval|setval|lo_(import|export|unlink|create|from_bytea|put)|pg_file_write|pg_wal_replay_(pause|resume)|pg_log_backend_memory_contexts|pg_import_system_collations|dblink_exec|txid_current|pg_current_xact_id)\s*\(/i;

/** Text without comments and quoted strings, for keyword tests. */
export function stripSqlNoise(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\$([A-Za-z_]\w*)?\$[\s\S]*?\$\1\$/g, "''")
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/"(?:[^"]|"")*"/g, 'x');
}

export function statementMutates(sql: string): boolean {
  const text = sql.trim();
  if (text.startsWith('\\')) return !metaIsNative(text);
  const clean = stripSqlNoise(text).replace(/^[\s(]+/, '');
  const words = clean.toUpperCase().match(/[A-Z_]+/g) ?? [];
  const verb = words[0];
  if (!verb) return false;
  if (MUTATING_FUNCTIONS.test(clean)) return true;
  if (verb === 'EXPLAIN') {
    const analyze = /^EXPLAIN\s*(\([^)]*\bANALY[SZ]E\b(?!\s+(FALSE|OFF|0)\b)[^)]*\)|\s+ANALY[SZ]E\b)/i.test(clean);
    if (!analyze) return false;
    const inner = clean.replace(/^EXPLAIN(\s*\([^)]*\))?(\s+(ANALY[SZ]E|VERBOSE))*\s*/i, '');
    return statementMutates(inner);
  }
  if (verb === 'WITH') return /\b(INSERT|UPDATE|DELETE|MERGE)\b/i.test(clean);
  // SELECT ... INTO creates a table.
  if (verb === 'SELECT') return /\bINTO\b/i.test(clean);
  if (verb === 'COPY') return /\bFROM\s+(STDIN\b|''|PROGRAM\b)/i.test(clean) || /\bTO\s+(''|PROGRAM\b)/i.test(clean);
  return !READ_VERBS.has(verb);
}

export function sqlMutates(text: string): boolean {
  return splitSql(text).some((s) => statementMutates(s.text));
}

/** A short description of the first state-changing statement, for the confirmation. */
export function sqlAction(text: string): string {
  const statements = splitSql(text);
  const first = statements.find((s) => statementMutates(s.text)) ?? statements[0];
  if (!first) return 'run SQL';
  const oneLine = stripComments(first.text).replace(/\s+/g, ' ').trim().replace(/;$/, '');
  const more = statements.length > 1 ? ` (+${statements.length - 1} more)` : '';
  return (oneLine.length > 80 ? oneLine.slice(0, 77) + '...' : oneLine) + more;
}

function stripComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ');
}
