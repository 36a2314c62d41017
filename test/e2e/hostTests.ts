// Runs the mocha suites of test/e2e/host inside a real VS Code extension host:
// code-server with the smoke-test driver, the development extension and the
// bundled tests passed through the workbench URL's payload, in headless Chromium.
// Outcomes come back through a JSON file the tests write (see host/report.ts).

import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { launchBrowser, type HeadlessBrowser } from './browser';
import { startCodeServer } from './codeServer';
import type { HostReport } from './host/report';
import { PROJECT_ROOT, artifactsDir } from './tools';

export type HostSuite = 'trusted' | 'untrusted' | 'verdicts' | 'health';

export interface HostRun {
  suite: HostSuite;
  report: HostReport | undefined;
  exitCode: number | undefined;
  /** Texts of the modal dialogs the workbench tried to show (refused under the smoke-test driver). */
  dialogs: string[];
  timings: Record<string, number>;
  error?: string;
}

const BUNDLE_DIR = join(PROJECT_ROOT, '.artifacts', 'e2e-out');

/** Bundles the extension-host tests (vscode and mocha stay external; mocha loads from node_modules). */
export async function bundleHostTests(): Promise<string> {
  const outfile = join(BUNDLE_DIR, 'index.js');
  await esbuild.build({
    entryPoints: [join(PROJECT_ROOT, 'test', 'e2e', 'host', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  await esbuild.stop(); // its service process would otherwise live as long as we do
  return outfile;
}

/** A fresh workspace folder holding a copy of notebooks/ (tests never touch the repository's files). */
function makeWorkspace(suite: HostSuite, settings?: Record<string, unknown>): string {
  const dir = mkdtempSync(join(artifactsDir('e2e-workspaces'), `${suite}-`));
  cpSync(join(PROJECT_ROOT, 'notebooks'), dir, { recursive: true });
  if (settings) {
    mkdirSync(join(dir, '.vscode'), { recursive: true });
    writeFileSync(join(dir, '.vscode', 'settings.json'), JSON.stringify(settings, null, 2));
  }
  return dir;
}

export interface HostTestOptions {
  log?: (line: string) => void;
  timeoutMs?: number;
  verbose?: boolean;
  /** Workspace settings for the throw-away folder (`.vscode/settings.json`). */
  settings?: Record<string, unknown>;
  /** Extra environment for code-server and so the tests (e.g. RUNBOOK_E2E_SANDBOX=1 when a sandbox runs). */
  env?: Record<string, string>;
}

export async function runHostTests(suite: HostSuite, options: HostTestOptions = {}): Promise<HostRun> {
  const log = options.log ?? ((line: string) => console.log(line));
  const verbose = options.verbose ?? process.env.RUNBOOK_E2E_VERBOSE === '1';
  const hostLog: string[] = [];
  const timings: Record<string, number> = {};
  const t0 = Date.now();
  const bundle = join(BUNDLE_DIR, 'index.js');
  if (!existsSync(bundle)) await bundleHostTests();
  if (!existsSync(join(PROJECT_ROOT, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run node scripts/build.mjs');

  const workspace = makeWorkspace(suite, options.settings);
  const resultsFile = join(workspace, '..', `${suite}-results-${process.pid}.json`);
  rmSync(resultsFile, { force: true });
  const run: HostRun = { suite, report: undefined, exitCode: undefined, dialogs: [], timings };
  const server = await startCodeServer({
    name: `host-${suite}`,
    folder: workspace,
    trusted: suite !== 'untrusted',
    smokeTestDriver: true,
    env: { ...options.env, RUNBOOK_E2E_SUITE: suite, RUNBOOK_E2E_RESULTS: resultsFile },
  });
  timings.serverReadyMs = Date.now() - t0;
  let browser: HeadlessBrowser | undefined;
  try {
    browser = await launchBrowser();
    const page = await browser.newPage();
    const exited = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    await page.exposeFunction('codeAutomationLog', (level: string, message: string) => {
      const text = String(message);
      // Under the smoke-test driver the workbench refuses modal dialogs and logs their text.
      const dialog = /refused to show dialog in tests\. Contents: ([^\n]*?)(: Error:|$)/m.exec(text);
      if (dialog?.[1] && !run.dialogs.includes(dialog[1])) run.dialogs.push(dialog[1]);
      hostLog.push(`[${level}] ${text}`);
      if (verbose || /^\s*(ok|FAIL)\s|passed, \d+ failed|^activation:/m.test(text)) {
        for (const line of text.split('\n')) if (line.trim()) log(`    ${suite}: ${line}`);
      }
    });
    const payload: [string, string][] = [
      ['extensionDevelopmentPath', server.remoteUri(PROJECT_ROOT)],
      ['extensionTestsPath', server.remoteUri(bundle)],
    ];
    await page.goto(server.workbenchUrl(workspace, payload));
    const timeoutMs = options.timeoutMs ?? 360_000;
    let endWait: () => void = () => undefined;
    const timedOut = new Promise<undefined>((resolve) => (endWait = () => resolve(undefined)));
    const timer = setTimeout(() => endWait(), timeoutMs);
    const outcome = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    timings.totalMs = Date.now() - t0;
    run.exitCode = outcome;
    if (outcome === undefined) {
      run.error = `the extension-host tests did not finish within ${timeoutMs / 1000} s`;
      await page.screenshot({ path: join(artifactsDir('screenshots'), `host-${suite}-timeout.png`) }).catch(() => undefined);
    }
    if (existsSync(resultsFile)) run.report = JSON.parse(readFileSync(resultsFile, 'utf8')) as HostReport;
    else run.error ??= 'the tests wrote no results (did the extension host load them?)';
  } catch (error) {
    run.error = (error as Error).stack ?? String(error);
  } finally {
    writeFileSync(join(artifactsDir('e2e-logs'), `host-${suite}-workbench.log`), hostLog.join('\n') + '\n');
    await browser?.close();
    await server.stop();
    rmSync(workspace, { recursive: true, force: true });
    rmSync(resultsFile, { force: true });
  }
  return run;
}
