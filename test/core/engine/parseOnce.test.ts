// A command line is parsed once per run: the plan that `runbook plan` lists
// and read-only runs judge is the one a run confirms, targets and runs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planCell, runCell, Session, ToolRegistry, toolPlan, type Tool } from '../../../src/core/engine';

/** `count read X` reads, `count change X` changes state; every parse, target and run is recorded. */
function countingTool(names: string[]): Tool & { parsed: string[]; targeted: string[]; ran: string[] } {
  const parsed: string[] = [];
  const targeted: string[] = [];
  const ran: string[] = [];
  const mutates = (argv: readonly string[]) => argv[1] === 'change' || /UPDATE/.test(argv[1] ?? '');
  return {
    names,
    parsed,
    targeted,
    ran,
    parse(argv) {
      const line = argv.join(' ');
      parsed.push(line);
      return {
        plan: toolPlan({ native: true, terminal: false, effect: mutates(argv) ? 'change' : 'read', action: argv.slice(1).join(' ') }),
        async target() {
          targeted.push(line);
          return { kind: 'local', label: 'here' };
        },
        async run(ctx) {
          ran.push(line);
          ctx.stdout.write(`${line}\n`);
          return 0;
        },
      };
    },
  };
}

async function runText(text: string, registry: ToolRegistry, options: { readOnly?: boolean; language?: string } = {}) {
  const confirmed: string[] = [];
  const run = await runCell(text, {
    language: options.language ?? 'shellscript',
    session: new Session('/tmp', { WHERE: 'there' }),
    registry,
    signal: new AbortController().signal,
    isTTY: false,
    readOnly: options.readOnly,
    events: { stdout: () => undefined, stderr: () => undefined, clear: () => undefined },
    hooks: { resolve: async () => undefined, confirm: async (request) => (confirmed.push(request.commandLine), true) },
  });
  return { run, confirmed };
}

const countsOf = (lines: string[]) => lines.reduce<Record<string, number>>((all, line) => ({ ...all, [line]: (all[line] ?? 0) + 1 }), {});

test('a state-changing command is parsed once through plan, target, confirmation and run', async () => {
  const tool = countingTool(['count']);
  const { run, confirmed } = await runText('count change $WHERE', new ToolRegistry([tool]));
  assert.equal(run.exitCode, 0);
  assert.deepEqual(confirmed, ['count change $WHERE']);
  assert.deepEqual(tool.targeted, ['count change there']);
  assert.deepEqual(tool.ran, ['count change there']);
  assert.deepEqual(tool.parsed, ['count change there']);
});

test('each stage of a pipeline and each line of a cell is parsed once', async () => {
  const tool = countingTool(['count']);
  const { run } = await runText('count read a | count read b\ncount change c && count read d', new ToolRegistry([tool]));
  assert.equal(run.exitCode, 0);
  assert.deepEqual(tool.ran, ['count read a', 'count read b', 'count change c', 'count read d']);
  assert.deepEqual(countsOf(tool.parsed), { 'count read a': 1, 'count read b': 1, 'count change c': 1, 'count read d': 1 });
});

test('a read-only run judges and runs the same parsed command', async () => {
  const tool = countingTool(['count']);
  const { run, confirmed } = await runText('count read a\ncount change b', new ToolRegistry([tool]), { readOnly: true });
  assert.deepEqual(run.commands.map((c) => c.status), ['ok', 'skipped']);
  assert.deepEqual(confirmed, []);
  assert.deepEqual(tool.ran, ['count read a']);
  assert.deepEqual(countsOf(tool.parsed), { 'count read a': 1, 'count change b': 1 });
});

test('a read-only SQL cell runs its reading statements as they were planned', async () => {
  const sql = countingTool(['sql']);
  const { run } = await runText('SELECT 1;\nUPDATE t SET a = 1;\nSELECT 2;', new ToolRegistry([sql]), { language: 'sql', readOnly: true });
  assert.deepEqual(run.commands.map((c) => c.status), ['ok', 'skipped', 'ok']);
  assert.equal(sql.ran.length, 2);
  assert.equal(sql.parsed.length, 3, `one parse per statement: ${JSON.stringify(sql.parsed)}`);
  for (const line of sql.ran) assert.ok(sql.parsed.includes(line));
});

test('runbook plan parses each command once', async () => {
  const tool = countingTool(['count']);
  const rows = await planCell('count read a | count read b\ncount change c', 'shellscript', new ToolRegistry([tool]));
  assert.deepEqual(rows.map((r) => [r.tool, r.mutates]), [['count', false], ['count', true]]);
  assert.deepEqual(countsOf(tool.parsed), { 'count read a': 1, 'count read b': 1, 'count change c': 1 });
  assert.deepEqual(tool.ran, []);
});
