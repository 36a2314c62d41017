// \d of a sequence or an index, as psql 15 shows them.

import { literal } from './exec';
import type { PsqlRun } from './runner';

export async function describeSequence(run: PsqlRun, oid: string, qualified: string): Promise<void> {
  const id = literal(oid);
  const values = await run.query(`SELECT pg_catalog.format_type(seqtypid, NULL) AS "Type",
       seqstart AS "Start",
       seqmin AS "Minimum",
       seqmax AS "Maximum",
       seqincrement AS "Increment",
       CASE WHEN seqcycle THEN 'yes' ELSE 'no' END AS "Cycles?",
       seqcache AS "Cache"
FROM pg_catalog.pg_sequence
WHERE seqrelid = ${id};`);
  const owner = await run.query(`SELECT pg_catalog.quote_ident(nspname) || '.' ||
   pg_catalog.quote_ident(relname) || '.' ||
   pg_catalog.quote_ident(attname),
   d.deptype
FROM pg_catalog.pg_class c
INNER JOIN pg_catalog.pg_depend d ON c.oid=d.refobjid
INNER JOIN pg_catalog.pg_namespace n ON n.oid=c.relnamespace
INNER JOIN pg_catalog.pg_attribute a ON (
 a.attrelid=c.oid AND
 a.attnum=d.refobjsubid)
WHERE d.classid='pg_catalog.pg_class'::pg_catalog.regclass
 AND d.refclassid='pg_catalog.pg_class'::pg_catalog.regclass
 AND d.objid=${id}
 AND d.deptype IN ('a', 'i')`);
  const footers: string[] = [];
  const [column, deptype] = owner.rows[0] ?? [];
  if (deptype === 'a') footers.push(`Owned by: ${column}`);
  else if (deptype === 'i') footers.push(`Sequence for identity column: ${column}`);
  run.printTable({ ...run.tableOf(values, `Sequence ${qualified}`), footers, noDefaultFooter: true });
}

export async function describeIndex(run: PsqlRun, oid: string, schema: string, qualified: string, partitioned: boolean, verbose: boolean): Promise<void> {
  const id = literal(oid);
  const columns = await run.query(`SELECT a.attname,
  pg_catalog.format_type(a.atttypid, a.atttypmod),
  CASE WHEN a.attnum <= (SELECT i.indnkeyatts FROM pg_catalog.pg_index i WHERE i.indexrelid = ${id}) THEN 'yes' ELSE 'no' END AS is_key,
  pg_catalog.pg_get_indexdef(a.attrelid, a.attnum, TRUE) AS indexdef,
  a.attstorage,
  CASE WHEN a.attstattarget=-1 THEN NULL ELSE a.attstattarget END AS attstattarget
FROM pg_catalog.pg_attribute a
WHERE a.attrelid = ${id} AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum;`);
  const info = (await run.query(`SELECT i.indisunique, i.indisprimary, i.indisclustered, i.indisvalid,
  (NOT i.indimmediate) AND EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x') AND condeferrable) AS condeferrable,
  (NOT i.indimmediate) AND EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x') AND condeferred) AS condeferred,
  i.indisreplident, i.indnullsnotdistinct, a.amname, c2.relname, pg_catalog.pg_get_expr(i.indpred, i.indrelid, true)
FROM pg_catalog.pg_index i, pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_am a
WHERE i.indexrelid = c.oid AND c.oid = ${id} AND c.relam = a.oid
AND i.indrelid = c2.oid;`)).rows[0];
  const headers = ['Column', 'Type', 'Key?', 'Definition', ...(verbose ? ['Storage', 'Stats target'] : [])];
  const storage: Record<string, string> = { p: 'plain', m: 'main', x: 'extended', e: 'external' };
  const rows = columns.rows.map(([name, type, key, def, store, stats]) => [
    name ?? '', type ?? '', key ?? '', def ?? '', ...(verbose ? [storage[store ?? ''] ?? '', stats ?? ''] : []),
  ]);
  const footers: string[] = [];
  if (info) {
    const [unique, primary, clustered, valid, deferrable, deferred, replident, nullsNotDistinct, am, table, predicate] = info;
    let text = primary === 't' ? 'primary key, ' : unique === 't' ? `unique${nullsNotDistinct === 't' ? ' nulls not distinct' : ''}, ` : '';
    text += `${am}, for table "${schema}.${table}"`;
    if (predicate) text += `, predicate (${predicate})`;
    if (clustered === 't') text += ', clustered';
    if (valid !== 't') text += ', invalid';
    if (deferrable === 't') text += ', deferrable';
    if (deferred === 't') text += ', initially deferred';
    if (replident === 't') text += ', replica identity';
    footers.push(text);
  }
  run.printTable({ title: `${partitioned ? 'Partitioned index' : 'Index'} ${qualified}`, headers, aligns: headers.map(() => 'l'), rows, footers, noDefaultFooter: true });
}
