// Structured results for the notebook next to psql's text: every
// statement's rows, and the measurements runbook thresholds read
// (connections against max_connections, replicas and their lag, database
// size); plus a note when a runbook query still has a placeholder name.

import type { QueryError, StatementResult } from './exec';
import type { PsqlRun } from './runner';

const INT = /^-?\d+$/;

/** Rows kept in the structured result; the text output always has them all. */
const MAX_ROWS = 1000;

function tagCount(tag: string): number | undefined {
  const last = tag.split(' ').pop() ?? '';
  return /^(INSERT|UPDATE|DELETE|MERGE|SELECT|COPY|FETCH|MOVE)\b/.test(tag) && INT.test(last) ? Number(last) : undefined;
}

/** `0/4000060` as a byte position. */
export function lsnBytes(lsn: string): number | undefined {
  const m = /^([0-9A-Fa-f]+)\/([0-9A-Fa-f]+)$/.exec(lsn);
  return m ? Number((BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`)) : undefined;
}

const UNITS: Record<string, number> = { bytes: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4, pb: 1024 ** 5 };

/** Plain byte counts and pg_size_pretty text (`8853 kB`, `12 MB`). */
export function sizeBytes(text: string): number | undefined {
  if (INT.test(text)) return Number(text);
  const m = /^(-?\d+(?:\.\d+)?)\s*(bytes|kB|MB|GB|TB|PB)$/i.exec(text.trim());
  return m ? Math.round(Number(m[1]) * UNITS[m[2].toLowerCase()]) : undefined;
}

export async function emitStatementData(run: PsqlRun, statement: string, result: StatementResult): Promise<void> {
  const { ctx } = run;
  const columns = result.columns.map((c) => c.name);
  ctx.emit({
    kind: 'rows',
    columns,
    rows: result.rows.length > MAX_ROWS ? result.rows.slice(0, MAX_ROWS) : result.rows,
    command: result.tag.split(' ')[0] || undefined,
    rowCount: result.hasTuples ? result.rows.length : tagCount(result.tag),
    tag: result.tag,
    ...(result.rows.length > MAX_ROWS ? { truncated: true } : {}),
  });
  if (!result.hasTuples) return;
  const single = result.rows.length === 1 && result.rows[0].length >= 1 ? result.rows[0] : undefined;

  if (/\b(pg_stat_activity|numbackends)\b/i.test(statement) && single && INT.test(single[0] ?? '')) {
    const maxAt = columns.findIndex((c, i) => i > 0 && /max/i.test(c));
    let max = maxAt > 0 && INT.test(single[maxAt] ?? '') ? Number(single[maxAt]) : undefined;
    if (max === undefined) max = await maxConnections(run);
    ctx.emit({ kind: 'postgres-connections', count: Number(single[0]), maxConnections: max });
  }

  if (/\bpg_stat_replication\b/i.test(statement)) {
    const counted = /\bcount\s*\(/i.test(statement) && single && result.columns.length === 1 && INT.test(single[0] ?? '');
    const replicas = counted ? Number(single![0]) : result.rows.length;
    const sent = columns.indexOf('sent_lsn');
    const replay = columns.indexOf('replay_lsn');
    const lagColumn = columns.findIndex((c) => /lag.*bytes|bytes.*lag/i.test(c));
    const lags: number[] = [];
    for (const row of result.rows) {
      if (sent >= 0 && replay >= 0) {
        const a = lsnBytes(row[sent] ?? '');
        const b = lsnBytes(row[replay] ?? '');
        if (a !== undefined && b !== undefined) lags.push(a - b);
      } else if (lagColumn >= 0 && row[lagColumn] !== null) {
        const n = sizeBytes(row[lagColumn] ?? '');
        if (n !== undefined) lags.push(n);
      }
    }
    ctx.emit({ kind: 'postgres-replication', replicas, ...(lags.length ? { lagBytes: Math.max(...lags) } : {}) });
  }

  if (/\bpg_database_size\b/i.test(statement)) {
    const nameAt = columns.findIndex((c) => /^(datname|database|dbname|db|name)$/i.test(c));
    for (const row of result.rows) {
      // A byte count is exact; pg_size_pretty's text is rounded to a whole unit (up to 5 % off).
      const exactAt = row.findIndex((v, i) => i !== nameAt && v !== null && INT.test(v));
      const valueAt = exactAt >= 0 ? exactAt : row.findIndex((v, i) => i !== nameAt && v !== null && sizeBytes(v) !== undefined);
      if (valueAt < 0) continue;
      const database = nameAt >= 0 ? row[nameAt] ?? undefined : undefined;
      const bytes = sizeBytes(row[valueAt] ?? '');
      if (bytes !== undefined) ctx.emit({ kind: 'postgres-database-size', bytes, ...(database ? { database } : {}) });
    }
  }
}

async function maxConnections(run: PsqlRun): Promise<number | undefined> {
  const pg = await run.session();
  const cached = (pg as { maxConnections?: number }).maxConnections;
  if (cached !== undefined) return cached;
  try {
    const value = (await run.query('SHOW max_connections')).rows[0]?.[0];
    if (!value || !INT.test(value)) return undefined;
    (pg as { maxConnections?: number }).maxConnections = Number(value);
    return Number(value);
  } catch {
    return undefined;
  }
}

const PLACEHOLDER = /^(?:table_?name|tablename|tbl_?name|your_?table(?:_?name)?|my_?table|some_?table|example_?table|the_?table|column_?name|col_?name|your_?column|x{3,}|<[^>]*>|.*placeholder.*)$/i;

export function looksLikePlaceholder(name: string): boolean {
  return PLACEHOLDER.test(name.split('.').pop() ?? name);
}

/** When an unknown table or column is a template placeholder, say so and name real candidates. */
export async function placeholderNote(run: PsqlRun, error: QueryError, statement: string): Promise<string | undefined> {
  const m = /^(relation|column) "([^"]+)" does not exist$/.exec(error.message ?? '');
  if (!m || !looksLikePlaceholder(m[2])) return undefined;
  const kind = m[1] === 'relation' ? 'table' : 'column';
  const base = `${m[2]} looks like a placeholder: the runbook's query needs a real ${kind} name before it can run.`;
  let tables: { name: string; columns: string[] }[] = [];
  try {
    const found = await run.query(
      `SELECT c.relname, pg_catalog.string_agg(a.attname, ',' ORDER BY a.attnum)
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relkind IN ('r','p') AND n.nspname <> 'pg_catalog' AND n.nspname <> 'information_schema'
  AND n.nspname !~ '^pg_toast' AND pg_catalog.pg_table_is_visible(c.oid)
GROUP BY c.relname ORDER BY 1 LIMIT 50`,
    );
    tables = found.rows.map((r) => ({ name: r[0] ?? '', columns: (r[1] ?? '').split(',') }));
  } catch {
    return base;
  }
  if (!tables.length) return base;
  const words = new Set((statement.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []).filter((w) => !looksLikePlaceholder(w)));
  if (kind === 'table') {
    const used = [...new Set(tables.flatMap((t) => t.columns))].filter((c) => words.has(c));
    const fitting = tables.filter((t) => used.every((c) => t.columns.includes(c))).map((t) => t.name);
    if (used.length && fitting.length) return `${base} Tables with ${used.map((c) => `a ${c}`).join(' and ')} column here: ${fitting.join(', ')}.`;
    return `${base} Tables here: ${tables.map((t) => t.name).slice(0, 10).join(', ')}.`;
  }
  const named = tables.filter((t) => words.has(t.name));
  const pick = named.length ? named : tables.slice(0, 3);
  return `${base} Columns of ${pick.map((t) => `${t.name}: ${t.columns.join(', ')}`).join('; ')}.`;
}
