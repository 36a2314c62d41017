// The packaged extension in a real workbench, driven like a person would:
// install dist/runbook-notebooks.vsix into a clean extensions folder, check it
// is listed, open the sample runbook with Ctrl+P, see its cells, Run All, see
// the output, and take screenshots (.artifacts/screenshots/). Also checks that
// "Reopen Editor With…" offers the runbook notebook for a plain .md file.
//   node --import tsx test/e2e/ui-smoke.ts                        (needs the .vsix: npm run package)
//   node --import tsx test/e2e/ui-smoke.ts --product-screenshot   (with the sandbox; writes media/screenshot.png and media/verdicts.png)
//   node --import tsx test/e2e/ui-smoke.ts --verdicts-screenshot  (only media/verdicts.png: the critical scenario)
//   node --import tsx test/e2e/ui-smoke.ts --health-screenshot    (only media/health.png: the Runbook Health view, warning scenario)

import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, type HeadlessBrowser } from './browser';
import { codeServerCli, serverDirs, startCodeServer, type CodeServer } from './codeServer';
import { closingLine, Steps, type CheckResult } from './results';
import { EXTENSION_ID, PROJECT_ROOT, SCREENSHOTS_DIR, VSIX, artifactsDir, ensureTools } from './tools';

const PLAIN_MD = '# Plain notes\n\nSome steps we keep in an ordinary Markdown file:\n\n1. Nodes:\n   ```bash\n   kubectl get nodes\n   ```\n';

export interface UiSmokeOptions {
  log?: (line: string) => void;
}

export async function runUiSmoke(options: UiSmokeOptions = {}): Promise<{ results: CheckResult[]; timings: Record<string, number> }> {
  const log = options.log ?? console.log;
  const steps = new Steps('packaged extension (ui)', log);
  const timings: Record<string, number> = {};
  const t0 = Date.now();
  const dirs = serverDirs(artifactsDir('code-server'), 'vsix');
  const workspace = mkdtempSync(join(artifactsDir('e2e-workspaces'), 'ui-'));
  cpSync(join(PROJECT_ROOT, 'notebooks'), workspace, { recursive: true });
  writeFileSync(join(workspace, 'plain-notes.md'), PLAIN_MD);
  let server: CodeServer | undefined;
  let browser: HeadlessBrowser | undefined;
  let page: Page | undefined;
  try {
    await steps.step('the .vsix installs into a clean extensions folder and is listed', async () => {
      if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: run npm run package`);
      codeServerCli(dirs, ['--install-extension', VSIX]);
      const listed = codeServerCli(dirs, ['--list-extensions', '--show-versions']);
      if (!listed.split('\n').some((l) => l.trim().startsWith(`${EXTENSION_ID}@`))) throw new Error(`${EXTENSION_ID} is not listed:\n${listed}`);
      timings.installMs = Date.now() - t0;
    });
    await steps.step('the workbench loads', async () => {
      server = await startCodeServer({ name: 'vsix', dirs, folder: workspace });
      browser = await launchBrowser();
      page = await browser.newPage();
      await page.goto(server.workbenchUrl(workspace));
      await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
      await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60_000 }).catch(() => undefined);
      timings.workbenchMs = Date.now() - t0;
    });
    await steps.step('Ctrl+P opens the sample runbook as a notebook with code cells', async () => {
      await quickOpen(page!, 'scaling-playbook.runbook.md');
      await page!.locator('.notebook-editor .code-cell-row').first().waitFor({ state: 'visible', timeout: 120_000 });
      timings.notebookMs = Date.now() - t0;
      await shot(page!, '01-runbook-notebook.png');
    });
    await steps.step('Run All runs the cells in order and the failed step shows its output', async () => {
      const started = Date.now();
      await page!.locator('.notebook-toolbar-container a.action-label[aria-label^="Run All"]').first().click({ timeout: 30_000 });
      await pickControllerIfAsked(page!);
      // Run All stops at the first step that does not succeed. Its row is far down
      // (rows off screen are not rendered): reveal it with "Go to Most Recently Failed Cell".
      await page!.locator('.notebook-toolbar-container a.action-label.codicon-notebook-state-error').first().waitFor({ timeout: 90_000 });
      const output = await waitForOutputText(page!, 60_000, () => runCommand(page!, 'Go to Most Recently Failed Cell').catch(() => undefined));
      timings.runAllToOutputMs = Date.now() - started;
      log(`          output shown: ${JSON.stringify(output.slice(0, 160))}`);
      await page!.mouse.move(900, 880);
      await page!.waitForTimeout(800);
      await shot(page!, '02-run-all-output.png');
    });
    await steps.step('"Reopen Editor With…" offers Runbook Notebook for a plain .md file', async () => {
      await quickOpen(page!, 'plain-notes.md');
      await page!.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 30_000 });
      await runCommand(page!, 'Reopen Editor With...');
      const rows = page!.locator('.quick-input-widget .quick-input-list .monaco-list-row');
      await rows.first().waitFor({ timeout: 30_000 });
      await page!.waitForTimeout(300);
      const labels = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      await shot(page!, '03-reopen-with.png');
      const runbook = labels.findIndex((l) => l.includes('Runbook Notebook'));
      if (runbook < 0) {
        await page!.keyboard.press('Escape');
        throw new Error(`"Runbook Notebook" is not offered for a plain .md file; the choices were: ${labels.join(' | ')}`);
      }
      await rows.nth(runbook).click();
      await page!.locator('.notebook-editor .code-cell-row').first().waitFor({ state: 'visible', timeout: 60_000 });
    });
  } finally {
    if (page) await shot(page, 'ui-last.png').catch(() => undefined);
    await browser?.close();
    if (server) await server.stop();
    else rmSync(dirs.dir, { recursive: true, force: true });
    rmSync(workspace, { recursive: true, force: true });
  }
  timings.totalMs = Date.now() - t0;
  return { results: steps.results, timings };
}

/**
 * The screenshot for media/screenshot.png: the packaged extension against the
 * sandbox (test/sandbox), the sample runbook's first kubectl step run for real.
 */
export async function captureProductScreenshot(options: UiSmokeOptions = {}): Promise<{ results: CheckResult[]; file?: string }> {
  return captureStep({
    ...options,
    title: 'product screenshot',
    check: 'the first kubectl step of the sample runs against the sandbox and shows its output',
    name: 'product',
    media: 'screenshot.png',
  });
}

/**
 * The screenshot for media/verdicts.png: the same step against the sandbox in
 * the critical scenario: the breaching row highlighted, the verdicts under the
 * output, the cell's verdict in its status bar and the runbook's summary.
 */
export async function captureVerdictsScreenshot(options: UiSmokeOptions = {}): Promise<{ results: CheckResult[]; file?: string }> {
  const { SCENARIOS } = await import('../sandbox/index');
  return captureStep({
    ...options,
    title: 'verdicts screenshot',
    check: 'the first kubectl step in the critical scenario shows a highlighted breach and its verdicts',
    name: 'verdicts',
    media: 'verdicts.png',
    scenario: SCENARIOS.critical,
    services: ['kube'],
    scroll: 60,
    expect: async (page) => {
      const rows = await outputFrameTexts(page, '.runbook-row-critical, .runbook-row-warning');
      if (rows.length === 0) throw new Error('no highlighted row in the output');
      const verdicts = await outputFrameTexts(page, '.runbook-verdict');
      if (verdicts.length === 0) throw new Error('no verdict lines under the output');
      return `highlighted: ${JSON.stringify(rows)}; verdicts: ${JSON.stringify(verdicts)}`;
    },
  });
}

export async function captureHealthScreenshot(options: UiSmokeOptions = {}): Promise<{ results: CheckResult[]; file?: string }> {
  const { SCENARIOS } = await import('../sandbox/index');
  const tree = '.pane-body .monaco-list-row';
  return captureStep({
    ...options,
    title: 'health screenshot',
    check: 'the Runbook Health view shows the sandbox judged by the sample runbook, in the warning scenario',
    name: 'health',
    media: 'health.png',
    scenario: SCENARIOS.warning,
    drive: async (page) => {
      await runCommand(page, 'Focus on Runbook Health View');
      await page.locator(tree, { hasText: 'deployment/tiktok-toe' }).first().waitFor({ timeout: 90_000 });
      // A wider side bar, so the labels and verdicts show whole: drag its edge.
      const bar = await page.locator('.part.sidebar').boundingBox();
      if (bar) {
        const y = bar.y + bar.height / 2;
        await page.mouse.move(bar.x + bar.width + 1, y);
        await page.mouse.down();
        await page.mouse.move(bar.x + 560, y, { steps: 10 });
        await page.mouse.up();
      }
    },
    expect: async (page) => {
      const rows = await page.locator(tree).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''));
      const health = rows.filter((r) => /deployment\/tiktok-toe|Application Servers\/|Database\/|Cache\//.test(r));
      if (!health.some((r) => /Application Servers\/cpu/.test(r))) throw new Error(`no Application Servers thresholds in the view: ${JSON.stringify(rows)}`);
      return `rows: ${JSON.stringify(health)}`;
    },
  });
}

interface StepScreenshot extends UiSmokeOptions {
  title: string;
  check: string;
  /** Screenshot and code-server names. */
  name: string;
  /** File name in media/. */
  media: string;
  scenario?: import('../sandbox/index').Scenario;
  services?: import('../sandbox/index').ServiceName[];
  /** Checks the shown output before the screenshot; returns what it saw. */
  expect?: (page: Page) => Promise<string>;
  /** Pixels to scroll the notebook down before the screenshot (to show the end of the output). */
  scroll?: number;
  /** What to do once the runbook is open; by default its `kubectl get hpa` step runs and its output shows. */
  drive?: (page: Page) => Promise<void>;
}

async function captureStep(options: StepScreenshot): Promise<{ results: CheckResult[]; file?: string }> {
  const log = options.log ?? console.log;
  const steps = new Steps(options.title, log);
  const { startSandbox } = await import('../sandbox/index');
  const sandbox = await startSandbox({ quiet: true, scenario: options.scenario, services: options.services });
  const dirs = serverDirs(artifactsDir('code-server'), options.name);
  const workspaceParent = mkdtempSync(join(artifactsDir('e2e-workspaces'), `${options.name}-`));
  const workspace = join(workspaceParent, 'runbooks'); // the folder name the screenshot shows
  cpSync(join(PROJECT_ROOT, 'notebooks'), workspace, { recursive: true });
  mkdirSync(join(workspace, '.vscode'));
  // RUNBOOK_E2E_THEME (e.g. "Default Dark Modern", "Default High Contrast") checks another theme: .artifacts only, media/ is left alone.
  const theme = process.env.RUNBOOK_E2E_THEME;
  writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'runbook.envFile': sandbox.envFilePath, ...(theme ? { 'workbench.colorTheme': theme } : {}) }, null, 2));
  let server: CodeServer | undefined;
  let browser: HeadlessBrowser | undefined;
  let file: string | undefined;
  try {
    await steps.step(`${options.check}${theme ? ` (${theme})` : ''}`, async () => {
      codeServerCli(dirs, ['--install-extension', VSIX]);
      server = await startCodeServer({ name: options.name, dirs, folder: workspace });
      browser = await launchBrowser();
      const page = await browser.newPage();
      await page.goto(server.workbenchUrl(workspace));
      await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
      await quickOpen(page, 'scaling-playbook.runbook.md');
      await page.locator('.notebook-editor .code-cell-row').first().waitFor({ state: 'visible', timeout: 120_000 });
      if (options.drive) await options.drive(page);
      else await runHpaStep(page, log);
      if (options.expect) {
        const seen = await waitForExpectation(page, options.expect, 30_000);
        log(`          ${seen.slice(0, 400)}`);
      }
      if (options.scroll) {
        await page.mouse.move(900, 500);
        await page.mouse.wheel(0, options.scroll);
      }
      await page.mouse.move(900, 880);
      await page.waitForTimeout(1500);
      file = await shot(page, theme ? `${options.name}-${theme.replace(/\W+/g, '-').toLowerCase()}.png` : `${options.name}.png`);
      if (!theme) copyFileSync(file, join(PROJECT_ROOT, 'media', options.media));
    });
  } finally {
    await browser?.close();
    if (server) await server.stop();
    else rmSync(dirs.dir, { recursive: true, force: true });
    await sandbox.stop();
    rmSync(workspaceParent, { recursive: true, force: true });
  }
  return { results: steps.results, file };
}

/** Text of the elements matching `selector` in every notebook output webview. */
async function outputFrameTexts(page: Page, selector: string): Promise<string[]> {
  const texts: string[] = [];
  for (const frame of page.frames().filter((f) => f.url().includes('/contrib/webview/'))) {
    const found = await frame.evaluate((sel) => Array.from(document.querySelectorAll(sel)).map((e) => e.textContent ?? ''), selector).catch(() => [] as string[]);
    texts.push(...found);
  }
  return texts;
}

/** Runs the sample's `kubectl get hpa` step and waits for its output. */
async function runHpaStep(page: Page, log: (line: string) => void): Promise<void> {
  // Go to Symbol lists a notebook's cells: it reveals and focuses the step.
  await page.keyboard.press('Control+Shift+O');
  await page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'visible', timeout: 30_000 });
  await page.keyboard.type('kubectl get hpa');
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'kubectl get hpa' }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  await runCommand(page, 'Notebook: Execute Cell');
  const output = await waitForOutputText(page, 60_000);
  log(`          output shown: ${JSON.stringify(output.slice(0, 160))}`);
}

async function waitForExpectation(page: Page, expect: (page: Page) => Promise<string>, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await expect(page);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await page.waitForTimeout(1000);
    }
  }
}

export async function shot(page: Page, name: string): Promise<string> {
  const file = join(artifactsDir('screenshots'), name);
  await page.screenshot({ path: file });
  return file;
}

/** Ctrl+P, type a file name, open the first match. */
export async function quickOpen(page: Page, fileName: string): Promise<void> {
  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 5 } }).catch(() => undefined);
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 30_000 });
  await input.fill(fileName);
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: fileName }).first().waitFor({ timeout: 60_000 });
  await page.keyboard.press('Enter');
}

/** F1, type a command's title, run the command with exactly that title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 30_000 });
  await input.fill(`>${title}`);
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  await rows.filter({ hasText: title }).first().waitFor({ timeout: 30_000 });
  const labels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  const exact = labels.findIndex((l) => l === title || l.endsWith(`: ${title}`) || l.startsWith(`${title},`) || l.includes(`: ${title},`));
  if (exact < 0) throw new Error(`no command titled "${title}" among: ${labels.join(' | ')}`);
  await rows.nth(exact).click();
}

/** When the workbench asks which controller to use, picks ours. */
async function pickControllerIfAsked(page: Page): Promise<void> {
  const ours = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Runbook (native clients)' });
  try {
    await ours.first().waitFor({ state: 'visible', timeout: 3000 });
    await ours.first().click();
  } catch {
    // no picker: the only controller was selected by itself
  }
}

/** The text of the first notebook output webview that shows something. */
async function waitForOutputText(page: Page, timeoutMs: number, nudge?: () => Promise<unknown>): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  const webviews = () => page.frames().filter((f) => f.url().includes('/contrib/webview/'));
  while (Date.now() < deadline) {
    await nudge?.();
    for (const frame of webviews()) {
      const text = await frame.evaluate(() => document.body?.innerText.trim() ?? '').catch(() => '');
      if (text) return text;
    }
    await page.waitForTimeout(1500);
  }
  throw new Error(`no notebook output appeared within ${timeoutMs / 1000} s (${webviews().length} webview frames)`);
}

if (require.main === module) {
  ensureTools();
  const product = process.argv.includes('--product-screenshot');
  const verdicts = process.argv.includes('--verdicts-screenshot');
  const health = process.argv.includes('--health-screenshot');
  const screenshots = async () => {
    const results = product ? (await captureProductScreenshot()).results : [];
    if (product || verdicts) results.push(...(await captureVerdictsScreenshot()).results);
    if (health) results.push(...(await captureHealthScreenshot()).results);
    return { results, timings: {} };
  };
  (product || verdicts || health ? screenshots() : runUiSmoke())
    .then(({ results, timings }) => {
      console.log(`timings: ${JSON.stringify(timings)}`);
      console.log(`screenshots: ${SCREENSHOTS_DIR}`);
      console.log(closingLine(results));
      process.exit(results.some((r) => r.state !== 'passed') ? 1 : 0);
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
