// `--timeout SECONDS` on exec, run and check as a user runs them: the built
// CLI, in its own process, against the sandbox's PostgreSQL. A statement past
// it is stopped and named; exec exits 124 as timeout(1) does, run and check 3
// (a step failed). Times only have generous upper bounds.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireSandbox, type SandboxLease } from '../sandbox/testing';
import { ensureBuilt } from '../support/build';
import { runProgram } from '../support/engine';
import { PROJECT_ROOT } from '../support/shared';

const CLI = join(PROJECT_ROOT, 'bin', 'runbook.js');
const SLEEP = 'psql -c "SELECT pg_sleep(30)"';

let sandbox: SandboxLease;
let dir: string;
let env: Record<string, string | undefined>;

before(async () => {
  ensureBuilt();
  sandbox = await acquireSandbox();
  dir = mkdtempSync(join(tmpdir(), 'runbook-timeout-'));
  env = { PATH: process.env.PATH, ...sandbox.env, HOME: dir };
});

after(async () => {
  await sandbox?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function runbook(args: string[]) {
  return runProgram(process.execPath, [CLI, ...args], env, 60_000);
}

function runbookFile(name: string, steps: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, `# Steps\n\n${steps.map((s, i) => `${i + 1}. Step\n\n   \`\`\`bash\n   ${s}\n   \`\`\`\n`).join('\n')}`);
  return file;
}

test('runbook exec --timeout: the command is stopped, named on stderr, and exec exits 124', async () => {
  const started = Date.now();
  const r = await runbook(['exec', '--timeout', '1', '--', SLEEP]);
  assert.ok(Date.now() - started < 20_000, 'stopped long before the 30 s sleep ended');
  assert.equal(r.exitCode, 124, r.stderr);
  assert.ok(r.stderr.endsWith(`runbook: timed out after 1 s: ${SLEEP}\n`), r.stderr);
});

test('runbook exec --timeout takes a number of seconds, 0 for none', async () => {
  const bad = await runbook(['exec', '--timeout', 'soon', '--', 'psql -At -c "SELECT 1"']);
  assert.notEqual(bad.exitCode, 0);
  assert.match(bad.stderr, /--timeout <seconds>.*expected a number of seconds \(0 for no limit\), got 'soon'/);
  const none = await runbook(['exec', '--timeout', '0', '--', 'psql -At -c "SELECT 1"']);
  assert.equal(none.exitCode, 0, none.stderr);
  assert.equal(none.stdout, '1\n');
});

test('runbook run and check --timeout: the step that timed out fails the run (exit 3), named with the reason', async () => {
  const file = runbookFile('slow.runbook.md', [SLEEP, 'psql -At -c "SELECT 1"']);
  const run = await runbook(['run', '--timeout', '1', file]);
  assert.equal(run.exitCode, 3, run.stderr);
  assert.match(run.stderr, new RegExp(`runbook: line \\d+: '${escape(SLEEP)}' exited 124: timed out after 1 s\\n`));
  assert.match(run.stderr, /ran 1 cell\b/, 'Run All stops at the failed step');
  const check = await runbook(['check', '--timeout', '1', file]);
  assert.equal(check.exitCode, 3, check.stderr);
  assert.match(check.stdout + check.stderr, /timed out after 1 s/);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
