// The runbook runner's policies and events, with small stand-in tools (the
// runner is under test here; the real tools have their own suites): one
// result per cell, stop at a failure or a critical verdict, read-only runs,
// sampling, confirmations and cancellation.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Session, ToolRegistry, toolPlan, type Tool } from '../../../src/core/engine';
import { Runbook } from '../../../src/core/runbook';
import { RunbookRunner, type RunnerEvent, type RunnerPolicy } from '../../../src/core/runner';
import { BreachTracker } from '../../../src/core/thresholds';
import { argvTool } from '../../support/argvTool';

/** `say WORDS` prints them; `fail N` exits N; `change X` changes state; `stream` prints until stopped. */
const tools: Tool[] = [
  argvTool({ names: ['say'], plan: () => toolPlan({ native: true, terminal: false, effect: 'read' }), run: async (argv, ctx) => (ctx.stdout.write(argv.slice(1).join(' ') + '\n'), 0) }),
  argvTool({ names: ['fail'], plan: () => toolPlan({ native: true, terminal: false, effect: 'read' }), run: async (argv, ctx) => (ctx.stderr.write('failed\n'), Number(argv[1] ?? 1)) }),
  argvTool({ names: ['change'], plan: () => toolPlan({ native: true, terminal: false, effect: 'change', action: 'change it' }), run: async (_argv, ctx) => (ctx.stdout.write('changed\n'), 0) }),
  argvTool({
    names: ['stream'],
    plan: () => toolPlan({ native: true, terminal: false, effect: 'read', streams: true }),
    run: (_argv, ctx) =>
      new Promise((resolve) => {
        ctx.signal.addEventListener('abort', () => resolve(0), { once: true });
        ctx.stdout.write('tick\n');
      }),
  }),
  // `postgres-connections` data is what psql emits for `SELECT count(*) FROM pg_stat_activity`.
  argvTool({ names: ['connections'], plan: () => toolPlan({ native: true, terminal: false, effect: 'read' }), run: async (argv, ctx) => (ctx.emit({ kind: 'postgres-connections', count: Number(argv[1]), maxConnections: 100 }), ctx.stdout.write(`${argv[1]}\n`), 0) }),
];

const THRESHOLDS = '## Monitoring Thresholds\n\n### Database\n```yaml\nconnections: {warning: 80%, critical: 90%}\n```\n';

function runbookOf(...cells: string[]): Runbook {
  return Runbook.fromMarkdown(THRESHOLDS + cells.map((c) => `\n\`\`\`bash\n${c}\n\`\`\`\n`).join(''));
}

function runnerFor(runbook: Runbook, policy: Partial<RunnerPolicy> = {}, confirm = async () => true) {
  const events: RunnerEvent[] = [];
  const runner = new RunbookRunner({
    runbook: () => runbook,
    session: new Session(process.cwd(), {}),
    registry: new ToolRegistry(tools),
    tracker: new BreachTracker(),
    isTTY: false,
    hooks: { resolve: async () => undefined, confirm },
    policy: { continueOnFailure: false, stopOnCritical: true, ...policy },
  });
  runner.on((e) => void events.push(e));
  const run = (indexes = steps(runbook), signal = new AbortController().signal) => runner.run(indexes, { signal });
  return { runner, events, run };
}

/** The shell cells (the runbook also has its thresholds' YAML cell). */
const steps = (runbook: Runbook) => runbook.codeCells.filter((c) => c.language === 'shellscript').map((c) => c.index);

const types = (events: RunnerEvent[]) => events.map((e) => (e.type === 'text' ? `text:${e.text.trim()}` : e.type));

describe('the runbook runner', () => {
  it('builds one result per cell, judged, with events in order', async () => {
    const runbook = runbookOf('say hello', 'connections 85');
    const { events, run } = runnerFor(runbook);
    const outcome = await run();
    assert.deepEqual(outcome.results.map((r) => [r.result.status, r.result.text, r.result.verdict?.level]), [['ok', 'hello\n', undefined], ['ok', '85\n', 'warning']]);
    assert.equal(outcome.stopped, undefined);
    assert.deepEqual(types(events), ['cell-started', 'text:hello', 'command-finished', 'cell-finished', 'cell-started', 'text:85', 'command-finished', 'cell-finished']);
    const finished = events.filter((e) => e.type === 'cell-finished');
    assert.deepEqual(finished.map((e) => e.type === 'cell-finished' && e.result), outcome.results.map((r) => r.result), 'subscribers get the very result the run returns');
  });

  it('stops a run of several cells at a failed cell, unless told to go on', async () => {
    const runbook = runbookOf('say one', 'fail 3', 'say three');
    const stopped = runnerFor(runbook);
    const outcome = await stopped.run();
    assert.deepEqual(outcome.results.map((r) => r.result.status), ['ok', 'failed']);
    assert.equal(outcome.stopped?.reason, 'failure');
    assert.deepEqual(stopped.events.filter((e) => e.type === 'skipped').map((e) => e.type === 'skipped' && e.reason), [`the run stopped at cell ${outcome.stopped!.cell.index + 1}`]);
    const kept = await runnerFor(runbook, { continueOnFailure: true }).run();
    assert.deepEqual(kept.results.map((r) => [r.result.status, r.result.exitCode]), [['ok', 0], ['failed', 3], ['ok', 0]]);
  });

  it('stops at a critical verdict, unless told not to', async () => {
    const runbook = runbookOf('connections 95', 'say after');
    const outcome = await runnerFor(runbook).run();
    assert.equal(outcome.results.length, 1);
    assert.equal(outcome.stopped?.reason, 'critical');
    assert.match(outcome.stopped?.detail ?? '', /connections 95%/);
    assert.equal((await runnerFor(runbook, { stopOnCritical: false }).run()).results.length, 2);
  });

  it('read-only: skips changes with their reason and goes on; a skipped change is not a failure', async () => {
    const runbook = runbookOf('change it\nsay read', 'change only');
    const asked: string[] = [];
    const { events, run } = runnerFor(runbook, { readOnly: true }, async () => (asked.push('asked'), true));
    const outcome = await run();
    assert.deepEqual(asked, [], 'nothing is confirmed: changes never run');
    const [mixed, onlyChange] = outcome.results.map((r) => r.result);
    assert.deepEqual(mixed.commands?.map((c) => [c.command, c.status, c.line, c.reason]), [['change it', 'skipped', 0, 'changes state'], ['say read', 'ok', 1, undefined]]);
    assert.equal(mixed.status, 'ok');
    assert.equal(mixed.text, 'read\n');
    assert.equal(onlyChange.status, 'skipped');
    assert.equal(outcome.stopped, undefined);
    assert.deepEqual(events.filter((e) => e.type === 'skipped').map((e) => e.type === 'skipped' && [e.command, e.reason]), [['change it', 'changes state'], ['change only', 'changes state']]);
  });

  it('reports each confirmation with its answer; a declined change fails the cell', async () => {
    const runbook = runbookOf('change it');
    const { events, run } = runnerFor(runbook, {}, async () => false);
    const outcome = await run();
    assert.equal(outcome.results[0].result.status, 'declined');
    const confirmation = events.find((e) => e.type === 'confirmation');
    assert.ok(confirmation && confirmation.type === 'confirmation');
    assert.equal(confirmation.answer, false);
    assert.equal(confirmation.request.action, 'change it');
  });

  it('samples streams when several cells run, and lets one cell stream until stopped', async () => {
    const runbook = runbookOf('stream', 'say after');
    const sampled = await runnerFor(runbook, { streamWindowMs: 20 }).run();
    assert.deepEqual(sampled.results.map((r) => r.result.status), ['ok', 'ok']);
    assert.equal(sampled.results[0].result.commands?.[0].sampled, true);

    const alone = runnerFor(runbook, { streamWindowMs: 20 });
    const stop = new AbortController();
    alone.runner.on((e) => {
      if (e.type === 'text') stop.abort('stopped');
    });
    const outcome = await alone.run([steps(runbook)[0]], stop.signal);
    assert.equal(outcome.results[0].result.status, 'cancelled');
    assert.ok(alone.events.some((e) => e.type === 'cancelled'));
  });

  it('reads the runbook again at each cell: an edit made while an earlier cell runs is what runs', async () => {
    let runbook = runbookOf('say first', 'say old');
    const { runner } = { runner: new RunbookRunner({ runbook: () => runbook, session: new Session(process.cwd(), {}), registry: new ToolRegistry(tools), tracker: new BreachTracker(), isTTY: false, hooks: { resolve: async () => undefined, confirm: async () => true }, policy: { continueOnFailure: false, stopOnCritical: true } }) };
    const indexes = steps(runbook);
    runner.on((e) => {
      if (e.type === 'cell-finished' && e.cell.index === indexes[0]) runbook = runbookOf('say first', 'say new');
    });
    const outcome = await runner.run(indexes, { signal: new AbortController().signal });
    assert.equal(outcome.results[1].result.text, 'new\n');
  });

  it('waits for what subscribers do with a finished cell before starting the next', async () => {
    const runbook = runbookOf('say one', 'say two');
    const { runner, run } = runnerFor(runbook);
    const order: string[] = [];
    runner.on(async (e) => {
      if (e.type === 'cell-started') order.push(`start ${e.cell.index}`);
      if (e.type !== 'cell-finished') return;
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push(`written ${e.cell.index}`);
    });
    await run();
    const [first, second] = steps(runbook);
    assert.deepEqual(order, [`start ${first}`, `written ${first}`, `start ${second}`, `written ${second}`]);
  });

  it('keeps the last lines of a long output and spools all of it to a file that goes with the session', async () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `word${i + 1}`);
    const runbook = runbookOf(`say ${lines(30).join('\n')}`.replace(/\n/g, ' \\\n'), 'say short');
    const session = new Session(process.cwd(), {});
    const events: RunnerEvent[] = [];
    const runner = new RunbookRunner({
      runbook: () => runbook,
      session,
      registry: new ToolRegistry([argvTool({ names: ['say'], plan: () => toolPlan({ native: true, terminal: false, effect: 'read' }), run: async (argv, ctx) => (argv.slice(1).forEach((w) => ctx.stdout.write(w + '\n')), 0) })]),
      tracker: new BreachTracker(),
      isTTY: false,
      hooks: { resolve: async () => undefined, confirm: async () => true },
      policy: { continueOnFailure: false, stopOnCritical: true },
      maxOutputLines: 10,
    });
    runner.on((e) => void events.push(e));
    const { results } = await runner.run(steps(runbook), { signal: new AbortController().signal });
    const [long, short] = results.map((r) => r.result);
    const full = long.fullOutput?.stdout;
    assert.ok(full);
    assert.equal(long.text, lines(30).slice(20).join('\n') + '\n');
    assert.deepEqual({ lines: full.lines, shownLines: full.shownLines }, { lines: 30, shownLines: 10 });
    assert.equal(readFileSync(full.path, 'utf8'), lines(30).join('\n') + '\n');
    assert.deepEqual(events.filter((e) => e.type === 'spooled').map((e) => e.type === 'spooled' && e.path), [full.path]);
    assert.deepEqual({ text: short.text, full: short.fullOutput }, { text: 'short\n', full: undefined }, 'a short output is kept whole, with no file');
    await session.dispose();
    assert.equal(existsSync(full.path), false);
  });
});
