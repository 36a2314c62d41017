// The read-only table of redis-cli commands (commands.ts) against the
// sandbox's Redis: every command and subcommand the server flags `write` in
// COMMAND's reply is not a read for us, and every name the table calls a
// read that the server knows is not flagged `write`. Planning itself never
// connects: the table is all it uses.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { READ_ONLY } from '../../../../src/core/tools/redis/commands';
import { commandEffect } from '../../../../src/core/tools/redis/effect';
import { redisTool } from '../../../../src/core/tools/redis';
import { acquireSandbox, runCli, type SandboxLease } from '../../../sandbox/testing';

let sandbox: SandboxLease;

/** `config|get` -> its flags, for every command and subcommand the server has. */
let flags: Map<string, string[]>;

/** COMMAND's reply read with redis-cli --json (RESP3): [name, arity, flags, ..., subcommands at 9]. */
type CommandEntry = [string, number, string[], ...unknown[]];

before(async () => {
  sandbox = await acquireSandbox();
  const reply = await runCli('redis-cli', ['-u', sandbox.env.REDIS_URL!, '-3', '--json', 'COMMAND'], sandbox.env);
  assert.equal(reply.code, 0, reply.stderr);
  flags = new Map();
  for (const entry of JSON.parse(reply.stdout) as CommandEntry[]) {
    flags.set(entry[0].toLowerCase(), entry[2]);
    for (const sub of (entry[9] as CommandEntry[] | undefined) ?? []) flags.set(sub[0].toLowerCase(), sub[2]);
  }
});

after(() => sandbox?.stop());

describe('redis-cli effects: the read-only table against COMMAND on the sandbox', () => {
  it('reads the server\'s whole command table', () => {
    assert.ok(flags.size > 200, `${flags.size} commands and subcommands`);
    assert.ok(flags.get('set')?.includes('write') && flags.get('get')?.includes('readonly'));
  });

  it('classifies no command the server flags write as a read', () => {
    const writes = [...flags].filter(([, f]) => f.includes('write')).map(([name]) => name);
    assert.ok(writes.length > 50, `${writes.length} write commands`);
    const reads = writes.filter((name) => commandEffect(name.split('|')) === 'read');
    assert.deepEqual(reads, []);
  });

  it('calls nothing a read that the server flags write', () => {
    const known = [...READ_ONLY].filter((name) => flags.has(name.toLowerCase()));
    assert.ok(known.length > 100, `${known.length} of the table's names are on this server`);
    assert.deepEqual(known.filter((name) => flags.get(name.toLowerCase())!.includes('write')), []);
  });

  it('plans without a server: a line planned with an unreachable REDIS_URL still has its effect', () => {
    const env = { REDIS_URL: 'redis://127.0.0.1:1' };
    assert.equal(redisTool.parse(['redis-cli', 'FLUSHALL'], env).plan.effect, 'destructive');
    assert.equal(redisTool.parse(['redis-cli', 'DEL', 'a', 'b'], env).plan.effect, 'destructive');
    assert.equal(redisTool.parse(['redis-cli', 'DEL', 'a'], env).plan.effect, 'change');
    assert.equal(redisTool.parse(['redis-cli', 'SLOWLOG', 'GET', '10'], env).plan.effect, 'read');
  });
});
