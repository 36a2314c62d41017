// Bad psql and SQL input through our engine and through the real psql on the
// same server: syntax errors, unknown tables and columns, unknown
// meta-commands and bad flags print the same stdout and stderr with the same
// exit code. Only statements that fail or read: the shared sandbox is not
// changed.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { acquireSandbox, type SandboxLease } from '../../../sandbox/testing';
import { runNative, runReal } from '../../../support/engine';

let sandbox: SandboxLease;
let env: Record<string, string | undefined>;
let dir = '';

interface Case {
  /** A shell command line (compared with bash running it). */
  cmd?: string;
  /** A SQL cell (compared with `psql -X -v ON_ERROR_STOP=1` reading it on stdin). */
  sql?: string;
  /** A known difference: still run, reported as a todo instead of failing. */
  gap?: string;
}

const CASES: Case[] = [
  // Syntax errors.
  { cmd: "psql -c 'SELEC 1'" },
  { cmd: "psql -c 'SELECT 1 FROM'" },
  { cmd: "psql -c 'SELECT (1'" },
  { cmd: "psql -c \"SELECT 'unterminated\"" },
  { cmd: "psql -c 'SELECT 1,, 2'" },
  { sql: 'SELEC 1;' },
  { sql: 'SELECT id\n  FROM players\n WHERE;' },
  { sql: 'SELECT 1 AS ok;\nSELEC 2;\nSELECT 3 AS not_reached;' },
  // Unknown tables, columns and functions.
  { cmd: "psql -c 'SELECT * FROM nosuch'" },
  { cmd: "psql -c 'SELECT nosuch FROM players'" },
  { cmd: "psql -c 'SELECT usernme FROM players'" },
  { cmd: "psql -c 'SELECT players.nosuch FROM players'" },
  { cmd: "psql -c 'SELECT nosuch_fn(1)'" },
  { cmd: "psql -c 'SELECT count(*) FROM nosuch_schema.players'" },
  { cmd: "psql -c \"SELECT 'x'::nosuchtype\"" },
  { cmd: "psql -c \"SELECT 1 + 'a'\"" },
  { cmd: "psql -c 'SELECT 1/0'" },
  { sql: 'SELECT usernme FROM players;' },
  { sql: 'SELECT *\n  FROM nosuch\n WHERE id = 1;' },
  // Unknown and misused meta-commands.
  { cmd: "psql -c '\\nosuch'" },
  { cmd: "psql -c '\\d nosuch'" },
  { cmd: "psql -c '\\pset nosuch 1'" },
  { cmd: "psql -c '\\pset format nosuch'" },
  { sql: '\\nosuch' },
  // Bad flags and flag values.
  { cmd: "psql --bogus -c 'SELECT 1'" },
  { cmd: "psql -Q -c 'SELECT 1'" },
  { cmd: 'psql -c' },
  { cmd: "psql -p notaport -c 'SELECT 1'" },
  { cmd: "psql -P nosuch=1 -c 'SELECT 1'" },
  { cmd: "psql -v -c 'SELECT 1'", gap: 'psql takes -c as the value of -v and SELECT 1 as the database name; ours sees no -c and offers a terminal' },
  { cmd: "psql -p 70000 -c 'SELECT 1'" },
  { cmd: "psql -p -1 -c 'SELECT 1'" },
  { cmd: "psql -P format=nosuch -c 'SELECT 1'" },
  { cmd: "psql -f /nonexistent.sql" },
];

before(async () => {
  sandbox = await acquireSandbox();
  dir = mkdtempSync(join(tmpdir(), 'psql-bad-input-'));
  // HOME points at the test's folder: no ~/.pgpass or ~/.psqlrc of the machine's.
  env = { ...process.env, ...sandbox.env, HOME: dir, PGSYSCONFDIR: dir, PAGER: 'cat' };
});

after(async () => {
  await sandbox?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('bad psql and SQL input', () => {
  for (const c of CASES) {
    const name = c.sql !== undefined ? `SQL cell: ${JSON.stringify(c.sql)}` : c.cmd!;
    it(`${name}: psql's own error and exit code`, { todo: c.gap }, async () => {
      const real = await runReal(c.sql !== undefined ? `psql -X -v ON_ERROR_STOP=1 <<'EOF'\n${c.sql}\nEOF` : c.cmd!, env);
      const ours = await runNative(c.sql ?? c.cmd!, { env, language: c.sql !== undefined ? 'sql' : 'shellscript', cwd: dir });
      assert.notEqual(real.exitCode, 0, `the real psql accepted ${name}`);
      assert.deepEqual({ stdout: ours.stdout, stderr: ours.stderr, exitCode: ours.exitCode }, real);
    });
  }
});
