// The notebook session around psql and SQL cells, against a sandbox
// PostgreSQL: stopping a cell cancels its statement on the server, one
// connection serves every cell, a lost connection is replaced, statements
// that refuse transaction blocks run, and the structured results.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Session } from '../../../../src/core/engine';
import { psqlTool, sqlTool } from '../../../../src/core/tools/psql';
import { acquireSandbox, type SandboxLease } from '../../../sandbox/testing';
import { runNative, runReal } from '../../../support/engine';

let sandbox: SandboxLease;
let env: Record<string, string | undefined>;
let dir: string;

before(async () => {
  sandbox = await acquireSandbox({ services: ['postgres'] });
  dir = mkdtempSync(join(tmpdir(), 'psql-session-'));
  env = { ...process.env, ...sandbox.env, HOME: dir };
});

after(async () => {
  await sandbox?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const sleepers = async () =>
  Number((await runReal(`psql -X -At -c "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'SELECT pg_sleep(60)%'"`, env)).stdout.trim());

async function untilNoSleepers(ms: number): Promise<number> {
  const deadline = Date.now() + ms;
  let n = await sleepers();
  while (n > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    n = await sleepers();
  }
  return n;
}

async function backendPid(session: Session, language = 'shellscript'): Promise<string> {
  const text = language === 'sql' ? 'SELECT pg_backend_pid();' : 'psql -At -c "SELECT pg_backend_pid()"';
  const run = await runNative(text, { env, session, language });
  return run.stdout.trim().split('\n')[language === 'sql' ? 2 : 0].trim();
}

describe('stopping a cell', () => {
  for (const language of ['shellscript', 'sql']) {
    it(`cancels SELECT pg_sleep(60) on the server within a second (${language})`, async () => {
      const session = new Session(dir, env);
      try {
        const pidBefore = await backendPid(session);
        const controller = new AbortController();
        const text = language === 'sql' ? 'SELECT pg_sleep(60);' : 'psql -c "SELECT pg_sleep(60)"';
        const started = Date.now();
        const running = runNative(text, { env, session, language, signal: controller.signal });
        setTimeout(() => controller.abort(), 300);
        const result = await running;
        const settledAfterAbort = Date.now() - started - 300;
        assert.ok(settledAfterAbort < 1000, `settled ${settledAfterAbort} ms after the stop`);
        assert.equal(result.run.commands[0]?.status, 'cancelled');
        assert.match(result.stderr, /canceling statement due to user request/);
        assert.equal(await untilNoSleepers(1000), 0, 'no pg_sleep left running on the server');
        assert.equal(await backendPid(session), pidBefore, 'the same session serves the next cell');
      } finally {
        await session.dispose();
      }
    });
  }
});

describe('the notebook session', () => {
  it('keeps one connection for psql commands and SQL cells on the same database', async () => {
    const session = new Session(dir, env);
    try {
      const first = await backendPid(session);
      assert.equal(await backendPid(session), first);
      assert.equal(await backendPid(session, 'sql'), first);
    } finally {
      await session.dispose();
    }
  });

  it('replaces a connection the server ended, on the next cell', async () => {
    const session = new Session(dir, env);
    try {
      const pid = await backendPid(session);
      await runReal(`psql -X -c "SELECT pg_terminate_backend(${pid})" >/dev/null`, env);
      await new Promise((r) => setTimeout(r, 100));
      const next = await runNative('SELECT 1 AS alive;', { env, session, language: 'sql' });
      const again = next.exitCode === 0 ? next : await runNative('SELECT 1 AS alive;', { env, session, language: 'sql' });
      assert.equal(again.exitCode, 0, again.stderr);
      assert.match(again.stdout, /alive/);
      assert.notEqual(await backendPid(session), pid);
    } finally {
      await session.dispose();
    }
  });

  it('stays usable after a syntax error and keeps \\x across SQL cells', async () => {
    const session = new Session(dir, env);
    try {
      const bad = await runNative('SELEC 1;\nSELECT 2;', { env, session, language: 'sql' });
      assert.equal(bad.exitCode, 3);
      assert.equal(bad.stderr, 'ERROR:  syntax error at or near "SELEC"\nLINE 1: SELEC 1;\n        ^\n');
      assert.equal((await runNative('\\x', { env, session, language: 'sql' })).stdout, 'Expanded display is on.\n');
      const good = await runNative('SELECT 1 AS a;', { env, session, language: 'sql' });
      assert.equal(good.stdout, '-[ RECORD 1 ]\na | 1\n\n');
    } finally {
      await session.dispose();
    }
  });

  it("stays usable after a wrong password and an unreachable host, each with psql's own error", async () => {
    const session = new Session(dir, env);
    try {
      const pidBefore = await backendPid(session);
      for (const command of ["PGPASSWORD=wrong psql -c 'SELECT 1'", "psql -h 127.0.0.1 -p 1 -c 'SELECT 1'"]) {
        const real = await runReal(command, env);
        const native = await runNative(command, { env, session });
        assert.equal(native.exitCode, 2, command);
        assert.equal(native.exitCode, real.exitCode, command);
        assert.equal(native.stderr, real.stderr, command);
        assert.match(native.stderr, /password authentication failed for user|Connection refused/);
      }
      assert.equal(await backendPid(session), pidBefore, 'the session keeps its connection and serves the next cell');
    } finally {
      await session.dispose();
    }
  });

  it('runs ALTER SYSTEM, VACUUM and CREATE DATABASE outside a transaction block', async () => {
    const cell = "ALTER SYSTEM SET work_mem = '8MB';\nALTER SYSTEM RESET work_mem;\nVACUUM players;\nCREATE DATABASE scratch;\nDROP DATABASE scratch;";
    const run = await runNative(cell, { env, language: 'sql' });
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, 'ALTER SYSTEM\nALTER SYSTEM\nVACUUM\nCREATE DATABASE\nDROP DATABASE\n');
  });

  it('ends a transaction a psql command left open, as psql exiting does', async () => {
    const session = new Session(dir, env);
    try {
      await runNative("psql -c 'BEGIN' -c 'CREATE TEMP TABLE scratch (a int)'", { env, session });
      const after = await runNative('psql -At -c "SELECT count(*) FROM pg_class WHERE relname = \'scratch\'"', { env, session });
      assert.equal(after.stdout, '0\n');
    } finally {
      await session.dispose();
    }
  });

  it('reads -f scripts relative to the runbook folder', async () => {
    writeFileSync(join(dir, 'count.sql'), 'SELECT count(*) AS players FROM players;\n');
    const run = await runNative('psql -At -f count.sql', { env, cwd: dir });
    assert.equal(run.stdout, '2000\n');
  });
});

describe('structured results, plan and target', () => {
  const dataOf = (run: Awaited<ReturnType<typeof runNative>>) => run.run.commands.flatMap((c) => c.data ?? []);

  it('emits rows and the connection count against max_connections', async () => {
    const run = await runNative('SELECT count(*) FROM pg_stat_activity;', { env, language: 'sql' });
    const data = dataOf(run);
    assert.deepEqual(data[0], { kind: 'rows', columns: ['count'], rows: [[run.stdout.split('\n')[2].trim()]], command: 'SELECT', rowCount: 1, tag: 'SELECT 1' });
    assert.equal(data[1].kind, 'postgres-connections');
    assert.equal(data[1].maxConnections, 50);
    assert.ok(Number(data[1].count) > 0);
  });

  it('emits replicas and their lag, and the database size', async () => {
    const replication = dataOf(await runNative('psql -c "SELECT * FROM pg_stat_replication;"', { env }));
    const item = replication.find((d) => d.kind === 'postgres-replication');
    assert.equal(item?.replicas, 1);
    assert.equal(typeof item?.lagBytes, 'number');
    const size = dataOf(await runNative("psql -c \"SELECT pg_size_pretty(pg_database_size('tiktoktoe'))\"", { env }));
    assert.ok(Number(size.find((d) => d.kind === 'postgres-database-size')?.bytes) > 1_000_000);
  });

  it('notes a placeholder table name in the runbook query', async () => {
    const run = await runNative("SELECT COUNT(*) FROM table_name WHERE created_at < NOW() - INTERVAL '90 days';", { env, language: 'sql' });
    assert.equal(run.exitCode, 3);
    const notes = run.run.commands.flatMap((c) => c.notes ?? []);
    assert.match(notes[0] ?? '', /^table_name looks like a placeholder: .*game_events, games, players/);
  });

  it('plans reads and writes and names the database it targets', async () => {
    await psqlTool.load!();
    assert.equal(psqlTool.parse(['psql', '-c', 'SELECT * FROM pg_stat_replication;'], env).plan.mutates, false);
    assert.equal(psqlTool.parse(['psql', '-c', 'ALTER SYSTEM SET max_wal_senders = 10;'], env).plan.mutates, true);
    assert.equal(psqlTool.parse(['psql', '-c', 'SELECT pg_reload_conf();'], env).plan.mutates, true);
    assert.equal(sqlTool.parse(['sql', 'EXPLAIN ANALYZE DELETE FROM games'], env).plan.mutates, true);
    assert.equal(sqlTool.parse(['sql', 'EXPLAIN SELECT 1; \\dt'], env).plan.mutates, false);
    const target = await psqlTool.parse(['psql', '-c', 'SELECT 1'], {}).target!({ env, session: new Session(dir, env), cwd: dir });
    assert.deepEqual(target, {
      kind: 'postgres',
      label: `database tiktoktoe on 127.0.0.1:${sandbox.env.PGPORT} as postgres`,
      // The name a change on a production database is confirmed with; whether it is production is the guard's to say.
      name: `127.0.0.1:${sandbox.env.PGPORT}/tiktoktoe`,
      details: { host: '127.0.0.1', port: sandbox.env.PGPORT, database: 'tiktoktoe', user: 'postgres' },
    });
  });
});
