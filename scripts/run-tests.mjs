// Runs one group of tests with Node's built-in runner (TypeScript through tsx).
//   unit:        test/**/*.test.ts that are not integration tests (no servers)
//   integration: test/**/*.integration.test.ts (real servers; see test/sandbox):
//                starts the sandbox once (test/sandbox/main.ts), passes its env
//                file's settings to the tests, and stops it at the end, also
//                on failure or Ctrl-C
//   all:         every test file in one run, with the sandbox started for it
//                (one closing summary for the whole suite)
// Extra arguments keep only the test files whose path contains one of them:
//   node scripts/run-tests.mjs integration services
// SANDBOX_SCENARIO picks the integration sandbox's scenario (default normal).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawn } from 'node:child_process';

const [group = 'unit', ...filters] = process.argv.slice(2);
const root = new URL('..', import.meta.url).pathname;
const SANDBOX_START_TIMEOUT_MS = 120_000;

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'e2e') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

function testFiles(kind) {
  return walk(join(root, 'test'))
    .filter((f) => f.endsWith('.test.ts'))
    .filter((f) => (kind === 'integration' ? f.endsWith('.integration.test.ts') : !f.endsWith('.integration.test.ts')))
    .map((f) => relative(root, f))
    .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
    .sort();
}

/** What a child is doing, so a signal can end it and wait for it. */
const running = new Set();

function run(command, args, options) {
  const child = spawn(command, args, { cwd: root, ...options });
  const done = new Promise((resolve) => {
    child.once('error', (err) => {
      console.error(`run-tests: ${command}: ${err.message}`);
      resolve(1);
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  const entry = { child, done };
  running.add(entry);
  done.finally(() => running.delete(entry));
  return entry;
}

function runNodeTests(files, env) {
  return run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
    stdio: 'inherit',
    env,
  }).done;
}

// Reads the sandbox's env file: `export NAME='value'` lines (see test/sandbox/envfile.ts).
function parseEnvFile(text) {
  const env = {};
  for (const raw of text.split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(raw);
    if (!m || raw.trim().startsWith('#')) continue;
    let value = '';
    const part = /'([^']*)'|\\(.)|([^'\\]+)/g;
    for (let p = part.exec(m[2]); p; p = part.exec(m[2])) value += p[1] ?? p[2] ?? p[3] ?? '';
    env[m[1]] = value;
  }
  return env;
}

function prefixLines(stream, prefix) {
  let buf = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    buf += chunk;
    const lines = buf.split('\n');
    buf = lines.pop();
    for (const line of lines) process.stderr.write(`${prefix}${line}\n`);
  });
  stream.on('end', () => {
    if (buf) process.stderr.write(`${prefix}${buf}\n`);
  });
}

/** Starts test/sandbox/main.ts and waits for its env file. */
async function startSandbox() {
  const tmp = mkdtempSync(join(tmpdir(), 'runbook-tests-'));
  const envFile = join(tmp, 'env');
  const t0 = Date.now();
  const entry = run(process.execPath, ['--import', 'tsx', 'test/sandbox/main.ts'], {
    // Own process group: a terminal's Ctrl-C reaches only us, and we stop it in order.
    detached: true,
    // stdin stays open while we live; if we die without a word, it closes and the sandbox stops.
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, SANDBOX_ENV_FILE: envFile, SANDBOX_EXIT_WITH_STDIN: '1' },
  });
  prefixLines(entry.child.stdout, '[sandbox] ');
  prefixLines(entry.child.stderr, '[sandbox] ');
  let exited = false;
  entry.done.then(() => (exited = true));

  let stopping;
  const stop = () => (stopping ??= stopSandbox());
  const stopSandbox = async () => {
    if (!exited) {
      try {
        process.kill(entry.child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const late = setTimeout(() => {
        try {
          process.kill(-entry.child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 20_000);
      await entry.done;
      clearTimeout(late);
    }
    rmSync(tmp, { recursive: true, force: true });
  };

  while (!existsSync(envFile)) {
    if (exited) {
      await stop();
      throw new Error('the sandbox exited before it was ready (its output is above)');
    }
    if (Date.now() - t0 > SANDBOX_START_TIMEOUT_MS) {
      await stop();
      throw new Error(`the sandbox was not ready after ${SANDBOX_START_TIMEOUT_MS / 1000}s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const env = parseEnvFile(readFileSync(envFile, 'utf8'));
  console.error(`run-tests: sandbox ready in ${((Date.now() - t0) / 1000).toFixed(1)}s (scenario ${env.SANDBOX_SCENARIO})`);
  return { env, envFile, stop, child: entry.child };
}

let sandbox;
let interrupted = false;
async function onSignal(signal) {
  if (interrupted) return;
  interrupted = true;
  console.error(`\nrun-tests: ${signal}, stopping tests and sandbox`);
  for (const { child } of running) {
    if (child !== sandbox?.child) {
      try {
        child.kill(signal);
      } catch {
        // already gone
      }
    }
  }
  await sandbox?.stop();
  process.exit(130);
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

/** unit: no servers. integration and all: one sandbox for the run, one node --test over every file. */
async function runGroup(kind) {
  const files = kind === 'all' ? [...testFiles('unit'), ...testFiles('integration')] : testFiles(kind);
  if (files.length === 0) {
    console.log(`no ${kind} tests found`);
    return 0;
  }
  if (kind === 'unit') return runNodeTests(files, process.env);
  try {
    sandbox = await startSandbox();
  } catch (err) {
    console.error(`run-tests: ${err.message}`);
    return 1;
  }
  try {
    return await runNodeTests(files, { ...process.env, ...sandbox.env, RUNBOOK_SANDBOX_ENV_FILE: sandbox.envFile });
  } finally {
    await sandbox.stop();
    sandbox = undefined;
  }
}

if (!['unit', 'integration', 'all'].includes(group)) {
  console.error(`run-tests: unknown group ${group}; use unit, integration or all`);
  process.exit(2);
}
process.exit(await runGroup(group));
