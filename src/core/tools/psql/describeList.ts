// \dt, \di, \dv, \ds, \dm, \d (no argument), \l, \du and \dn: psql 15's
// catalog queries and its titles, so the listings match psql's.

import { literal } from './exec';
import type { PsqlRun } from './runner';

/** A psql name pattern as regular expressions (`public.game*`, `"Mixed"`). */
export function namePattern(pattern: string): { schema?: string; name?: string } {
  const parts: string[] = [''];
  let quoted = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '"') {
      if (quoted && pattern[i + 1] === '"') {
        parts[parts.length - 1] += '"';
        i++;
      } else quoted = !quoted;
    } else if (quoted) parts[parts.length - 1] += /[|*+?()[\]{}.^$\\]/.test(ch) ? `\\${ch}` : ch;
    else if (ch === '.') parts.push('');
    else if (ch === '*') parts[parts.length - 1] += '.*';
    else if (ch === '?') parts[parts.length - 1] += '.';
    else if (ch === '$') parts[parts.length - 1] += '\\$';
    else parts[parts.length - 1] += ch.toLowerCase();
  }
  const regex = (p: string | undefined) => (p === undefined || p === '.*' ? undefined : `^(${p})$`);
  if (parts.length === 1) return { name: regex(parts[0]) };
  return { schema: regex(parts[parts.length - 2]), name: regex(parts[parts.length - 1]) };
}

/** psql's WHERE additions for a pattern: name and schema regexes, or the visibility test. */
export function patternConditions(pattern: string | undefined, schemaCol: string | undefined, nameCol: string, visible?: string): string {
  if (pattern === undefined) return visible ? `  AND ${visible}\n` : '';
  const { schema, name } = namePattern(pattern);
  let sql = '';
  if (name) sql += `  AND ${nameCol} OPERATOR(pg_catalog.~) ${literal(name)} COLLATE pg_catalog.default\n`;
  if (schema && schemaCol) sql += `  AND ${schemaCol} OPERATOR(pg_catalog.~) ${literal(schema)} COLLATE pg_catalog.default\n`;
  else if (!schema && visible) sql += `  AND ${visible}\n`;
  return sql;
}

const RELKIND_NAMES =
  "CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END";

/** `types`: letters of t, i, v, m, s, E (empty: all but indexes). */
export async function listRelations(run: PsqlRun, types: string, pattern: string | undefined, verbose: boolean, system = false): Promise<boolean> {
  let t = types.includes('t');
  const i = types.includes('i');
  let v = types.includes('v');
  let m = types.includes('m');
  let s = types.includes('s');
  let e = types.includes('E');
  if (!(t || i || v || m || s || e)) t = v = m = s = e = true;
  let sql = `SELECT n.nspname as "Schema",\n  c.relname as "Name",\n  ${RELKIND_NAMES} as "Type",\n  pg_catalog.pg_get_userbyid(c.relowner) as "Owner"`;
  if (i) sql += ',\n c2.relname as "Table"';
  if (verbose) {
    sql += ",\n  CASE c.relpersistence WHEN 'p' THEN 'permanent' WHEN 't' THEN 'temporary' WHEN 'u' THEN 'unlogged' END as \"Persistence\"";
    if (t || m || i) sql += ',\n  am.amname as "Access method"';
    sql += ',\n  pg_catalog.pg_size_pretty(pg_catalog.pg_table_size(c.oid)) as "Size",\n  pg_catalog.obj_description(c.oid, \'pg_class\') as "Description"';
  }
  sql += '\nFROM pg_catalog.pg_class c\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n     LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam';
  if (i) sql += '\n     LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid\n     LEFT JOIN pg_catalog.pg_class c2 ON i.indrelid = c2.oid';
  const kinds = [t && "'r','p'", v && "'v'", m && "'m'", i && "'i','I'", s && "'S'", (pattern !== undefined || system) && "'s'", e && "'f'"].filter(Boolean);
  sql += `\nWHERE c.relkind IN (${[...kinds, "''"].join(',')})\n`;
  if (pattern === undefined && !system) sql += "      AND n.nspname <> 'pg_catalog'\n      AND n.nspname <> 'information_schema'\n";
  sql += "      AND n.nspname !~ '^pg_toast'\n";
  sql += patternConditions(pattern, 'n.nspname', 'c.relname', 'pg_catalog.pg_table_is_visible(c.oid)');
  sql += 'ORDER BY 1,2;';
  const result = await run.query(sql);
  if (result.rows.length === 0) {
    if (!run.state.quiet) run.ownError(pattern !== undefined ? `Did not find any relation named "${pattern}".` : 'Did not find any relations.');
    return true;
  }
  run.printTable(run.tableOf(result, 'List of relations'));
  return true;
}

export async function listDatabases(run: PsqlRun, pattern: string | undefined, verbose: boolean): Promise<boolean> {
  let sql = `SELECT d.datname as "Name",
       pg_catalog.pg_get_userbyid(d.datdba) as "Owner",
       pg_catalog.pg_encoding_to_char(d.encoding) as "Encoding",
       d.datcollate as "Collate",
       d.datctype as "Ctype",
       d.daticulocale as "ICU Locale",
       CASE d.datlocprovider WHEN 'c' THEN 'libc' WHEN 'i' THEN 'icu' END AS "Locale Provider",
       pg_catalog.array_to_string(d.datacl, E'\\n') AS "Access privileges"`;
  if (verbose) {
    sql += `,
       CASE WHEN pg_catalog.has_database_privilege(d.datname, 'CONNECT')
            THEN pg_catalog.pg_size_pretty(pg_catalog.pg_database_size(d.datname))
            ELSE 'No Access'
       END as "Size",
       t.spcname as "Tablespace",
       pg_catalog.shobj_description(d.oid, 'pg_database') as "Description"`;
  }
  sql += '\nFROM pg_catalog.pg_database d\n';
  if (verbose) sql += '  JOIN pg_catalog.pg_tablespace t on d.dattablespace = t.oid\n';
  if (pattern !== undefined) sql += patternConditions(pattern, undefined, 'd.datname').replace(/^ {2}AND/, 'WHERE');
  sql += 'ORDER BY 1;';
  const result = await run.query(sql);
  run.printTable(run.tableOf(result, 'List of databases'));
  return true;
}

export async function listRoles(run: PsqlRun, pattern: string | undefined, verbose: boolean, system = false): Promise<boolean> {
  let sql = `SELECT r.rolname, r.rolsuper, r.rolinherit,
  r.rolcreaterole, r.rolcreatedb, r.rolcanlogin,
  r.rolconnlimit, r.rolvaliduntil,
  ARRAY(SELECT b.rolname
        FROM pg_catalog.pg_auth_members m
        JOIN pg_catalog.pg_roles b ON (m.roleid = b.oid)
        WHERE m.member = r.oid) as memberof`;
  if (verbose) sql += "\n, pg_catalog.shobj_description(r.oid, 'pg_authid') AS description";
  sql += '\n, r.rolreplication\n, r.rolbypassrls\nFROM pg_catalog.pg_roles r\n';
  if (pattern !== undefined) sql += patternConditions(pattern, undefined, 'r.rolname').replace(/^ {2}AND/, 'WHERE');
  else if (!system) sql += "WHERE r.rolname !~ '^pg_'\n";
  sql += 'ORDER BY 1;';
  const result = await run.query(sql);
  if (result.rows.length === 0 && pattern !== undefined) {
    run.ownError(`Did not find any role named "${pattern}".`);
    return true;
  }
  const rows = result.rows.map((r) => {
    const attrs: string[] = [];
    const off = verbose ? 1 : 0;
    if (r[1] === 't') attrs.push('Superuser');
    if (r[2] !== 't') attrs.push('No inheritance');
    if (r[3] === 't') attrs.push('Create role');
    if (r[4] === 't') attrs.push('Create DB');
    if (r[5] !== 't') attrs.push('Cannot login');
    if (r[9 + off] === 't') attrs.push('Replication');
    if (r[10 + off] === 't') attrs.push('Bypass RLS');
    let text = attrs.join(', ');
    const conns = Number(r[6]);
    if (conns >= 0) text += (text ? '\n' : '') + (conns === 0 ? 'No connections' : `${conns} connection${conns === 1 ? '' : 's'}`);
    if (r[7]) text += (text ? '\n' : '') + `Password valid until ${r[7]}`;
    const row = [r[0] ?? '', text, r[8] ?? ''];
    if (verbose) row.push(r[9] ?? '');
    return row;
  });
  const headers = ['Role name', 'Attributes', 'Member of', ...(verbose ? ['Description'] : [])];
  run.printTable({ title: 'List of roles', headers, aligns: headers.map(() => 'l'), rows, noDefaultFooter: true });
  return true;
}

export async function listSchemas(run: PsqlRun, pattern: string | undefined, verbose: boolean, system = false): Promise<boolean> {
  let sql = 'SELECT n.nspname AS "Name",\n  pg_catalog.pg_get_userbyid(n.nspowner) AS "Owner"';
  if (verbose) {
    sql += ",\n  pg_catalog.array_to_string(n.nspacl, E'\\n') AS \"Access privileges\",\n  pg_catalog.obj_description(n.oid, 'pg_namespace') AS \"Description\"";
  }
  sql += '\nFROM pg_catalog.pg_namespace n\n';
  if (pattern !== undefined) sql += patternConditions(pattern, undefined, 'n.nspname').replace(/^ {2}AND/, 'WHERE');
  else if (!system) sql += "WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'\n";
  sql += 'ORDER BY 1;';
  const result = await run.query(sql);
  if (result.rows.length === 0 && pattern !== undefined) {
    run.ownError(`Did not find any schema named "${pattern}".`);
    return true;
  }
  run.printTable(run.tableOf(result, 'List of schemas'));
  return true;
}
