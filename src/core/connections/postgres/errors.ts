// Why PostgreSQL settings could not be resolved or a session not opened, in
// libpq's words (`connection to server at "db" (10.0.0.5), port 5432 failed:
// Connection refused ...`), with the exit code psql gives it.

export class PgConnectError extends Error {
  /** 1: a malformed connection string; 2: any other failure; 130: cancelled. */
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}
