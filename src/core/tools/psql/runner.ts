// One psql invocation (or one SQL cell): its settings, its session, and
// psql's way of sending SQL and printing what comes back.

import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { ToolContext } from '../../engine/tool';
import { splitSql } from '../../sql/split';
import { destroy, openSession, type ConnectionSettings, type PgSession } from '../../connections/postgres';
import { registerPassfilePassword } from './secrets';
import { asPsqlError, formatServerMessage, isConnectionLoss, LOST_CONNECTION, PsqlError, withLocation } from './errors';
import { queryRows, runQuery, transactionStatus, type QueryError, type StatementResult } from './exec';
import { printTable, type Align, type PrintTable } from './format';
import { emitStatementData, placeholderNote } from './results';
import { failureNote } from './failureNotes';
import type { PsqlState } from './state';

/** Type OIDs psql right-aligns: integers, floats, numeric, money, oid, xid, cid. */
const NUMERIC_TYPES = new Set([20, 21, 23, 26, 28, 29, 700, 701, 790, 1700, 5069]);

export function columnAlign(typeId: number): Align {
  return NUMERIC_TYPES.has(typeId) ? 'r' : 'l';
}

export function formatTiming(ms: number): string {
  if (ms < 1000) return `Time: ${ms.toFixed(3)} ms\n`;
  let seconds = ms / 1000;
  let minutes = Math.floor(seconds / 60);
  seconds -= 60 * minutes;
  const sec = seconds.toFixed(3).padStart(6, '0');
  const two = (n: number) => String(n).padStart(2, '0');
  if (minutes < 60) return `Time: ${ms.toFixed(3)} ms (${two(minutes)}:${sec})\n`;
  let hours = Math.floor(minutes / 60);
  minutes -= 60 * hours;
  if (hours < 24) return `Time: ${ms.toFixed(3)} ms (${two(hours)}:${two(minutes)}:${sec})\n`;
  const days = Math.floor(hours / 24);
  hours -= 24 * days;
  return `Time: ${ms.toFixed(3)} ms (${days} d ${two(hours)}:${two(minutes)}:${sec})\n`;
}

export function sessionKey(s: ConnectionSettings): string {
  const secret = createHash('sha256').update(s.password ?? '').digest('hex').slice(0, 12);
  // PGOPTIONS/options are sent once, at connect: a connection opened without them is not the one asked for.
  const options = s.options ? `&options=${encodeURIComponent(s.options)}` : '';
  return `psql:${s.user}@${s.hosts.join(',')}:${s.ports.join(',')}/${s.dbname}?sslmode=${s.sslmode}&app=${s.applicationName}${options}#${secret}`;
}

export class PsqlRun {
  /** `psql:FILE:LINE: ` while a script given with -f runs. */
  location?: string;
  private pg?: PgSession;

  constructor(
    readonly ctx: ToolContext,
    readonly state: PsqlState,
    readonly settings: ConnectionSettings,
  ) {}

  out(text: string): void {
    if (text) this.ctx.stdout.write(text);
  }

  err(text: string): void {
    if (text) this.ctx.stderr.write(text);
  }

  /** psql's own error messages: bare, or `psql:FILE:LINE: error: ` inside a -f script. */
  ownError(message: string): void {
    this.err(this.location ? `${this.location}error: ${message}\n` : `${message}\n`);
  }

  /** The notebook session's connection for these settings; a broken one is replaced. */
  async session(): Promise<PgSession> {
    if (this.pg && !this.pg.broken) return this.pg;
    const key = sessionKey(this.settings);
    const { session, signal, env } = this.ctx;
    const create = () =>
      openSession(this.settings, env, signal, (w) => this.err(w), (password) => registerPassfilePassword(this.ctx, password)).catch((error: unknown) => {
        throw asPsqlError(error);
      });
    let pg = await session.client(key, create, (c) => c.client.end().catch(() => undefined));
    if (pg.broken) {
      session.forget(key);
      pg = await session.client(key, create, (c) => c.client.end().catch(() => undefined));
    }
    this.pg = pg;
    return pg;
  }

  /** Sends SQL text as psql does and prints every result; false when the server reported an error. */
  async sendQuery(text: string): Promise<boolean> {
    if (this.state.echoQueries) this.out(text + '\n');
    const pg = await this.session();
    pg.onNotice = (notice) => this.err(withLocation(formatServerMessage(notice, text, false), this.location));
    const results: StatementResult[] = [];
    const started = performance.now();
    const error = await runQuery(pg, text, this.ctx.signal, {
      onResult: (result) => {
        results.push(result);
        this.printResult(result);
      },
      onCancel: () => this.err('Cancel request sent\n'),
    });
    if (error && (isConnectionLoss(error) || pg.broken)) this.lost(error, text);
    if (error) this.err(withLocation(formatServerMessage(error, text, true), this.location));
    if (this.state.timing) this.out(formatTiming(performance.now() - started));
    if (!this.ctx.signal.aborted) await this.describeResults(text, results, error);
    return !error;
  }

  private async describeResults(text: string, results: StatementResult[], error: QueryError | undefined): Promise<void> {
    const statements = splitSql(text).map((s) => s.text);
    for (let i = 0; i < results.length; i++) {
      await emitStatementData(this, statements[i] ?? text, results[i]).catch(() => undefined);
    }
    if (error) {
      const note = failureNote(error.message) ?? (await placeholderNote(this, error, text).catch(() => undefined));
      if (note) this.ctx.note(note);
    }
  }

  /** The session ended under the statement: psql's words, then exit code 2. */
  private lost(error: QueryError, text: string): never {
    const pg = this.pg;
    if (pg) {
      pg.broken = true;
      destroy(pg.client);
      this.ctx.session.forget(sessionKey(this.settings));
    }
    const server = error.severity ? formatServerMessage(error as QueryError & { message: string }, text, true) : '';
    this.err(withLocation(server + (pg?.ssl ? 'SSL connection has been closed unexpectedly\n' : LOST_CONNECTION), this.location));
    throw new PsqlError('connection to server was lost\n', 2);
  }

  printResult(result: StatementResult): void {
    if (result.copyOut !== undefined) return this.out(result.copyOut);
    if (result.hasTuples) {
      this.printTable(this.tableOf(result));
      if (/^(INSERT|UPDATE|DELETE|MERGE)\b/.test(result.tag) && !this.state.quiet) this.out(result.tag + '\n');
    } else if (!this.state.quiet && result.tag) this.out(result.tag + '\n');
  }

  /** A result as psql prints it; catalog listings pass a title and show NULL as empty. */
  tableOf(result: StatementResult, title?: string): PrintTable {
    const nullText = title === undefined ? this.state.nullPrint : '';
    return {
      title: title ?? this.state.title,
      headers: result.columns.map((c) => c.name),
      aligns: result.columns.map((c) => columnAlign(c.typeId)),
      rows: result.rows.map((row) => row.map((v) => v ?? nullText)),
    };
  }

  printTable(table: PrintTable): void {
    this.out(printTable(table, this.state.print));
  }

  /** A catalog query of psql's own (\d and friends); throws the server's error. */
  async query(sql: string): Promise<StatementResult> {
    return queryRows(await this.session(), sql, this.ctx.signal);
  }

  /** Runs a statement without printing (BEGIN/COMMIT of -1, the ROLLBACK when psql would exit). */
  async silent(sql: string): Promise<boolean> {
    const pg = await this.session();
    return !(await runQuery(pg, sql, this.ctx.signal, { onResult: () => undefined }));
  }

  /** Whether the session was idle (no open transaction) when this run began. */
  private startedIdle = true;

  async begin(): Promise<void> {
    const pg = await this.session();
    this.startedIdle = transactionStatus(pg.client) === 'I';
    const known = { DBNAME: pg.dbname, USER: pg.user, HOST: pg.host, PORT: pg.port, ENCODING: 'UTF8' };
    for (const [name, value] of Object.entries(known)) this.state.variables[name] ??= value;
  }

  /** Ends what a psql process would end by exiting: a transaction it left open. */
  async finish(): Promise<void> {
    if (!this.startedIdle || !this.pg || this.pg.broken) return;
    if (transactionStatus(this.pg.client) !== 'I') await this.silent('ROLLBACK').catch(() => undefined);
  }

  /** An error from one of psql's own catalog queries, printed as psql prints it. */
  reportServerError(error: unknown): void {
    const err = error as QueryError;
    if (!err.severity || isConnectionLoss(err) || this.pg?.broken) this.lost(err, '');
    this.err(withLocation(formatServerMessage(err as QueryError & { message: string }, undefined, true), this.location));
  }
}
