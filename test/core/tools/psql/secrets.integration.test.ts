// psql's passwords against the sandbox's PostgreSQL, made to show by
// selecting them: from a URI on the line, from PGPASSWORD, and from the
// password file. Each is masked in the output and in the recorded line.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { acquireSandbox, type SandboxLease } from '../../../sandbox/testing';
import { runNative } from '../../../support/engine';
import { assertHidden } from '../../../support/hidden';

let sandbox: SandboxLease;
let env: Record<string, string | undefined>;
let password: string;
let dir: string;

before(async () => {
  sandbox = await acquireSandbox({ services: ['postgres'] });
  dir = mkdtempSync(join(tmpdir(), 'psql-secrets-'));
  env = { ...process.env, ...sandbox.env, HOME: dir };
  password = sandbox.env.PGPASSWORD!;
  assert.ok(password.length >= 8, 'the sandbox gives PostgreSQL a random password');
});

after(async () => {
  await sandbox?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const withoutPassword = () => ({ ...env, PGPASSWORD: undefined });

describe('psql: passwords are masked', () => {
  it('a password in a URI', async () => {
    const uri = `postgresql://${env.PGUSER}:${password}@${env.PGHOST}:${env.PGPORT}/${env.PGDATABASE}`;
    const command = `psql ${uri} -At -c "SELECT 'pw=${password}'"`;
    const run = await runNative(command, { env: withoutPassword() });
    assert.equal(run.exitCode, 0, run.stderr);
    assertHidden(command, run, [password]);
    assert.match(run.stdout, /^pw=‹secret:url-password#([0-9a-f]{4})›\n$/);
    assert.match(run.run.commands[0]!.command, /^psql postgresql:\/\/postgres:‹secret:url-password#[0-9a-f]{4}›@/);
  });

  it('PGPASSWORD', async () => {
    const command = `psql -At -c "SELECT 'pw=$PGPASSWORD'"`;
    const run = await runNative(command, { env });
    assert.equal(run.exitCode, 0, run.stderr);
    assertHidden(command, run, [password]);
    assert.match(run.stdout, /^pw=‹secret:PGPASSWORD#[0-9a-f]{4}›\n$/);
  });

  it('the password found in PGPASSFILE', async () => {
    const passfile = join(dir, 'pgpass');
    writeFileSync(passfile, `${env.PGHOST}:${env.PGPORT}:*:${env.PGUSER}:${password}\n`, { mode: 0o600 });
    const command = `psql -At -c "SELECT 'pw=${password}'"`;
    const run = await runNative(command, { env: { ...withoutPassword(), PGPASSFILE: passfile } });
    assert.equal(run.exitCode, 0, run.stderr);
    assertHidden(command, run, [password]);
    assert.match(run.stdout, /^pw=‹secret:pgpass#[0-9a-f]{4}›\n$/);
  });
});
