// The command timeout with a small tool of our own: a command past it is
// stopped as Stop stops it and fails saying so; each command has its own;
// streams and commands under their own --timeout are left alone. No servers.
// Every limit here is shorter than what the command would take, and Node fires
// timers in the order they expire: no assertion depends on how fast the machine is.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCell, Session, ToolRegistry, toolPlan } from '../../../src/core/engine';
import { argvTool } from '../../support/argvTool';

/** `slow hang`: runs until aborted. `slow nap MS`: takes MS. `slow follow`: a stream. `slow wait MS --timeout`: waits under its own flag. `slow edit`: opens the editor. */
function slowTool(aborts: string[]) {
  return argvTool({
    names: ['slow'],
    plan: (argv) => toolPlan({ native: true, terminal: false, effect: 'read', streams: argv[1] === 'follow', ownTimeout: argv.includes('--timeout') }),
    run: (argv, ctx) =>
      argv[1] === 'edit' ? ctx.editText!({ title: 'x', text: 'before', language: 'yaml' }).then((text) => (ctx.stdout.write(`${text}\n`), ctx.signal.aborted ? 130 : 0)) : new Promise<number>((resolve) => {
        const ms = argv[1] === 'nap' || argv[1] === 'wait' ? Number(argv[2]) : undefined;
        const timer = ms === undefined ? setInterval(() => ctx.stdout.write('tick\n'), 5) : setTimeout(() => resolve(0), ms);
        ctx.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          clearInterval(timer);
          aborts.push(argv.join(' '));
          resolve(130);
        }, { once: true });
      }),
  });
}

async function run(text: string, options: { commandTimeoutMs?: number; streamWindowMs?: number; signal?: AbortSignal; onStdout?: (text: string) => void; editMs?: number } = {}) {
  const aborts: string[] = [];
  let stdout = '';
  let stderr = '';
  const result = await runCell(text, {
    language: 'shellscript',
    session: new Session('/tmp', { HOME: '/home/sre' }),
    registry: new ToolRegistry([slowTool(aborts)]),
    signal: options.signal ?? new AbortController().signal,
    isTTY: false,
    streamWindowMs: options.streamWindowMs,
    commandTimeoutMs: options.commandTimeoutMs,
    events: { stdout: (t) => ((stdout += t), options.onStdout?.(t)), stderr: (t) => (stderr += t), clear: () => (stdout = '') },
    hooks: {
      resolve: async () => undefined,
      confirm: async () => true,
      editText: (request) => new Promise((resolve) => setTimeout(() => resolve(`${request.text}, edited`), options.editMs ?? 0)),
    },
  });
  return { result, stdout, stderr, aborts };
}

test('a command past its timeout is aborted, fails with exit code 124, and the cell says so', async () => {
  const r = await run('slow hang && slow nap 1', { commandTimeoutMs: 100 });
  assert.deepEqual(r.aborts, ['slow hang'], 'the command saw its signal aborted, as on Stop');
  assert.equal(r.result.ok, false);
  assert.equal(r.result.exitCode, 124);
  assert.equal(r.result.commands.length, 1, 'the cell stops at the timed-out command');
  const [command] = r.result.commands;
  assert.equal(command.status, 'failed');
  assert.equal(command.exitCode, 124);
  assert.equal(command.reason, 'timed out after 0.1 s');
  assert.equal(r.stderr, 'runbook: timed out after 0.1 s: slow hang\n');
});

test('each command has the whole timeout: a cell of several commands may take longer than one', async () => {
  const r = await run('slow nap 80; slow nap 80; slow nap 80', { commandTimeoutMs: 200 });
  assert.deepEqual(r.aborts, []);
  assert.equal(r.result.ok, true);
  assert.deepEqual(r.result.commands.map((c) => c.status), ['ok', 'ok', 'ok']);
});

test('a stream run on its own is not cut by the timeout: it runs until stopped', async () => {
  const controller = new AbortController();
  let ticks = 0;
  // 40 ticks 5 ms apart come well after a 20 ms timeout would have fired.
  const onStdout = (text: string) => void ((ticks += text.split('\n').length - 1) >= 40 && controller.abort('stopped'));
  const r = await run('slow follow', { commandTimeoutMs: 20, signal: controller.signal, onStdout });
  assert.ok(ticks >= 40);
  assert.equal(r.result.commands[0].status, 'cancelled');
  assert.doesNotMatch(r.stderr, /timed out/);
});

test('a sampled stream ends with its window, not the shorter timeout', async () => {
  const r = await run('slow follow', { commandTimeoutMs: 20, streamWindowMs: 100 });
  assert.equal(r.result.ok, true);
  assert.equal(r.result.commands[0].sampled, true);
  assert.doesNotMatch(r.stderr, /timed out/);
});

test('a command that waits under its own --timeout follows that flag', async () => {
  const r = await run('slow wait 100 --timeout', { commandTimeoutMs: 20 });
  assert.deepEqual(r.aborts, []);
  assert.equal(r.result.commands[0].status, 'ok');
});

test('a timeout of 0, or none, sets no limit', async () => {
  for (const commandTimeoutMs of [0, undefined]) {
    const r = await run('slow nap 50', { commandTimeoutMs });
    assert.equal(r.result.commands[0].status, 'ok', String(commandTimeoutMs));
  }
});

test('Stop before the timeout still cancels', async () => {
  const controller = new AbortController();
  const r = await run('slow hang', { commandTimeoutMs: 60_000, signal: controller.signal, onStdout: () => controller.abort('stopped') });
  assert.equal(r.result.commands[0].status, 'cancelled');
  assert.equal(r.result.exitCode, 130);
  assert.doesNotMatch(r.stderr, /timed out/);
});

test('the time a person spends in the editor (kubectl edit) does not count', async () => {
  const r = await run('slow edit', { commandTimeoutMs: 30, editMs: 120 });
  assert.equal(r.stdout, 'before, edited\n');
  assert.equal(r.result.commands[0].status, 'ok');
  assert.doesNotMatch(r.stderr, /timed out/);
});
