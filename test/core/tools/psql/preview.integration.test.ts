// SQL previews against the sandbox PostgreSQL, in a schema of this file's
// own: DML is explained and its rows counted inside a transaction that is
// rolled back (nothing changes, read back with the real psql); DDL and ALTER
// SYSTEM are named with their target and not run.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ConfirmationRequest } from '../../../../src/core/engine';
import { acquireSandbox, type SandboxLease } from '../../../sandbox/testing';
import { runNative, runReal } from '../../../support/engine';

const SCHEMA = `preview_${process.pid}`;
let sandbox: SandboxLease;
let env: Record<string, string | undefined>;
let dir: string;

const psql = async (sql: string): Promise<string> => {
  const r = await runReal(`psql -X -At -v ON_ERROR_STOP=1 -c "${sql}"`, env);
  assert.equal(r.exitCode, 0, r.stderr);
  return r.stdout.trim();
};
/** The table as the real psql reads it: every row, in order. */
const table = () => psql(`SELECT string_agg(id || ':' || status, ',' ORDER BY id) FROM ${SCHEMA}.jobs`);
const columns = () => psql(`SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = '${SCHEMA}' AND table_name = 'jobs'`);

before(async () => {
  sandbox = await acquireSandbox({ services: ['postgres'] });
  dir = mkdtempSync(join(tmpdir(), 'psql-preview-'));
  env = { ...process.env, ...sandbox.env, HOME: dir };
  await psql(`CREATE SCHEMA ${SCHEMA}; CREATE TABLE ${SCHEMA}.jobs (id int PRIMARY KEY, status text); INSERT INTO ${SCHEMA}.jobs SELECT n, CASE WHEN n % 3 = 0 THEN 'stuck' ELSE 'done' END FROM generate_series(1, 10) n`);
});

after(async () => {
  if (env) await psql(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await sandbox?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function declined(text: string, language = 'shellscript'): Promise<ConfirmationRequest> {
  const requests: ConfirmationRequest[] = [];
  const run = await runNative(text, { env, language, confirm: false, onConfirm: (r) => requests.push(r) });
  assert.equal(run.exitCode, 1, run.stderr);
  assert.equal(requests.length, 1);
  return requests[0];
}

describe('SQL previews', { concurrency: false }, () => {
  it('psql -c UPDATE: EXPLAIN and the rows it would change, counted and rolled back', async () => {
    const before = await table();
    const stuck = before.split(',').filter((r) => r.endsWith(':stuck')).length;
    const request = await declined(`psql -c "UPDATE ${SCHEMA}.jobs SET status = 'retry' WHERE status = 'stuck'"`);
    const text = request.preview?.text ?? '';
    assert.match(text, new RegExp(`^UPDATE ${SCHEMA}\\.jobs SET status = 'retry' WHERE status = 'stuck'\\n  ${stuck} rows affected \\(counted in a transaction that was rolled back\\)\\n`));
    assert.match(text, new RegExp(`^  Update on jobs\\b`, 'm'));
    assert.match(text, /Filter: \(status = 'stuck'::text\)/);
    assert.equal(await table(), before);
    // Nothing is left holding the rows: an update from another session goes through at once.
    assert.equal(await psql(`SET lock_timeout = '1s'; UPDATE ${SCHEMA}.jobs SET status = status WHERE id = 3`), 'SET\nUPDATE 1');
  });

  it('a SQL cell: DML counted in order, DDL and ALTER SYSTEM named with their target and not run', async () => {
    const before = await table();
    const beforeColumns = await columns();
    const workMem = await psql('SHOW work_mem');
    const cell = `DELETE FROM ${SCHEMA}.jobs WHERE id <= 4;\nALTER TABLE ${SCHEMA}.jobs ADD COLUMN note text;\nDELETE FROM ${SCHEMA}.jobs;\nALTER SYSTEM SET work_mem = '77MB';\nDROP TABLE ${SCHEMA}.jobs;\n`;
    const request = await declined(cell, 'sql');
    const lines = (request.preview?.text ?? '').split('\n');
    const host = `${env.PGHOST}:${env.PGPORT}/${env.PGDATABASE}`;
    assert.equal(lines[0], `DELETE FROM ${SCHEMA}.jobs WHERE id <= 4`);
    assert.equal(lines[1], '  4 rows affected (counted in a transaction that was rolled back)');
    assert.ok(lines.includes(`ALTER TABLE ${SCHEMA}.jobs ADD COLUMN note text`));
    assert.ok(lines.includes(`  changes ${SCHEMA}.jobs (not run for the preview) on ${host}`), lines.join('\n'));
    // The second DELETE sees the first one's effect: 6 rows are left to it.
    assert.ok(lines.includes('  6 rows affected (counted in a transaction that was rolled back)'), lines.join('\n'));
    assert.ok(lines.includes(`  changes the server setting work_mem (postgresql.auto.conf) on ${host}`), lines.join('\n'));
    assert.equal(lines.filter((l) => l === `  changes ${SCHEMA}.jobs (not run for the preview) on ${host}`).length, 2, lines.join('\n'));
    assert.equal(await table(), before);
    assert.equal(await columns(), beforeColumns);
    assert.equal(await psql("SELECT count(*) FROM pg_file_settings WHERE name = 'work_mem' AND setting = '77MB'"), '0');
    assert.equal(await psql('SHOW work_mem'), workMem);
  });

  it('psql with a here-document: its statements are previewed', async () => {
    const before = await table();
    const request = await declined(`psql <<'SQL'\nDELETE FROM ${SCHEMA}.jobs WHERE id = 1;\nSQL`);
    assert.match(request.preview?.text ?? '', new RegExp(`^DELETE FROM ${SCHEMA}\\.jobs WHERE id = 1\\n  1 row affected \\(counted`));
    assert.equal(await table(), before);
  });

  it('a dry run of a SQL cell prints the preview and deletes nothing', async () => {
    const before = await table();
    const run = await runNative(`DELETE FROM ${SCHEMA}.jobs WHERE status = 'done';`, { env, language: 'sql', dryRun: true });
    assert.equal(run.exitCode, 0, run.stderr);
    const done = before.split(',').filter((r) => r.endsWith(':done')).length;
    assert.match(run.stderr, new RegExp(`^dry run: sql DELETE FROM ${SCHEMA}\\.jobs WHERE status = 'done' on .* \\(not run\\)\\n.*\\n  ${done} rows affected`));
    assert.equal(await table(), before);
  });
});
