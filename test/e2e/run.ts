// Everything that runs in a real VS Code, in one command:
//   1. the tools (scripts/e2e-tools.sh, only when missing)
//   2. the bundles (scripts/build.mjs) and the extension-host test bundle
//   3. extension-host tests in a trusted window, then in an untrusted one
//   4. the packaged .vsix (npm run package): installed, listed, and driven in
//      the workbench (ui-smoke.ts), with screenshots; then inline commands run
//      from a rendered Markdown cell's ▶ against the sandbox (ui-inline.ts)
// It prints every check, the times of each part, the measured activation
// time, and closes with `N passed, N failed`; it exits non-zero on any failure.
// No process it started is left behind (checked, and killed if found).
//   node --import tsx test/e2e/run.ts [--no-host] [--no-ui] [--host-suites=verdicts,trusted,untrusted,health]

import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { bundleHostTests, runHostTests, type HostRun } from './hostTests';
import { killProcessesOfRun, RUN_TOKEN_VAR } from './processes';
import { closingLine, printResult, type CheckResult } from './results';
import { runInlineUi } from './ui-inline';
import { runUiSmoke } from './ui-smoke';
import { SCENARIOS, startSandbox, type Sandbox, type SandboxOptions, type ServiceName } from '../sandbox/index';
import { PROJECT_ROOT, SCREENSHOTS_DIR, ensureTools } from './tools';

const args = new Set(process.argv.slice(2));
/** The extension-host windows to run (all by default). */
const hostSuites = new Set((process.argv.find((a) => a.startsWith('--host-suites='))?.slice('--host-suites='.length) ?? 'trusted,untrusted,verdicts,health').split(','));
const results: CheckResult[] = [];
const timings: [string, number][] = [];
const facts: string[] = [];

function add(result: CheckResult): void {
  results.push(result);
  printResult(result);
}

async function part<T>(name: string, body: () => Promise<T> | T): Promise<T | undefined> {
  console.log(`\ne2e: ${name}`);
  const started = Date.now();
  try {
    return await body();
  } catch (error) {
    add({ title: name, state: 'failed', durationMs: Date.now() - started, error: (error as Error).stack ?? String(error) });
    return undefined;
  } finally {
    timings.push([name, Date.now() - started]);
  }
}

function run(command: string, argv: string[]): void {
  const result = spawnSync(command, argv, { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${argv.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

function addHostRun(hostRun: HostRun): void {
  for (const test of hostRun.report?.tests ?? []) add({ title: `extension host (${hostRun.suite}): ${test.title}`, state: test.state, durationMs: test.durationMs, error: test.error });
  const loaded = hostRun.report?.tests.length ?? 0;
  if (hostRun.error || !hostRun.report?.finished || loaded === 0) {
    add({ title: `extension host (${hostRun.suite}): the suite ran to the end`, state: 'failed', durationMs: hostRun.timings.totalMs ?? 0, error: hostRun.error ?? `exit code ${hostRun.exitCode}` });
  }
  const notes = hostRun.report?.notes ?? {};
  if (notes.activationMs !== undefined) facts.push(`activation: ${notes.activationMs} ms from opening the first runbook (notebook ready after ${notes.firstOpenMs} ms), VS Code ${notes.vscodeVersion}`);
  if (notes.untrustedRun) facts.push(`untrusted run: ${notes.untrustedRun}`);
  facts.push(`${hostRun.suite} window: server ready ${hostRun.timings.serverReadyMs} ms, whole run ${hostRun.timings.totalMs} ms`);
}

/** Runs `body` with the sandbox's kube and postgres up (or the given services and scenario), and always stops them. */
async function withSandbox<T>(body: (sandbox: Sandbox) => Promise<T>, options: SandboxOptions = { services: ['kube', 'postgres'] }): Promise<T> {
  const started = Date.now();
  const sandbox = await startSandbox({ ...options, quiet: true });
  facts.push(`sandbox (${options.services?.join(', ') ?? 'all'}; ${sandbox.scenario.name}): ready in ${Date.now() - started} ms`);
  try {
    return await body(sandbox);
  } finally {
    await sandbox.stop();
  }
}

const VERDICTS_SERVICES: ServiceName[] = ['kube', 'https'];
const HEALTH_SERVICES: ServiceName[] = ['kube', 'postgres', 'redis', 'https', 's3'];

/** What a window's tests need to know of its sandbox: the scenario and the services running. */
function sandboxEnv(sandbox: Sandbox, services: readonly ServiceName[]): Record<string, string> {
  return { RUNBOOK_E2E_SCENARIO: sandbox.scenario.name, RUNBOOK_E2E_SERVICES: services.join(',') };
}

async function main(): Promise<void> {
  const token = randomBytes(6).toString('hex');
  process.env[RUN_TOKEN_VAR] = token;
  const started = Date.now();

  await part('tools (scripts/e2e-tools.sh when missing)', () => ensureTools());
  if (results.length === 0) await part('build (scripts/build.mjs)', () => run(process.execPath, ['scripts/build.mjs']));
  const ready = results.length === 0;

  if (ready && !args.has('--no-host')) {
    await part('bundle the extension-host tests', () => bundleHostTests());
    // The trusted window runs cells against the sandbox (kube + postgres), named by runbook.envFile.
    const trusted = hostSuites.has('trusted')
      ? await part('extension-host tests, trusted folder (with the sandbox)', () =>
          withSandbox((sandbox) => runHostTests('trusted', { settings: { 'runbook.envFile': sandbox.envFilePath }, env: { RUNBOOK_E2E_SANDBOX: '1', ...sandboxEnv(sandbox, ['kube', 'postgres']) } })),
        )
      : undefined;
    if (trusted) addHostRun(trusted);
    // Thresholds and verdicts: a trusted window against a sandbox whose load crosses every critical level.
    const verdicts = hostSuites.has('verdicts')
      ? await part('extension-host tests, verdicts (sandbox in the critical scenario)', () =>
          withSandbox((sandbox) => runHostTests('verdicts', { settings: { 'runbook.envFile': sandbox.envFilePath }, env: sandboxEnv(sandbox, VERDICTS_SERVICES) }), { services: VERDICTS_SERVICES, scenario: SCENARIOS.critical }),
        )
      : undefined;
    if (verdicts) addHostRun(verdicts);
    // The health view over every source the sample names, in the warning scenario (the other two windows have normal and critical).
    const health = hostSuites.has('health')
      ? await part('extension-host tests, health view (sandbox in the warning scenario)', () =>
          withSandbox((sandbox) => runHostTests('health', { settings: { 'runbook.envFile': sandbox.envFilePath }, env: sandboxEnv(sandbox, HEALTH_SERVICES) }), { services: HEALTH_SERVICES, scenario: SCENARIOS.warning }),
        )
      : undefined;
    if (health) addHostRun(health);
    const untrusted = hostSuites.has('untrusted') ? await part('extension-host tests, untrusted folder', () => runHostTests('untrusted')) : undefined;
    if (untrusted) {
      addHostRun(untrusted);
      const asked = untrusted.dialogs.find((d) => /trust the authors/i.test(d));
      add({
        title: 'extension host (untrusted): the workbench asks for Workspace Trust before a cell runs',
        state: asked ? 'passed' : 'failed',
        durationMs: 0,
        error: asked ? undefined : `no trust prompt was requested; dialogs: ${JSON.stringify(untrusted.dialogs)}`,
      });
    }
  }

  if (ready && !args.has('--no-ui')) {
    const failuresBefore = results.length;
    await part('package the .vsix (npm run package)', () => run('npm', ['run', '--silent', 'package']));
    if (results.length === failuresBefore) {
      const ui = await part('packaged .vsix in the workbench (ui-smoke)', () => runUiSmoke());
      for (const result of ui?.results ?? []) results.push(result);
      if (ui) facts.push(`ui: ${JSON.stringify(ui.timings)}; screenshots in ${SCREENSHOTS_DIR}`);
      const inline = await part('inline commands in the workbench (ui-inline, with the sandbox)', () => runInlineUi());
      for (const result of inline?.results ?? []) results.push(result);
      if (inline) facts.push(`ui inline: ${JSON.stringify(inline.timings)}`);
    }
  }

  const left = killProcessesOfRun(token);
  add({
    title: 'no code-server, Chromium or Node process of this run is left behind',
    state: left.length === 0 ? 'passed' : 'failed',
    durationMs: 0,
    error: left.length ? `killed ${left.length} leftover process(es):\n${left.map((p) => `${p.pid} (parent ${p.ppid}) ${p.command}`).join('\n')}` : undefined,
  });

  console.log('\ne2e: times');
  for (const [name, ms] of timings) console.log(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${name}`);
  console.log(`  ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  total`);
  for (const fact of facts) console.log(`  ${fact}`);
  const failed = results.filter((r) => r.state === 'failed');
  if (failed.length) {
    console.log('\ne2e: failed');
    for (const r of failed) console.log(`  ${r.title}`);
  }
  console.log(closingLine(results));
  process.exitCode = failed.length || results.length === 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  console.log(closingLine([...results, { title: 'e2e runner', state: 'failed', durationMs: 0 }]));
  process.exitCode = 1;
});
