// PostgreSQL faults, against a primary and replica of this file's own: the
// primary restarted under a query, a wrong password, a missing database,
// statement_timeout, the replica down, a server that stops answering. Each
// prints what the real psql prints on the same fault state (run side by side
// before the state changes), ends (no cell hangs, Stop works), and the same
// Session runs the next cell.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Session } from '../../src/core/engine';
import { assertSameAsReal, runNative, runReal, type NativeRun } from '../support/engine';
import { waitFor } from '../sandbox/processes';
import { startOwnPostgres, type OwnPostgres } from './ownPostgres';

let pg: OwnPostgres;
let env: Record<string, string | undefined>;
let session: Session;

before(async () => {
  pg = await startOwnPostgres();
  env = pg.env;
  session = new Session(process.cwd(), env);
});

after(async () => {
  await session?.dispose();
  await pg?.stop();
});

/** Statements running `text` on the primary right now, seen from a connection of the real psql. */
async function running(text: string): Promise<number> {
  const sql = `SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query = '${text.replace(/'/g, "''")}'`;
  return Number((await runReal(`psql -X -At -c "${sql}"`, env)).stdout.trim());
}

/** The next cell on the same Session works: the session recovered without a reload. */
async function assertRecovered(what: string): Promise<void> {
  const next = await runNative('psql -At -c "SELECT 40 + 2"', { env, session });
  assert.equal(next.stdout, '42\n', `the session is unusable after ${what}: ${next.stderr}`);
  assert.equal(next.exitCode, 0);
}

/** The note the cell shows beside psql's output: what to do. */
const notesOf = (run: NativeRun) => (run.run.commands[0]?.notes ?? []).join('\n');

describe('PostgreSQL faults', () => {
  it('the primary restarted mid-query: psql’s words and exit code 2, and the next cell reconnects', async () => {
    await assertRecovered('the first cell'); // the session holds a connection that the restart will break
    const sleep = 'SELECT pg_sleep(30)';
    const real = runReal(`psql -X -c '${sleep}'`, env);
    const ours = runNative(`psql -c '${sleep}'`, { env, session, commandTimeoutMs: 60_000 });
    await waitFor('both sessions to sleep on the server', async () => ((await running(sleep)) === 2 ? true : undefined));
    await pg.cluster.restartPrimary();
    const [r, o] = await Promise.all([real, ours]);
    assert.match(r.stderr, /server closed the connection unexpectedly/);
    assert.equal(r.exitCode, 2);
    assertSameAsReal(o, r, 'restart');
    assert.match(notesOf(o), /The next cell reconnects/);
    await assertRecovered('a restart of the primary');
  });

  // Settings a cell gives on its own command line (PGPASSWORD=..., PGOPTIONS=...) apply to that cell only, as to a psql process.
  it('a wrong password: password authentication failed, exit 2', async () => {
    const command = `PGPASSWORD=not-the-password psql -c 'SELECT 1'`;
    const real = await runReal(command.replace('psql', 'psql -X'), env);
    const ours = await runNative(command, { env, session });
    assert.match(real.stderr, /password authentication failed for user "postgres"/);
    assertSameAsReal(ours, real, 'wrong password');
    assert.match(notesOf(ours), /refused the password: check PGPASSWORD/);
    assert.equal(ours.exitCode, 2);
    await assertRecovered('a wrong password');
  });

  it('a missing database: database "..." does not exist, exit 2', async () => {
    const command = `psql -d no_such_database -c 'SELECT 1'`;
    const real = await runReal(command.replace('psql', 'psql -X'), env);
    const ours = await runNative(command, { env, session });
    assert.match(real.stderr, /FATAL: {2}database "no_such_database" does not exist/);
    assertSameAsReal(ours, real, 'missing database');
    assert.match(notesOf(ours), /psql -l/);
    assert.equal(ours.exitCode, 2);
    await assertRecovered('a missing database');
  });

  // SET and the sleep in one -c string: one implicit transaction, so the failed
  // sleep rolls the SET back and the kept connection is left as it was.
  for (const [how, command] of [
    ['SET statement_timeout', `psql -c 'SET statement_timeout = 300; SELECT pg_sleep(5)'`],
    ['PGOPTIONS', `PGOPTIONS='-c statement_timeout=300' psql -c 'SELECT pg_sleep(5)'`],
  ] as const) {
    it(`statement_timeout (${how}): canceling statement due to statement timeout`, async () => {
      const real = await runReal(command.replace('psql', 'psql -X'), env);
      const ours = await runNative(command, { env, session });
      assert.equal(real.stderr, 'ERROR:  canceling statement due to statement timeout\n');
      assert.equal(real.exitCode, 1);
      assertSameAsReal(ours, real, how);
      assert.match(notesOf(ours), /ran past statement_timeout/);
      await assertRecovered(`a statement timeout (${how})`);
    });
  }

  it('a cell past its command timeout ends, and its statement is cancelled on the server', async () => {
    const sleep = 'SELECT pg_sleep(31)';
    const ours = await runNative(`psql -c '${sleep}'`, { env, session, commandTimeoutMs: 1000 });
    assert.equal(ours.exitCode, 124);
    assert.match(ours.stderr, /^runbook: timed out after 1 s: psql -c 'SELECT pg_sleep\(31\)'$/m);
    await waitFor('the statement to be cancelled', async () => ((await running(sleep)) === 0 ? true : undefined), { timeoutMs: 10_000 });
    await assertRecovered('a command timeout');
  });

  it('Stop while the server does not answer at all (its processes stopped) ends the cell', async () => {
    const primary = pg.cluster.processes[0]!;
    const sleep = 'SELECT pg_sleep(32)';
    const stop = new AbortController();
    const ours = runNative(`psql -c '${sleep}'`, { env, session, signal: stop.signal });
    await waitFor('the statement to run', async () => ((await running(sleep)) === 1 ? true : undefined));
    primary.killGroup('SIGSTOP');
    try {
      stop.abort();
      const o = await ours;
      assert.equal(o.exitCode, 130);
      assert.equal(o.run.commands[0]?.status, 'cancelled');
    } finally {
      primary.killGroup('SIGCONT');
    }
    await assertRecovered('a Stop during a hung server');
  });

  it('a server that accepts connections but never answers: the cell ends at its timeout', async () => {
    const primary = pg.cluster.processes[0]!;
    const fresh = new Session(process.cwd(), env); // must open a connection, which now hangs in the startup
    primary.killGroup('SIGSTOP');
    try {
      const o = await runNative('psql -c "SELECT 1"', { env, session: fresh, commandTimeoutMs: 1500 });
      assert.equal(o.exitCode, 124);
      assert.match(o.stderr, /runbook: timed out after 1\.5 s: psql -c "SELECT 1"/);
    } finally {
      primary.killGroup('SIGCONT');
      await fresh.dispose();
    }
    await assertRecovered('a hung connection attempt');
  });

  it('the replica down: psql fails on its port as psql does, and pg_stat_replication has no row', async () => {
    const replica = `psql -p ${pg.cluster.replicaPort} -At -c "SELECT pg_is_in_recovery()"`;
    const up = await runNative(replica, { env, session });
    assert.equal(up.stdout, 't\n');
    await pg.cluster.stopReplica();
    const real = await runReal(replica.replace('psql', 'psql -X'), env);
    const ours = await runNative(replica, { env, session });
    assert.match(real.stderr, /Connection refused/);
    assertSameAsReal(ours, real, 'replica down');
    assert.match(notesOf(ours), /pg_stat_replication on the primary/);
    assert.equal(ours.exitCode, 2);

    const replication = 'psql -c "SELECT application_name, state FROM pg_stat_replication"';
    await waitFor('the walsender to go', async () => ((await runReal(`${replication.replace('psql', 'psql -X')} -At`, env)).stdout === '' ? true : undefined));
    const realRows = await runReal(replication.replace('psql', 'psql -X'), env);
    const ourRows = await runNative(replication, { env, session });
    assert.match(realRows.stdout, /\(0 rows\)/);
    assertSameAsReal(ourRows, realRows, 'pg_stat_replication');
    await assertRecovered('the replica going down');
  });
});
