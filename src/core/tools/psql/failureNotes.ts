// What to do about the failures an on-call engineer meets when PostgreSQL is
// in trouble: a note beside psql's own words, never in them.

const NOTES: Array<[RegExp, string]> = [
  [/fe_sendauth: no password supplied/, 'The server asked for a password and none was given: set PGPASSWORD (for example in the runbook env file) or add a line for this server to ~/.pgpass.'],
  [/password authentication failed for user/, 'The server refused the password: check PGPASSWORD, the password in the connection URI, or this server’s line in ~/.pgpass.'],
  [/FATAL: {2}database ".*" does not exist/, 'No database of that name on this server: check -d / PGDATABASE; `psql -l` lists the databases there are.'],
  [/Connection refused/, 'Nothing listens on that host and port: the server is down or restarting, or the port is wrong. For a replica, pg_stat_replication on the primary shows whether it is streaming.'],
  [/connection to server was lost/, 'The server ended the session under the statement (a restart, a failover or a crash). The next cell reconnects; check whether a statement that was running took effect before running it again.'],
  [/canceling statement due to statement timeout/, 'The statement ran past statement_timeout and the server cancelled it: narrow the query, or raise the limit for this session (SET statement_timeout = ...) if it must run longer.'],
];

/** The note for a failure psql or the server reported, if it is one of those. */
export function failureNote(message: string): string | undefined {
  return NOTES.find(([pattern]) => pattern.test(message))?.[1];
}
