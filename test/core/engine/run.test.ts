// The engine with a small tool of our own: sequencing, variables,
// confirmations, pipes, watch, cancellation. No servers.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSecretName, runCell, Session, ToolRegistry, planCell, toolPlan, type CellHooks, type Tool } from '../../../src/core/engine';
import { argvTool } from '../../support/argvTool';

function fakeTool(): Tool & { calls: string[][] } {
  const calls: string[][] = [];
  return Object.assign(argvTool({
    names: ['fake'],
    plan: (argv) => toolPlan({ native: true, terminal: false, effect: argv[1] === 'scale' ? 'change' : 'read', streams: argv[1] === 'follow', action: argv.slice(1, 3).join(' ') }),
    async run(argv, ctx) {
      calls.push([...argv]);
      switch (argv[1]) {
        case 'print':
          ctx.stdout.write(argv.slice(2).join(' ') + '\n');
          return 0;
        case 'nonl':
          ctx.stdout.write(argv[2]);
          return 0;
        case 'lines':
          for (let i = 1; i <= Number(argv[2]); i++) ctx.stdout.write(`line ${i} ${i % 2 ? 'ERROR' : 'INFO'}\n`);
          return 0;
        case 'fail':
          ctx.stderr.write('fake: failed\n');
          return 3;
        case 'stdin':
          ctx.stdout.write(`got: ${ctx.stdin ?? '(none)'}`);
          return 0;
        case 'env':
          ctx.stdout.write(`${argv[2]}=${ctx.env[argv[2]] ?? ''}\n`);
          return 0;
        case 'follow':
        case 'scale':
          ctx.emit({ kind: 'scaled', object: 'deployments/web', replicas: 3 });
          if (argv[1] === 'scale') return 0;
          return new Promise<number>((resolve) => {
            let n = 0;
            const timer = setInterval(() => ctx.stdout.write(`tick ${++n}\n`), 5);
            ctx.signal.addEventListener('abort', () => {
              clearInterval(timer);
              resolve(0);
            });
          });
        default:
          return 1;
      }
    },
  }), { calls });
}

interface RunOptions {
  session?: Session;
  hooks?: Partial<CellHooks>;
  language?: string;
  signal?: AbortSignal;
  streamWindowMs?: number;
}

async function run(text: string, options: RunOptions = {}) {
  const tool = fakeTool();
  let stdout = '';
  let stderr = '';
  let clears = 0;
  const result = await runCell(text, {
    language: options.language ?? 'shellscript',
    session: options.session ?? new Session('/tmp', { HOME: '/home/sre', TOKEN_SECRET: 's3cr3t-value' }),
    registry: new ToolRegistry([tool]),
    signal: options.signal ?? new AbortController().signal,
    isTTY: true,
    streamWindowMs: options.streamWindowMs,
    events: { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), clear: () => ((stdout = ''), clears++) },
    hooks: { resolve: async () => undefined, confirm: async () => true, ...options.hooks },
  });
  return { result, stdout, stderr, clears, calls: tool.calls };
}

test('statements run in order; && and || follow exit codes; a failure stops the cell', async () => {
  const r = await run('fake print one && fake print two\nfake fail || fake print recovered\nfake fail\nfake print never');
  assert.equal(r.stdout, 'one\ntwo\nrecovered\n');
  assert.equal(r.stderr, 'fake: failed\nfake: failed\n');
  assert.equal(r.result.exitCode, 3);
  assert.equal(r.result.ok, false);
  assert.deepEqual(r.calls.map((c) => c[1]), ['print', 'print', 'fail', 'print', 'fail']);
});

test('pipes run through in-process filters, with the last stage giving the exit code', async () => {
  const r = await run('fake lines 9 | grep ERROR | wc -l');
  assert.equal(r.stdout, '5\n');
  const none = await run('fake lines 3 | grep NOTHING');
  assert.equal(none.stdout, '');
  assert.equal(none.result.exitCode, 1);
  const head = await run('fake lines 100 | head -n 2');
  assert.equal(head.stdout, 'line 1 ERROR\nline 2 INFO\n');
});

test('here-documents feed stdin; VAR=x prefixes reach the tool; export persists', async () => {
  const session = new Session('/tmp', {});
  const r = await run('fake stdin <<EOF\nkind: Pod\nEOF\nNS=prod fake env NS\nexport REGION=eu\nfake env REGION', { session });
  assert.equal(r.stdout, 'got: kind: Pod\nNS=prod\nREGION=eu\n');
  assert.equal(session.lookup('REGION'), 'eu');
});

test('unset variables and placeholders are asked for once, then remembered', async () => {
  const session = new Session('/tmp', {});
  const asked: string[][] = [];
  const hooks = { resolve: async (req: { variables: string[]; placeholders: string[] }) => (asked.push([...req.variables, ...req.placeholders]), { DEPLOY: 'web', '<namespace>': 'prod' }) };
  const r = await run('fake print $DEPLOY <namespace>', { session, hooks });
  assert.equal(r.stdout, 'web prod\n');
  const again = await run('fake print $DEPLOY in <namespace>', { session, hooks });
  assert.equal(again.stdout, 'web in prod\n');
  assert.deepEqual(asked, [['DEPLOY', 'namespace']]);
  assert.deepEqual(r.result.commands[0].variables, { DEPLOY: 'web', '<namespace>': 'prod' });
});

test('with no value given, the command is not run and says which values are missing', async () => {
  const r = await run('fake print $MISSING');
  assert.equal(r.calls.length, 0);
  assert.match(r.stderr, /not run: no value given for \$MISSING/);
  assert.equal(r.result.commands[0].status, 'not-run');
});

test('a state-changing command asks first; declining runs nothing', async () => {
  const requests: string[] = [];
  const declined = await run('fake scale deploy/web', { hooks: { confirm: async (req) => (requests.push(`${req.tool} ${req.action}`), false) } });
  assert.deepEqual(requests, ['fake scale deploy/web']);
  assert.equal(declined.calls.length, 0);
  assert.equal(declined.result.commands[0].status, 'declined');
  const accepted = await run('fake scale deploy/web');
  assert.equal(accepted.calls.length, 1);
  assert.deepEqual(accepted.result.commands[0].data, [{ kind: 'scaled', object: 'deployments/web', replicas: 3 }]);
});

test('programs without a native runner and local scripts are not run, and offer a terminal', async () => {
  const r = await run('helm list\n');
  assert.equal(r.result.commands[0].status, 'not-run');
  assert.match(r.result.commands[0].terminal!.reason, /helm has no native runner/);
  const script = await run('./scripts/backup/backup.sh');
  assert.match(script.result.commands[0].terminal!.reason, /local script/);
  const substitution = await run('fake print $(date)');
  assert.match(substitution.result.commands[0].terminal!.reason, /needs a shell/);
  // In a `NAME=value` prefix too: the text of `$(...)` must never reach the tool as a value.
  const prefixed = await run('TOKEN=$(cat /secret) fake print hi');
  assert.equal(prefixed.calls.length, 0);
  assert.match(prefixed.result.commands[0].terminal!.reason, /\$\(cat \/secret\) needs a shell/);
  const installed = await run('/usr/local/bin/fake print hi');
  assert.equal(installed.calls.length, 1, 'an installed copy of a native CLI (absolute path) runs natively');
  const relative = await run('./fake print hi');
  assert.equal(relative.calls.length, 0, 'a relative path may be a wrapper script: not run');
});

test('a streaming command stops when the cell is cancelled', async () => {
  const controller = new AbortController();
  setTimeout(() => controller.abort('stopped'), 60);
  const started = Date.now();
  const r = await run('fake follow', { signal: controller.signal });
  assert.ok(Date.now() - started < 1000);
  assert.match(r.stdout, /tick 1\n/);
  assert.equal(r.result.commands[0].status, 'cancelled');
});

test('inside Run All a streaming command is sampled for the window, then succeeds', async () => {
  const r = await run('fake follow', { streamWindowMs: 50 });
  assert.equal(r.result.ok, true);
  assert.equal(r.result.commands[0].sampled, true);
  assert.match(r.result.commands[0].notes![0], /Streamed for 0 s and stopped/);
});

test('watch re-runs the command, each frame replacing the last', async () => {
  const r = await run('watch -n 0.05 fake print hello', { streamWindowMs: 180 });
  assert.ok(r.clears >= 2, `only ${r.clears} frames`);
  assert.equal(r.stdout, 'Every 0.1s: fake print hello\n\nhello\n');
  assert.equal(r.result.commands[0].tool, 'fake');
  assert.equal(r.result.commands[0].sampled, true);
});

test("each command records the line of the cell's text its output began on, when its output went straight there", async () => {
  const r = await run('fake lines 3\nfake print a b; fake lines 2 | grep INFO; fake lines 2 > /dev/null; fake lines 1 2>&1\nfake lines 2');
  const lines = r.stdout.split('\n');
  assert.deepEqual(r.result.commands.map((c) => c.outputLine), [0, 3, undefined, undefined, undefined, 6]);
  assert.equal(lines[3], 'a b');
  assert.equal(lines[6], 'line 1 ERROR', 'the last command begins on the line after the piped one');
});

test('a line without its ending: the next command begins on that same line', async () => {
  const r = await run('fake nonl part; fake print rest');
  assert.equal(r.stdout, 'partrest\n');
  assert.deepEqual(r.result.commands.map((c) => c.outputLine), [0, 0]);
});

test("watch: the line counts start over with each frame, after watch's title", async () => {
  const r = await run('fake print before\nwatch -n 0.05 fake lines 2', { streamWindowMs: 120 });
  assert.ok(r.clears >= 2);
  const watched = r.result.commands[1];
  assert.equal(watched.tool, 'fake');
  assert.equal(watched.outputLine, 2, "under the title line and the blank line after it");
  assert.equal(r.stdout.split('\n')[2], 'line 1 ERROR');
});

test('secret values are masked in output and in the recorded command', async () => {
  const r = await run('fake print token=$TOKEN_SECRET');
  assert.match(r.stdout, /^token=‹secret:TOKEN_SECRET#[0-9a-f]{4}›\n$/);
  assert.doesNotMatch(JSON.stringify(r.result), /s3cr3t-value/);
  assert.equal(r.result.commands[0].variables?.TOKEN_SECRET, r.stdout.slice('token='.length, -1), 'the same secret, the same placeholder');
});

test('secret names: keys and passwords are, an access key id is not', () => {
  for (const name of ['PGPASSWORD', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'REDISCLI_AUTH', 'API_KEY']) assert.equal(isSecretName(name), true, name);
  for (const name of ['AWS_ACCESS_KEY_ID', 'PGHOST', 'KUBECONFIG']) assert.equal(isSecretName(name), false, name);
});

test('yaml and json cells have nothing to run; sql cells need the sql tool', async () => {
  const yaml = await run('a: 1', { language: 'yaml' });
  assert.deepEqual(yaml.result.commands, []);
  assert.equal(yaml.result.ok, true);
  const sql = await run('SELECT 1;', { language: 'sql' });
  assert.equal(sql.result.commands[0].status, 'not-run');
});

test('a pipeline has its strongest stage\'s effect: a tool piped into acts too', async () => {
  const registry = new ToolRegistry([fakeTool()]);
  const rows = await planCell('fake lines 3 | fake scale a\nfake lines 3 | grep x | fake lines 1', 'shellscript', registry);
  assert.deepEqual(rows.map((r) => [r.tool, r.effect, r.mutates]), [
    ['fake', 'change', true],
    ['fake', 'read', false],
  ]);
});

test('plan lists one row per command, under its first program; a program with no native runner or a script is at least a change', async () => {
  const registry = new ToolRegistry([fakeTool()]);
  const rows = await planCell('fake lines 3 | grep x\nfake scale a && helm list; ./run.sh\nwatch fake print <ns>\nexport A=1', 'shellscript', registry);
  assert.deepEqual(rows.map((r) => [r.line, r.tool, r.native, r.terminal, r.mutates, r.effect]), [
    [0, 'fake', true, false, false, 'read'],
    [1, 'fake', true, false, true, 'change'],
    [1, 'helm', false, true, true, 'change'],
    [1, './run.sh', false, true, true, 'change'],
    [2, 'fake', true, false, false, 'read'],
    [3, 'export', true, false, false, 'read'],
  ]);
  assert.deepEqual(await planCell('a: 1', 'yaml', registry), []);
  assert.deepEqual((await planCell("SELECT 1; SELECT ';';\n-- note\nSELECT 2;", 'sql', registry)).map((r) => [r.line, r.command]), [[0, 'SELECT 1;'], [0, "SELECT ';';"], [2, 'SELECT 2;']]);
});
