// The commands the psql parity test runs both ways: every psql and SQL step
// of the sample scaling runbook, then the formats, meta-commands, errors and
// connection settings an on-call engineer meets.


export interface ParityCase {
  name: string;
  /** A shell command line (compared with bash running it). */
  cmd?: string;
  /** A SQL cell (compared with `psql -X -v ON_ERROR_STOP=1` reading it on stdin). */
  sql?: string;
  /** Output holds clocks, WAL positions or timings. */
  volatile?: boolean;
  /** Output counts sessions: each run waits until the sessions of earlier runs have left. */
  countsSessions?: boolean;
  /**
   * The state moves by itself: pg_stat_replication's lag columns show the
   * last lag for a while after WAL was written (the server writes some every
   * 15 s), then NULL. Ours must equal the real output just before or just
   * after it (test/support/bracketed.ts).
   */
  moves?: boolean;
}

export const PARITY_CASES: ParityCase[] = [
  // The sample runbook (shared/seeds/000_3ed0df7564d0cc7c.txt).
  { name: 'runbook: verify replication', cmd: 'psql -c "SELECT * FROM pg_stat_replication;"', volatile: true, moves: true },
  { name: 'runbook: ALTER SYSTEM max_wal_senders', cmd: 'psql -c "ALTER SYSTEM SET max_wal_senders = 10;"' },
  { name: 'runbook: reload configuration', cmd: 'psql -c "SELECT pg_reload_conf();"' },
  { name: 'runbook: verify replication again', cmd: 'psql -c "SELECT * FROM pg_stat_replication;"', volatile: true, moves: true },
  { name: 'runbook SQL: old data (placeholder table)', sql: "SELECT COUNT(*) FROM table_name WHERE created_at < NOW() - INTERVAL '90 days';" },
  { name: 'runbook SQL: database connections', sql: 'SELECT count(*) FROM pg_stat_activity;', countsSessions: true },

  // Result formats.
  { name: 'rows with numbers and text', cmd: 'psql -c "SELECT id, username, rating FROM players ORDER BY id LIMIT 5"' },
  { name: 'wide rows with timestamps', cmd: 'psql -c "SELECT * FROM games ORDER BY id LIMIT 4"' },
  { name: 'NULLs', cmd: 'psql -c "SELECT id, winner, finished_at IS NULL AS open FROM games ORDER BY id LIMIT 6"' },
  { name: 'multi-line values', cmd: "psql -c \"SELECT 'line one' || chr(10) || 'line two' AS note, 42 AS answer, 'tab' || chr(9) || 'bed' AS t\"" },
  { name: 'jsonb payloads', cmd: 'psql -c "SELECT id, payload FROM game_events ORDER BY id LIMIT 3"' },
  { name: 'arrays, booleans, numeric, float', cmd: 'psql -c "SELECT ARRAY[1,2,3] AS arr, true AS flag, 1.50::numeric AS amount, 2.5::float8 AS f, NULL::int AS missing"' },
  { name: 'unicode and wide characters', cmd: "psql -c \"SELECT 'naïve café' AS word, '日本語テキスト' AS wide, 7 AS n\"" },
  { name: 'no rows', cmd: 'psql -c "SELECT id, username FROM players WHERE id < 0"' },
  { name: 'expanded -x', cmd: 'psql -x -c "SELECT * FROM players ORDER BY id LIMIT 2"' },
  { name: 'expanded with multi-line value', cmd: "psql -x -c \"SELECT 1 AS id, 'first' || chr(10) || 'second line' AS body\"" },
  { name: 'expanded, no rows', cmd: 'psql -x -c "SELECT * FROM players WHERE id < 0"' },
  { name: 'unaligned tuples-only -A -t', cmd: 'psql -A -t -c "SELECT id, username FROM players ORDER BY id LIMIT 3"' },
  { name: 'unaligned with separators -At -F', cmd: "psql -At -F ',' -c \"SELECT id, rating, NULL AS x FROM players ORDER BY id LIMIT 3\"" },
  { name: 'unaligned with header and footer', cmd: 'psql -A -c "SELECT 1 AS a, NULL AS b UNION ALL SELECT 2, 3"' },
  { name: 'unaligned expanded', cmd: 'psql -A -x -c "SELECT 1 AS a, 2 AS b UNION ALL SELECT 3, 4"' },
  { name: 'tuples only -t', cmd: 'psql -t -c "SELECT count(*) FROM games"' },
  { name: 'tuples only expanded', cmd: 'psql -t -x -c "SELECT 1 AS a, 2 AS b UNION ALL SELECT 3, 4"' },
  { name: 'csv', cmd: "psql --csv -c \"SELECT id, username, 'a,b' AS quoted FROM players ORDER BY id LIMIT 2\"" },
  { name: 'border 2 and null display', cmd: 'psql -P border=2 -P null=NULL -c "SELECT 1 AS a, NULL AS b"' },
  { name: 'border 0', cmd: 'psql -P pager=off -P border=0 -c "SELECT 1 AS a, 22 AS bb"' },
  { name: 'quiet -q', cmd: "psql -q -c \"SET work_mem = '8MB'\" -c 'SHOW work_mem'" },
  { name: 'echo -e', cmd: 'psql -X -e -c "SELECT 1 AS one"' },
  { name: 'command tags', cmd: 'psql -c "CREATE TEMP TABLE t (a int); INSERT INTO t VALUES (1), (2); UPDATE t SET a = a + 1; DELETE FROM t; DROP TABLE t"' },
  { name: 'INSERT ... RETURNING', cmd: 'psql -c "CREATE TEMP TABLE t (a int)" -c "INSERT INTO t VALUES (7) RETURNING a"' },
  { name: 'EXPLAIN', cmd: 'psql -c "EXPLAIN SELECT * FROM games WHERE id = 1"' },
  { name: 'VACUUM', cmd: 'psql -c "VACUUM players"' },
  { name: 'COPY TO STDOUT', cmd: 'psql -c "COPY (SELECT id, username FROM players ORDER BY id LIMIT 3) TO STDOUT WITH CSV HEADER"' },
  { name: 'NOTICE', cmd: "psql -c 'DO $$BEGIN RAISE NOTICE $m$archiving % rows$m$, 42; END$$'" },
  { name: 'database size', cmd: 'psql -At -c "SELECT pg_database_size(current_database()) > 0"' },

  // Meta-commands.
  { name: '\\dt', cmd: "psql -c '\\dt'" },
  { name: '\\dt+', cmd: "psql -c '\\dt+'" },
  { name: '\\dt with pattern', cmd: "psql -c '\\dt game*'" },
  { name: '\\d (all relations)', cmd: "psql -c '\\d'" },
  { name: '\\di', cmd: "psql -c '\\di'" },
  { name: '\\d game_events', cmd: "psql -c '\\d game_events'" },
  { name: '\\d games', cmd: "psql -c '\\d games'" },
  { name: '\\d+ players', cmd: "psql -c '\\d+ players'" },
  { name: '\\d of a missing table', cmd: "psql -c '\\d nosuch'" },
  { name: '\\d of a sequence', cmd: "psql -c '\\d game_events_id_seq'" },
  { name: '\\d of an index', cmd: "psql -c '\\d games_pkey'" },
  { name: '\\l', cmd: "psql -c '\\l'" },
  { name: 'psql -l', cmd: 'psql -l' },
  { name: '\\du', cmd: "psql -c '\\du'" },
  { name: '\\dn', cmd: "psql -c '\\dn'" },
  { name: '\\conninfo', cmd: "psql -c '\\conninfo'" },
  { name: '\\conninfo via localhost', cmd: "psql -h localhost -c '\\conninfo'" },
  { name: '\\x toggles', cmd: "psql -c '\\x' -c 'SELECT 1 AS a, 2 AS b' -c '\\x' -c 'SELECT 3 AS c'" },
  { name: '\\timing', cmd: "psql -c '\\timing' -c 'SELECT 1'", volatile: true },
  { name: '\\pset', cmd: "psql -c '\\pset null (null)' -c '\\pset border 2' -c 'SELECT NULL AS x'" },
  { name: 'unknown meta-command', cmd: "psql -c '\\nosuch'" },

  // Errors and exit codes.
  { name: 'missing table', cmd: 'psql -c "SELECT * FROM no_such_table"' },
  { name: 'syntax error, then the next -c runs', cmd: "psql -c 'SELEC 1' -c 'SELECT 2 AS two'" },
  { name: 'long line: caret and truncation', cmd: "psql -c \"SELECT id, username, rating, created_at FROM players WHERE created_at < now() - interval '1 day' AND rating > 1200 AND nosuchcolumn = 1 ORDER BY id\"" },
  { name: 'error on line 2', cmd: "psql -c $'SELECT id\\n  FROM nosuch\\n WHERE id = 1'" },
  { name: 'HINT', cmd: 'psql -c "SELECT usrname FROM players"' },
  { name: 'DETAIL: unique violation', cmd: "psql -c \"INSERT INTO players VALUES (1, 'dup', 1, now())\"" },
  { name: 'invalid input', cmd: "psql -c \"SELECT 'abc'::int\"" },
  { name: 'error inside multi-statement -c', cmd: "psql -c 'SELECT 1 AS a; SELECT nosuch; SELECT 2'" },
  { name: 'ON_ERROR_STOP with -c', cmd: "psql -v ON_ERROR_STOP=1 -c 'SELECT nosuch' -c 'SELECT 1'" },
  { name: 'aborted transaction', cmd: "psql -c 'BEGIN' -c 'SELECT 1/0' -c 'SELECT 1' -c 'COMMIT'" },
  { name: 'wrong password', cmd: "PGPASSWORD=wrong psql -c 'SELECT 1'" },
  { name: 'unreachable port', cmd: "psql -p 1 -c 'SELECT 1'" },
  { name: 'unreachable port via localhost', cmd: "psql -h localhost -p 1 -c 'SELECT 1'" },
  { name: 'no such database', cmd: "psql -d nosuchdb -c 'SELECT 1'" },
  { name: 'unknown host', cmd: "psql -h nosuchhost.invalid -c 'SELECT 1'" },
  { name: 'invalid option', cmd: 'psql -y' },
  { name: 'misspelt long option', cmd: 'psql --hlep' },
  { name: 'misspelt long option with a value', cmd: "psql --comand='SELECT 1'" },
  { name: 'ambiguous shortened option', cmd: 'psql --echo -c "SELECT 1"' },
  { name: 'ambiguous shortened option with a value', cmd: 'psql --fie=, -c "SELECT 1"' },
  { name: 'shortened options psql accepts', cmd: 'psql --tuples --no-ali --comm "SELECT 1 AS one"' },
  { name: 'shortened option missing its value', cmd: 'psql --comm' },
  { name: 'shortened switch given a value', cmd: 'psql --no-ali=x -c "SELECT 1"' },
  { name: 'missing -f file', cmd: 'psql -f "$PSQL_DIR/nosuch.sql"' },
  { name: 'terminated session', cmd: "psql -c 'SELECT pg_terminate_backend(pg_backend_pid())' -c 'SELECT 1'" },

  // Connection settings.
  { name: 'connection URI', cmd: 'psql "postgresql://$PGUSER:$PGPASSWORD@$PGHOST:$PGPORT/postgres" -c "SELECT current_database(), current_user"' },
  { name: 'conninfo string', cmd: 'psql "host=$PGHOST port=$PGPORT dbname=template1" -c "SELECT current_database()"' },
  { name: 'options -h -p -U -d', cmd: 'psql -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -c "SELECT current_database()"' },
  { name: 'long options', cmd: 'psql --host="$PGHOST" --port="$PGPORT" --dbname=template1 --command="SELECT current_database()"' },
  { name: 'password file', cmd: 'PGPASSWORD= PGPASSFILE="$PSQL_DIR/pgpass" psql -w -c "SELECT current_user"' },
  { name: 'password file readable by others', cmd: 'PGPASSWORD= PGPASSFILE="$PSQL_DIR/open-pgpass" psql -w -c "SELECT 1"' },
  { name: 'service file', cmd: 'PGSERVICEFILE="$PSQL_DIR/pg_service.conf" PGSERVICE=sandbox psql -c "SELECT current_database()"' },
  { name: 'unknown service', cmd: 'PGSERVICEFILE="$PSQL_DIR/pg_service.conf" PGSERVICE=nosuch psql -c "SELECT 1"' },
  { name: '~/.psqlrc settings', cmd: 'PSQLRC="$PSQL_DIR/psqlrc" psql -c "SELECT NULL AS x, 1 AS y"' },
  { name: 'NOTICE before the command tag', cmd: "psql -c 'DROP TABLE IF EXISTS nosuch'" },
  { name: 'single transaction -1 with ON_ERROR_STOP', cmd: "psql -1 -v ON_ERROR_STOP=1 -c 'CREATE TABLE scratch (a int)' -c 'SELECT nosuch' || psql -At -c \"SELECT count(*) FROM pg_class WHERE relname = 'scratch'\"" },
  { name: 'TLS required, \\conninfo shows it', cmd: "PGSSLMODE=require psql -c '\\conninfo'" },
  { name: 'TLS disabled', cmd: "PGSSLMODE=disable psql -c '\\conninfo'" },
  { name: 'TLS verify-full against the CA', cmd: 'PGSSLMODE=verify-full PGSSLROOTCERT="$PGSSL_CA" psql -h localhost -At -c "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"' },
  { name: 'TLS verify-full, wrong host name', cmd: 'psql "host=wrong.example hostaddr=127.0.0.1 sslmode=verify-full sslrootcert=$PGSSL_CA" -c "SELECT 1"' },
  { name: 'TLS verify-ca without a root certificate', cmd: "PGSSLMODE=verify-ca psql -c 'SELECT 1'" },
  { name: 'application name', cmd: 'PGAPPNAME=runbook-check psql -At -c "SHOW application_name"' },

  // Scripts: here-documents, -f, SQL cells.
  { name: 'here-document', cmd: "psql <<'EOF'\nSELECT 1 AS first;\nSELECT nosuch;\nSELECT 2 AS second;\nEOF" },
  { name: 'here-document with ON_ERROR_STOP', cmd: "psql -v ON_ERROR_STOP=1 <<'EOF'\nSELECT 1 AS first;\nSELECT nosuch;\nSELECT 2 AS second;\nEOF" },
  { name: '-f script with an error', cmd: 'psql -f "$PSQL_DIR/check.sql"' },
  { name: '-f script with -v variables', cmd: 'psql -v days=90 -f "$PSQL_DIR/vars.sql"' },
  { name: '-f script with ON_ERROR_STOP', cmd: 'psql -X -v ON_ERROR_STOP=1 -f "$PSQL_DIR/check.sql"' },
  { name: 'SQL cell: statements and meta-commands', sql: "\\x\nSELECT id, username FROM players ORDER BY id LIMIT 2;\n\\x\n-- relations\n\\dt\nSELECT count(*) AS games FROM games;" },
  { name: 'SQL cell: $$ body and quoted semicolons', sql: "DO $$\nBEGIN\n  RAISE NOTICE 'one; two';\nEND\n$$;\nSELECT 'a;b' AS text;" },
  { name: 'SQL cell: stops at the first error', sql: 'SELECT 1 AS ok;\nSELECT * FROM nosuch;\nSELECT 2 AS not_reached;' },
];
