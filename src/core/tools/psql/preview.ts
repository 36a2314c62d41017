// What SQL would change, worked out without changing anything: for DML,
// the server's EXPLAIN and the number of rows affected, counted by running
// the statements in a transaction that is always rolled back, on a
// connection of its own; DDL and ALTER SYSTEM are named with their target,
// never run.

import type { Preview, PreviewContext } from '../../engine/tool';
import { openSession, destroy, type ConnectionSettings, type PgSession } from '../../connections/postgres';
import { parsedStatements, type ParsedStatement } from '../../sql/effect';
import { splitSql } from '../../sql/split';
import { commandEffect, describeStatement } from './plan';
import { queryRows } from './exec';

/** Statements whose rows are counted in the rolled-back transaction. */
const DML = new Set(['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt']);
/** How long the counting may take, and wait for a lock, before it gives up. */
const LIMITS = "SET LOCAL statement_timeout = '5s'; SET LOCAL lock_timeout = '2s'";

interface Step {
  text: string;
  line: string;
  parsed?: ParsedStatement;
}

export async function sqlPreview(sql: string, settings: ConnectionSettings, ctx: PreviewContext): Promise<Preview | undefined> {
  const steps: Step[] = splitSql(sql)
    .filter((s) => !s.text.trimStart().startsWith('\\') && commandEffect(s.text) !== 'read')
    .map((s) => ({ text: s.text.trim().replace(/;$/, ''), line: describeStatement([s]), parsed: parsedStatements(s.text)?.[0] }));
  if (!steps.length) return undefined;
  const database = `${settings.hosts[0]}:${settings.ports[0]}/${settings.dbname}`;
  const counted = steps.filter(countable);
  const counts = counted.length ? await countInRolledBackTransaction(counted, settings, ctx) : new Map<Step, string>();
  const text = steps.map((step) => counts.get(step) ?? `${step.line}\n  ${notCounted(step)} on ${database}\n`).join('');
  return { text };
}

/** DML the server can run and roll back without a side effect escaping the transaction. */
function countable(step: Step): boolean {
  return Boolean(step.parsed && DML.has(step.parsed.kind) && !step.parsed.callsChangingFunction && !/(^|[^:]):['"]?[A-Za-z_]/.test(step.text));
}

/** What a statement that is not counted changes: its kind and object, from the parse tree. */
function notCounted(step: Step): string {
  const parsed = step.parsed;
  if (!parsed) return 'not counted: the parser could not read it;';
  if (DML.has(parsed.kind)) return 'not counted (it uses psql variables or a server function with side effects);';
  if (parsed.callsChangingFunction) return 'calls a server function with side effects (not run for the preview)';
  const objectName = objectOf(parsed);
  if (parsed.kind === 'AlterSystemStmt') return `changes the server setting ${objectName ?? ''} (postgresql.auto.conf)`.replace('  ', ' ');
  return `changes ${objectName ?? 'the database'} (not run for the preview)`;
}

type Node = Record<string, unknown>;
interface Relation {
  schemaname?: string;
  relname?: string;
}

/** `schema.table` of a statement's relation, a dropped object's name, or an ALTER SYSTEM setting's name. */
function objectOf(parsed: ParsedStatement): string | undefined {
  const body = parsed.body;
  if (parsed.kind === 'AlterSystemStmt') return (body.setstmt as { name?: string } | undefined)?.name;
  const relation = (body.relation ?? (body.into as Node | undefined)?.rel ?? body.view) as Relation | undefined;
  if (relation?.relname) return [relation.schemaname, relation.relname].filter(Boolean).join('.');
  if (parsed.kind === 'DropStmt' && Array.isArray(body.objects)) {
    const names = (body.objects as Node[]).map((o) => nameParts(o).join('.'));
    return names.filter(Boolean).join(', ') || undefined;
  }
  return undefined;
}

/** A dropped object's name: `{ List: { items: [{ String: { sval } }, ...] } }`, or one `String` node. */
function nameParts(node: Node): string[] {
  const items = ((node.List as Node | undefined)?.items as Node[] | undefined) ?? [node];
  return items.map((item) => (item.String as { sval?: string } | undefined)?.sval).filter((s): s is string => Boolean(s));
}

/** EXPLAIN and the rows each statement affects, in order, inside BEGIN ... ROLLBACK; a failed statement is reported and the rest go on. */
async function countInRolledBackTransaction(steps: Step[], settings: ConnectionSettings, ctx: PreviewContext): Promise<Map<Step, string>> {
  const out = new Map<Step, string>();
  const pg: PgSession = await openSession(settings, ctx.env, ctx.signal, () => undefined);
  try {
    await queryRows(pg, `BEGIN; ${LIMITS}`, ctx.signal);
    for (const step of steps) {
      await queryRows(pg, 'SAVEPOINT runbook_preview', ctx.signal);
      try {
        const plan = await queryRows(pg, `EXPLAIN ${step.text}`, ctx.signal);
        const tag = (await queryRows(pg, step.text, ctx.signal)).tag;
        const rows = Number(tag.split(' ').pop());
        const explain = plan.rows.map((row) => `  ${row[0]}\n`).join('');
        out.set(step, `${step.line}\n  ${rows} row${rows === 1 ? '' : 's'} affected (counted in a transaction that was rolled back)\n${explain}`);
      } catch (error) {
        await queryRows(pg, 'ROLLBACK TO SAVEPOINT runbook_preview', ctx.signal);
        out.set(step, `${step.line}\n  not counted: ${(error as Error).message}\n`);
      }
    }
  } finally {
    await queryRows(pg, 'ROLLBACK', ctx.signal).catch(() => undefined);
    await pg.client.end().catch(() => destroy(pg.client));
  }
  return out;
}
