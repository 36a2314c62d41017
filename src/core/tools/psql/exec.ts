// Sends SQL text over the simple query protocol, as psql does, and hands
// back each statement's result as it completes: column names and types, the
// rows exactly as the server wrote them (no type parsing), the command tag.
// Stopping the cell sends a cancel request; a session that does not answer
// within a second is closed so the cell never hangs.

import type { Client } from 'pg';
import { destroy, sendCancel, type PgSession } from '../../connections/postgres';
import type { ServerMessage } from './errors';

export interface Column {
  name: string;
  typeId: number;
}

export interface StatementResult {
  columns: Column[];
  rows: (string | null)[][];
  /** The command tag: `SELECT 3`, `INSERT 0 1`, `ALTER SYSTEM`. */
  tag: string;
  /** A RowDescription came: the statement returns rows (possibly none). */
  hasTuples: boolean;
  /** COPY ... TO STDOUT data. */
  copyOut?: string;
}

export type QueryError = Error & Partial<ServerMessage>;

interface RowDescription {
  fields: { name: string; dataTypeID: number }[];
}

/** A pg Submittable: the same protocol messages pg's own Query sees, kept raw. */
class SimpleQuery {
  private current?: StatementResult;
  private copy: Buffer[] = [];
  private settle!: (error: QueryError | undefined) => void;
  readonly done = new Promise<QueryError | undefined>((resolve) => (this.settle = resolve));

  constructor(
    readonly text: string,
    private readonly onResult: (result: StatementResult) => void,
  ) {}

  submit(connection: { query(text: string): void }): void {
    connection.query(this.text);
  }

  handleRowDescription(msg: RowDescription): void {
    this.current = { columns: msg.fields.map((f) => ({ name: f.name, typeId: f.dataTypeID })), rows: [], tag: '', hasTuples: true };
  }

  handleDataRow(msg: { fields: (string | null)[] }): void {
    this.current?.rows.push(msg.fields);
  }

  handleCommandComplete(msg: { text: string }): void {
    const result = this.current ?? { columns: [], rows: [], tag: '', hasTuples: false };
    result.tag = msg.text;
    if (this.copy.length) {
      result.copyOut = Buffer.concat(this.copy).toString('utf8');
      this.copy = [];
    }
    this.current = undefined;
    this.onResult(result);
  }

  handleEmptyQuery(): void {}

  handlePortalSuspended(): void {}

  handleCopyInResponse(connection: { sendCopyFail(message: string): void }): void {
    connection.sendCopyFail('COPY FROM STDIN is not supported in a notebook cell; use \\copy in a terminal');
  }

  handleCopyData(msg: { chunk: Buffer }): void {
    this.copy.push(msg.chunk);
  }

  handleError(error: QueryError): void {
    this.settle(error);
  }

  handleReadyForQuery(): void {
    this.settle(undefined);
  }
}

export interface QueryHooks {
  onResult(result: StatementResult): void;
  /** psql prints `Cancel request sent` when the user interrupts a statement. */
  onCancel?(): void;
}

/** Runs SQL text (one statement or several); resolves with the error that ended it, if any. */
export async function runQuery(session: PgSession, text: string, signal: AbortSignal, hooks: QueryHooks): Promise<QueryError | undefined> {
  const query = new SimpleQuery(text, hooks.onResult);
  let timer: NodeJS.Timeout | undefined;
  const onAbort = () => {
    hooks.onCancel?.();
    void sendCancel(session);
    timer = setTimeout(() => {
      session.broken = true;
      destroy(session.client);
    }, 800);
  };
  if (signal.aborted) return Object.assign(new Error('canceled'), { severity: 'ERROR', message: 'canceling statement due to user request' });
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    (session.client as unknown as { query(q: SimpleQuery): unknown }).query(query);
    return await query.done;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}

/** One statement's result for psql's own catalog queries; throws the server's error. */
export async function queryRows(session: PgSession, text: string, signal: AbortSignal): Promise<StatementResult> {
  let last: StatementResult | undefined;
  const error = await runQuery(session, text, signal, { onResult: (r) => (last = r) });
  if (error) throw error;
  return last ?? { columns: [], rows: [], tag: '', hasTuples: false };
}

export function transactionStatus(client: Client): string | undefined {
  return (client as unknown as { getTransactionStatus?: () => string | undefined }).getTransactionStatus?.();
}

/** A string literal for SQL text (standard_conforming_strings on). */
export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
