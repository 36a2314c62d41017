// psql's own errors, the `psql:FILE:LINE: ` prefix of scripts, and which
// server errors end the session. How the server's messages are worded lives
// with the connection code (core/connections/postgres).

import { PgConnectError, type ServerMessage } from '../../connections/postgres';

export { errorCursor, formatServerMessage, LOST_CONNECTION, type ServerMessage } from '../../connections/postgres';

/** Adds psql's `psql:FILE:LINE: ` prefix (scripts read with -f) to the first line. */
export function withLocation(text: string, location: string | undefined): string {
  return location ? `${location}${text}` : text;
}

/** True for a server error that ends the session (FATAL/PANIC) or a socket error. */
export function isConnectionLoss(error: unknown): boolean {
  const severity = (error as ServerMessage | undefined)?.severity;
  if (severity) return severity === 'FATAL' || severity === 'PANIC';
  return true;
}

/** Errors of our own making that psql reports in its own words. */
export class PsqlError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

/** A failure to resolve settings or connect, in psql's words: `psql: error: ...` (nothing when cancelled). */
export function asPsqlError(error: unknown): unknown {
  if (!(error instanceof PgConnectError)) return error;
  return new PsqlError(error.exitCode === 130 ? '' : `psql: error: ${error.message}`, error.exitCode);
}
