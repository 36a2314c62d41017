// How psql commands name their server, without a server: the command line,
// connection strings, the service file, PG* variables, libpq's defaults and
// the password file's matching rules; and which SQL counts as a change.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parsePsqlArgs } from '../../../../src/core/tools/psql/args';
import { ConninfoError, parseConninfo, passwordFromFile, resolveSettings } from '../../../../src/core/connections/postgres';
import { asPsqlError, PsqlError } from '../../../../src/core/tools/psql/errors';
import { scriptStatements } from '../../../../src/core/tools/psql';
import type { Effect } from '../../../../src/core/effects';
import { loadSqlParser } from '../../../../src/core/sql/parser';
import { commandEffect, sqlEffect } from '../../../../src/core/tools/psql/plan';
import { looksLikePlaceholder, lsnBytes, sizeBytes } from '../../../../src/core/tools/psql/results';
import { interpolate } from '../../../../src/core/tools/psql/variables';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'psql-settings-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('psql command lines', () => {
  it('reads bundled flags, attached values, long options and positionals', () => {
    const args = parsePsqlArgs(['psql', '-qAtX', '-F,', '--command=SELECT 1', '-c', 'SELECT 2', '-vON_ERROR_STOP=1', 'tiktoktoe', 'postgres', '-p5433']);
    assert.deepEqual(args.actions, [{ kind: 'command', text: 'SELECT 1' }, { kind: 'command', text: 'SELECT 2' }]);
    assert.equal(args.dbname, 'tiktoktoe');
    assert.equal(args.user, 'postgres');
    assert.equal(args.port, '5433');
    assert.equal(args.variables.ON_ERROR_STOP, '1');
    assert.deepEqual(args.pset, [['format', 'unaligned'], ['tuples_only', 'on'], ['fieldsep', ',']]);
  });

  it('reports bad options in getopt words, and leaves -o and -E to a terminal', () => {
    assert.throws(() => parsePsqlArgs(['psql', '-y']), (e: PsqlError) => e.exitCode === 1 && e.message.includes("invalid option -- 'y'"));
    assert.throws(() => parsePsqlArgs(['psql', '-c']), (e: PsqlError) => e.message.includes("option requires an argument -- 'c'"));
    assert.deepEqual(parsePsqlArgs(['psql', '-o', 'out.txt', '-E']).unsupported, ['-o (--output)', '-E (--echo-hidden)']);
  });
});

describe('connection strings', () => {
  it('reads URIs with credentials, host lists and parameters', () => {
    assert.deepEqual(parseConninfo('postgresql://app:p%40ss@db1:5433,db2/tiktoktoe?sslmode=require&application_name=x'), {
      user: 'app', password: 'p@ss', host: 'db1,db2', port: '5433,', dbname: 'tiktoktoe', sslmode: 'require', application_name: 'x',
    });
    assert.deepEqual(parseConninfo('postgres://[::1]:5432/db?ssl=true'), { host: '::1', port: '5432', dbname: 'db', sslmode: 'require' });
  });

  it('reads keyword strings with quotes and escapes, and rejects unknown keywords', () => {
    assert.deepEqual(parseConninfo("host=localhost port = 5432 dbname='my db' password=a\\ b"), { host: 'localhost', port: '5432', dbname: 'my db', password: 'a b' });
    assert.throws(() => parseConninfo('nosuch=1'), (e: Error) => e instanceof ConninfoError && e.message === 'invalid connection option "nosuch"');
  });
});

describe('connection settings', () => {
  it('takes libpq defaults: the Unix socket, port 5432, the OS user and a database of that name', () => {
    const s = resolveSettings({}, { USER: 'oncall', HOME: dir });
    assert.deepEqual([s.hosts, s.ports, s.user, s.dbname, s.sslmode, s.applicationName], [['/var/run/postgresql'], ['5432'], 'oncall', 'oncall', 'prefer', 'psql']);
    assert.equal(s.passfile, join(dir, '.pgpass'));
  });

  it('puts the command line over the service file, and the service file over PG* variables', () => {
    writeFileSync(join(dir, 'services.conf'), '# ours\n[reporting]\nhost=reports.internal\ndbname=analytics\nport=6432\n');
    const env = { HOME: dir, PGSERVICEFILE: join(dir, 'services.conf'), PGSERVICE: 'reporting', PGHOST: 'ignored', PGUSER: 'viewer', PGCONNECT_TIMEOUT: '1' };
    const s = resolveSettings({ port: '7000' }, env);
    assert.deepEqual([s.hosts[0], s.ports[0], s.dbname, s.user, s.connectTimeout], ['reports.internal', '7000', 'analytics', 'viewer', 2]);
    assert.throws(() => resolveSettings({}, { ...env, PGSERVICE: 'nosuch' }), (e: unknown) => (asPsqlError(e) as PsqlError).message === 'psql: error: definition of service "nosuch" not found');
  });

  it('lets a connection string given as the database name override -h and -U', () => {
    const s = resolveSettings({ host: 'a', user: 'u1', dbname: 'host=b user=u2 dbname=d' }, { HOME: dir });
    assert.deepEqual([s.hosts[0], s.user, s.dbname], ['b', 'u2', 'd']);
  });
});

describe('the password file', () => {
  it('matches host, port, database and user with * wildcards and escapes, first line wins', () => {
    const file = join(dir, 'pgpass');
    writeFileSync(file, '# comment\ndb1:5432:app:alice:first\n*:*:*:alice:second\nlocalhost:*:*:bob:with\\:colon\n', { mode: 0o600 });
    assert.equal(passwordFromFile(file, 'db1', '5432', 'app', 'alice').password, 'first');
    assert.equal(passwordFromFile(file, 'db2', '5432', 'app', 'alice').password, 'second');
    assert.equal(passwordFromFile(file, '/var/run/postgresql', '5432', 'x', 'bob').password, 'with:colon');
    assert.equal(passwordFromFile(file, 'db1', '5432', 'app', 'carol').password, undefined);
  });

  it('ignores a file others can read, with libpq warning', () => {
    const file = join(dir, 'open');
    writeFileSync(file, '*:*:*:*:secret\n');
    chmodSync(file, 0o644);
    assert.deepEqual(passwordFromFile(file, 'h', '5432', 'd', 'u'), {
      warning: `WARNING: password file "${file}" has group or world access; permissions should be u=rw (0600) or less\n`,
    });
    assert.deepEqual(passwordFromFile(join(dir, 'missing'), 'h', '5432', 'd', 'u'), {});
  });
});

describe('what counts as a change', () => {
  before(() => loadSqlParser());
  const cases: [string, Effect][] = [
    ['SELECT * FROM pg_stat_replication;', 'read'],
    ['SELECT count(*) FROM pg_stat_activity;', 'read'],
    ['SHOW max_connections', 'read'],
    ['EXPLAIN SELECT * FROM games', 'read'],
    ['\\d game_events', 'read'],
    ['\\x', 'read'],
    ['ALTER SYSTEM SET max_wal_senders = 10;', 'change'],
    ['SELECT pg_reload_conf();', 'change'],
    ['SELECT pg_terminate_backend(123)', 'change'],
    ["SELECT set_config('work_mem', '8MB', false)", 'change'],
    ['EXPLAIN ANALYZE DELETE FROM games', 'destructive'],
    ['EXPLAIN ANALYZE SELECT 1', 'read'],
    ['EXPLAIN (ANALYZE false) DELETE FROM games', 'read'],
    ['WITH gone AS (DELETE FROM games RETURNING *) SELECT count(*) FROM gone', 'destructive'],
    ['WITH moved AS (UPDATE games SET winner = NULL WHERE id = 1 RETURNING *) SELECT count(*) FROM moved', 'change'],
    ['COPY players FROM STDIN', 'change'],
    ['COPY (SELECT * FROM players) TO STDOUT', 'read'],
    ["SELECT 'DROP TABLE x' AS text", 'read'],
    ['SELECT * INTO games_copy FROM games', 'change'],
    ['VACUUM players', 'change'],
    ['TRUNCATE games', 'destructive'],
    ['DROP TABLE games', 'destructive'],
    ['DELETE FROM games WHERE id = 1', 'destructive'],
    ['UPDATE games SET winner = NULL', 'destructive'],
    ['UPDATE games SET winner = NULL WHERE id = :game_id', 'change'],
    ['GRANT SELECT ON games TO viewer', 'change'],
    ['SELEC 1', 'change'],
    ['BEGIN', 'read'],
    ["COMMIT PREPARED 'tx1'", 'change'],
    ["SELECT * FROM players WHERE name = :'player'", 'read'],
    ['SELECT :n::int + 1', 'read'],
    ['\\copy players from data.csv', 'change'],
  ];
  for (const [sql, effect] of cases) {
    it(`${sql}: ${effect}`, () => assert.equal(commandEffect(sql), effect));
  }

  it('classifies a cell by its most dangerous statement', () => {
    assert.equal(sqlEffect('SELECT 1;\nUPDATE games SET winner = NULL WHERE id = 2;'), 'change');
    assert.equal(sqlEffect('SELECT 1;\nDELETE FROM games;\nUPDATE games SET winner = NULL WHERE id = 2;'), 'destructive');
    assert.equal(sqlEffect('SELECT 1;\n\\dt'), 'read');
  });
});

describe('scripts, measurements and placeholders', () => {
  it('ends a backslash command at its line, even after a comment line', () => {
    assert.deepEqual(scriptStatements('SELECT 1;\n-- relations\n\\dt\nSELECT 2;'), [
      { text: 'SELECT 1;', line: 0 },
      { text: '\\dt', line: 2 },
      { text: 'SELECT 2;', line: 3 },
    ]);
  });

  it('interpolates :var, :\'var\' and :"var" outside quotes and comments, leaving casts alone', () => {
    const vars = { days: '90', name: "o'k", col: 'Id', path: 'a\\b' };
    assert.equal(
      interpolate("SELECT :days, :'name', :\"col\", :{?days}, :{?nope}, :nope, 1::int, ':days', $$:days$$ -- :days", vars),
      "SELECT 90, 'o''k', \"Id\", TRUE, FALSE, :nope, 1::int, ':days', $$:days$$ -- :days",
    );
    assert.equal(interpolate("\\echo :'path'", vars), "\\echo  E'a\\\\b'");
  });

  it('reads WAL positions and sizes', () => {
    assert.equal(lsnBytes('0/4000060'), 0x4000060);
    assert.equal(lsnBytes('1/0'), 2 ** 32);
    assert.equal(sizeBytes('8853 kB'), 8853 * 1024);
    assert.equal(sizeBytes('12345'), 12345);
  });

  it('knows template placeholders from real names', () => {
    assert.ok(looksLikePlaceholder('table_name'));
    assert.ok(looksLikePlaceholder('your_table'));
    assert.ok(!looksLikePlaceholder('game_events'));
  });
});
