// A re-run of a step (the usual way to watch a fix land) reuses the line's
// plan while nothing it depends on changed, and otherwise works with the
// session and the tools as they are now: variables set, unset or made secret
// since, and tools added since.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, ToolRegistry, toolPlan, type Tool } from '../../../src/core/engine';
import { parseScript } from '../../../src/core/shell';
import { preparePipeline } from '../../../src/core/engine/preparedPipeline';
import { planPipeline } from '../../../src/core/engine/plan';
import { runNative } from '../../support/engine';

/** Prints its arguments; `parsed` and `ran` get the argv of each parse and each run. */
function printTool(name: string, seen: { parsed: (readonly string[])[]; ran: (readonly string[])[] } = { parsed: [], ran: [] }): Tool {
  return {
    names: [name],
    parse: (argv) => {
      seen.parsed.push(argv);
      return {
        plan: toolPlan({ native: true, terminal: false, effect: 'read' }),
        async run(ctx) {
          seen.ran.push(argv);
          ctx.stdout.write(argv.slice(1).join(' ') + '\n');
          return 0;
        },
      };
    },
  };
}

/** A run in `session` with `registry`, both kept across runs. */
const run = (text: string, session: Session, registry: ToolRegistry) => runNative(text, { env: {}, session, registry });

test('a re-run in the same session runs the command parsed the first time, with its frozen argv', async () => {
  const seen = { parsed: [] as (readonly string[])[], ran: [] as (readonly string[])[] };
  const registry = new ToolRegistry([printTool('say', seen)]);
  const session = new Session('/tmp', { WHO: 'world' });
  assert.equal((await run('say hello $WHO', session, registry)).stdout, 'hello world\n');
  assert.equal((await run('say hello $WHO', session, registry)).stdout, 'hello world\n');
  assert.equal(seen.parsed.length, 1, 'parsed once for both runs');
  assert.equal(seen.ran.length, 2);
  assert.equal(seen.ran[0], seen.ran[1], 'the second run used the first run\'s argv');
  assert.ok(Object.isFrozen(seen.ran[0]), 'a kept argv cannot be changed by the tool that gets it');
  session.set('WHO', 'you');
  assert.equal((await run('say hello $WHO', session, registry)).stdout, 'hello you\n');
  assert.equal(seen.parsed.length, 2, 'a changed variable: the line is planned again');
});

test('a pipeline that may still change is planned afresh each time', async () => {
  const registry = new ToolRegistry([printTool('say')]);
  const session = new Session('/tmp', {});
  const pipeline = parseScript('say hi').statements[0]!.first;
  assert.ok(!Object.isFrozen(pipeline));
  const plan = () => planPipeline(pipeline, { lookup: session.lookup, env: (extra) => session.env(extra) }, registry);
  assert.notEqual(await preparePipeline(pipeline, session, registry, plan), await preparePipeline(pipeline, session, registry, plan));
});

test('a variable set or unset between runs is what the next run uses', async () => {
  const registry = new ToolRegistry([printTool('say')]);
  const session = new Session('/tmp', {});
  session.set('WHO', 'one');
  assert.equal((await run('say $WHO', session, registry)).stdout, 'one\n');
  session.set('WHO', 'two');
  const second = await run('say $WHO', session, registry);
  assert.equal(second.stdout, 'two\n');
  assert.deepEqual(second.run.commands[0]!.variables, { WHO: 'two' });
  // A cell that changes the variable itself, then the step again.
  assert.equal((await run('export WHO=three\nsay $WHO', session, registry)).stdout, 'three\n');
  assert.equal((await run('say $WHO', session, registry)).stdout, 'three\n');
  session.unset('WHO');
  const unset = await run('say $WHO', session, registry);
  assert.equal(unset.run.exitCode, 1, 'an unset variable is asked for again, not taken from the last run');
  assert.match(unset.stderr, /no value given for \$WHO/);
});

test('a value that became secret after a run is masked in the next run\'s record', async () => {
  const registry = new ToolRegistry([printTool('say')]);
  const session = new Session('/tmp', {});
  assert.equal((await run('say abcd1234', session, registry)).run.commands[0]!.command, 'say abcd1234');
  session.set('API_TOKEN', 'abcd1234');
  const after = await run('say abcd1234', session, registry);
  assert.match(after.run.commands[0]!.command, /^say ‹secret:API_TOKEN#[0-9a-f]{4}›$/);
  assert.equal(after.stdout, after.run.commands[0]!.command.slice('say '.length) + '\n');
});

test('a tool added to the registry runs a program that was not native before', async () => {
  const registry = new ToolRegistry([printTool('say')]);
  const session = new Session('/tmp', {});
  const before = await run('late ok', session, registry);
  assert.equal(before.run.commands[0]!.status, 'not-run');
  registry.add(printTool('late'));
  const after = await run('late ok', session, registry);
  assert.equal(after.run.commands[0]!.status, 'ok');
  assert.equal(after.stdout, 'ok\n');
});

test('each session expands with its own values', async () => {
  const registry = new ToolRegistry([printTool('say')]);
  const a = new Session('/tmp', { WHO: 'a' });
  const b = new Session('/tmp', { WHO: 'b' });
  assert.equal((await run('say $WHO', a, registry)).stdout, 'a\n');
  assert.equal((await run('say $WHO', b, registry)).stdout, 'b\n');
  assert.equal((await run('say $WHO', a, registry)).stdout, 'a\n');
});
