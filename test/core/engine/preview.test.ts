// Previews in the engine: a state-changing command's preview is worked out
// before it is confirmed and rides on the request; a dry run prints it and
// runs nothing that changes state. No servers.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCell, Session, ToolRegistry, toolPlan, type CellHooks, type ConfirmationRequest, type Tool } from '../../../src/core/engine';

/** `fake scale N` changes state and previews "replicas: 1 -> N"; `fake get` reads; `fake broken` has a preview that throws. */
function fakeTool(calls: string[]): Tool {
  return {
    names: ['fake'],
    parse: (argv) => ({
      plan: toolPlan({ native: true, terminal: false, effect: argv[1] === 'get' ? 'read' : 'change', action: argv.slice(1, 3).join(' ') }),
      preview: async (ctx) => {
        if (argv[1] === 'broken') throw new Error('server said no\nmore');
        return { text: `replicas: 1 -> ${argv[2]} (stdin: ${ctx.stdin ?? 'none'})`, diff: { before: 'replicas: 1\n', after: `replicas: ${argv[2]}\n`, title: 'web' } };
      },
      run: async (ctx) => {
        calls.push(argv.join(' '));
        ctx.stdout.write(`ran ${argv.slice(1).join(' ')}\n`);
        return 0;
      },
    }),
  };
}

async function run(text: string, options: { dryRun?: boolean; confirm?: CellHooks['confirm'] } = {}) {
  const calls: string[] = [];
  let stdout = '';
  let stderr = '';
  const result = await runCell(text, {
    language: 'shellscript',
    session: new Session('/tmp', { HOME: '/home/sre' }),
    registry: new ToolRegistry([fakeTool(calls)]),
    signal: new AbortController().signal,
    isTTY: false,
    dryRun: options.dryRun,
    events: { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), clear: () => undefined },
    hooks: { resolve: async () => undefined, confirm: options.confirm ?? (async () => true) },
  });
  return { result, calls, stdout, stderr };
}

test('the confirmation request carries the preview, worked out before the command runs', async () => {
  const requests: ConfirmationRequest[] = [];
  const r = await run('fake scale 5', { confirm: async (request) => (requests.push(request), true) });
  assert.equal(requests.length, 1);
  assert.equal(requests[0].preview?.text, 'replicas: 1 -> 5 (stdin: none)');
  assert.deepEqual(requests[0].preview?.diff, { before: 'replicas: 1\n', after: 'replicas: 5\n', title: 'web' });
  assert.deepEqual(r.calls, ['fake scale 5']);
});

test('a here-document reaches the preview as its standard input', async () => {
  const requests: ConfirmationRequest[] = [];
  await run('fake scale 2 <<EOF\nkind: x\nEOF', { confirm: async (request) => (requests.push(request), false) });
  assert.equal(requests[0].preview?.text, 'replicas: 1 -> 2 (stdin: kind: x\n)');
});

test('a preview that fails says why, and the question is still asked', async () => {
  const requests: ConfirmationRequest[] = [];
  await run('fake broken x', { confirm: async (request) => (requests.push(request), false) });
  assert.equal(requests[0].preview?.text, 'no preview: server said no');
});

test('a dry run prints each change preview, asks nothing, runs no change, and still runs reads', async () => {
  let asked = 0;
  const r = await run('fake get pods\nfake scale 3\nfake get again', { dryRun: true, confirm: async () => (asked++, true) });
  assert.equal(asked, 0);
  assert.deepEqual(r.calls, ['fake get pods', 'fake get again']);
  assert.equal(r.stderr, 'dry run: fake scale 3 (not run)\nreplicas: 1 -> 3 (stdin: none)\n');
  assert.equal(r.result.exitCode, 0);
  const skipped = r.result.commands.find((c) => c.status === 'skipped');
  assert.equal(skipped?.command, 'fake scale 3');
  assert.match(skipped?.reason ?? '', /^dry run/);
});
