// redis-cli's passwords against the sandbox's Redis: given with -a, in a -u
// URI or in REDISCLI_AUTH, a password never shows, not even echoed back by
// the server, and the line recorded for the cell has it masked too.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { acquireSandbox, type SandboxLease } from '../../../sandbox/testing';
import { runNative } from '../../../support/engine';
import { assertHidden, randomSecret } from '../../../support/hidden';

let sandbox: SandboxLease;
let env: Record<string, string | undefined>;
let hostPort: string;

before(async () => {
  sandbox = await acquireSandbox({ services: ['redis'] });
  env = { ...process.env, ...sandbox.env };
  hostPort = new URL(sandbox.env.REDIS_URL!).host;
});

after(async () => {
  await sandbox?.stop();
});

async function echo(line: (password: string) => string, kind: string) {
  const password = randomSecret('redis');
  const command = line(password);
  const run = await runNative(command, { env });
  assertHidden(command, run, [password]);
  assert.match(run.stdout, new RegExp(`^‹secret:${kind}#[0-9a-f]{4}›\\n$`), 'ECHO prints the password back, masked');
  return run;
}

describe('redis-cli: passwords are masked', () => {
  it('-a PASSWORD: the warning as redis-cli prints it, the password nowhere', async () => {
    const run = await echo((pw) => `redis-cli -a ${pw} ECHO ${pw}`, 'redis-password');
    assert.match(run.stderr, /^Warning: Using a password with '-a' or '-u' option on the command line interface may not be safe\.\n/);
    assert.match(run.run.commands[0]!.command, /^redis-cli -a ‹secret:redis-password#([0-9a-f]{4})› ECHO ‹secret:redis-password#\1›$/);
  });

  it('--user and --pass', async () => {
    await echo((pw) => `redis-cli --user default --pass ${pw} ECHO ${pw}`, 'redis-password');
  });

  it('-u redis://:PASSWORD@host', async () => {
    await echo((pw) => `redis-cli -u redis://:${pw}@${hostPort} ECHO ${pw}`, 'redis-password');
  });

  it('REDISCLI_AUTH', async () => {
    await echo((pw) => `REDISCLI_AUTH=${pw} redis-cli ECHO ${pw}`, 'REDISCLI_AUTH');
  });
});
