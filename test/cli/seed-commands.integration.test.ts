// Every psql, redis-cli and aws command of the user's runbook, through the
// built `runbook exec` and through the real CLI in a shell, against the
// sandbox. Where our documented defaults differ from the real CLI's (REDIS_URL,
// REDIS_CLUSTER_URL, the `redis-cluster` host name), the shell runs the
// equivalent explicit command. Values that change between two runs by nature
// (counters, LSNs, timestamps) are compared by shape, never skipped.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { acquireSandbox, type SandboxLease } from '../sandbox/testing';
import { ensureBuilt } from '../support/build';
import { PROJECT_ROOT, SEED_RUNBOOK, sharedMissing } from '../support/shared';

type Compare = 'exact' | 'fields' | 'replication' | 'lines';

interface SeedCase {
  /** The equivalent command for the real CLI, when it differs. */
  real?: string;
  compare: Compare;
}

const CLUSTER_NODE = '"${REDIS_CLUSTER_URL#redis://}"';

const CASES: Record<string, SeedCase> = {
  'psql -c "SELECT * FROM pg_stat_replication;"': { compare: 'replication' },
  'psql -c "ALTER SYSTEM SET max_wal_senders = 10;"': { compare: 'exact' },
  'psql -c "SELECT pg_reload_conf();"': { compare: 'exact' },
  'redis-cli INFO memory': { real: 'redis-cli -u "$REDIS_URL" INFO memory', compare: 'fields' },
  'redis-cli --cluster rebalance redis-cluster:6379': { real: `redis-cli --cluster rebalance ${CLUSTER_NODE}`, compare: 'lines' },
  'redis-cli cluster info': { real: 'redis-cli -u "$REDIS_CLUSTER_URL" cluster info', compare: 'fields' },
  'aws s3 ls s3://archive-bucket/': { compare: 'exact' },
  'aws cloudfront update-distribution --id DISTID --distribution-config file://cdn-config.json': { compare: 'exact' },
  'aws cloudfront create-invalidation --distribution-id DISTID --paths "/*"': { compare: 'exact' },
  'redis-cli INFO stats | grep hit_rate': { real: 'redis-cli -u "$REDIS_URL" INFO stats | grep hit_rate', compare: 'exact' },
};

/** The seed's command lines for these tools, in order. */
function seedCommands(): string[] {
  return readFileSync(SEED_RUNBOOK, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^(psql|redis-cli|aws) /.test(l));
}

interface Ran {
  stdout: string;
  stderr: string;
  exitCode: number;
}

function run(program: string, args: string[], cwd: string, env: Record<string, string | undefined>): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { cwd, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, exitCode: code ?? -1 });
    });
  });
}

/** `name:value` lines by name only (INFO, CLUSTER INFO): the counters move between two runs. */
const fieldNames = (text: string) => text.split(/\r?\n/).map((l) => l.replace(/:.*$/, ''));

/** pg_stat_replication: the column names, the row count line and the line count; LSNs, lags and times (and so widths) move. */
function replicationShape(text: string): string[] {
  const lines = text.split('\n');
  return [(lines[0] ?? '').split('|').map((c) => c.trim()).join('|'), lines.at(-2) ?? '', String(lines.length)];
}

function comparable(text: string, compare: Compare): unknown {
  if (compare === 'fields') return fieldNames(text);
  if (compare === 'replication') return replicationShape(text);
  if (compare === 'lines') return text.split('\n').map((l) => l.replace(/\b[0-9a-f]{40}\b/g, 'NODEID').replace(/127\.0\.0\.1:\d+/g, 'NODE'));
  return text;
}

describe("the user's runbook: psql, redis-cli and aws commands through runbook exec", { skip: sharedMissing() }, () => {
  let sandbox: SandboxLease;
  let env: Record<string, string | undefined>;
  const cwd = join(PROJECT_ROOT, 'notebooks');

  before(async () => {
    ensureBuilt();
    sandbox = await acquireSandbox();
    env = { ...process.env, ...sandbox.env };
  });
  after(async () => sandbox?.stop());

  it('every such command of the seed has a case here', () => {
    const commands = seedCommands();
    assert.ok(commands.length >= 10, `${commands.length} commands`);
    assert.deepEqual(commands.filter((c) => !(c in CASES)), []);
  });

  for (const [command, seedCase] of Object.entries(CASES)) {
    it(command, async () => {
      const ours = await run(process.execPath, [join(PROJECT_ROOT, 'bin', 'runbook.js'), 'exec', '--yes', '--', command], cwd, env);
      const real = await run('bash', ['-c', seedCase.real ?? command], cwd, env);
      assert.equal(ours.exitCode, real.exitCode, `exit code; ours stderr: ${ours.stderr}`);
      assert.deepEqual(comparable(ours.stdout, seedCase.compare), comparable(real.stdout, seedCase.compare), 'stdout');
      assert.equal(ours.stderr, real.stderr, 'stderr');
    });
  }
});
