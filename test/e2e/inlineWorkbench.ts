// The packaged extension in the workbench against the sandbox, with runbooks
// written into a trusted throw-away folder, and the ▶ that the inline-command
// renderer adds in rendered Markdown cells: found, clicked, and the output it
// shows below its paragraph read back. Used by the inline UI test
// (ui-inline.ts) and the media/inline.png script.

import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { launchBrowser, type HeadlessBrowser } from './browser';
import { codeServerCli, serverDirs, startCodeServer, type CodeServer } from './codeServer';
import { artifactsDir, VSIX } from './tools';
import type { Sandbox } from '../sandbox/index';

export interface InlineWorkbench {
  page: Page;
  /** The folder the workbench has open. */
  workspace: string;
  sandbox: Sandbox;
  stop(): Promise<void>;
}

/** Starts the sandbox (kube), installs the .vsix, writes `files` (name → text, or a path to copy) into a folder named `folderName`, and opens it. */
export async function startInlineWorkbench(name: string, folderName: string, files: Record<string, { text: string } | { copyOf: string }>): Promise<InlineWorkbench> {
  const { startSandbox } = await import('../sandbox/index');
  const sandbox = await startSandbox({ quiet: true, services: ['kube'] });
  const dirs = serverDirs(artifactsDir('code-server'), name);
  const parent = mkdtempSync(join(artifactsDir('e2e-workspaces'), `${name}-`));
  const workspace = join(parent, folderName);
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'runbook.envFile': sandbox.envFilePath }, null, 2));
  for (const [file, content] of Object.entries(files)) {
    if ('text' in content) writeFileSync(join(workspace, file), content.text);
    else cpSync(content.copyOf, join(workspace, file));
  }
  let server: CodeServer | undefined;
  let browser: HeadlessBrowser | undefined;
  const stop = async () => {
    await browser?.close();
    if (server) await server.stop();
    else rmSync(dirs.dir, { recursive: true, force: true });
    await sandbox.stop();
    rmSync(parent, { recursive: true, force: true });
  };
  try {
    codeServerCli(dirs, ['--install-extension', VSIX]);
    server = await startCodeServer({ name, dirs, folder: workspace });
    browser = await launchBrowser();
    const page = await browser.newPage();
    await page.goto(server.workbenchUrl(workspace));
    await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
    return { page, workspace, sandbox, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The frames of the notebook's webviews (outputs and rendered Markdown cells). */
function webviewFrames(page: Page): Frame[] {
  return page.frames().filter((f) => f.url().includes('/contrib/webview/'));
}

/** The ▶ after the inline command `command` in a rendered Markdown cell (inside the cell's shadow root, which locators pierce). */
export async function findRunButton(page: Page, command: string, timeoutMs: number): Promise<Locator> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of webviewFrames(page)) {
      const button = frame.locator(`button.runbook-inline-run[data-command="${command.replace(/"/g, '\\"')}"]`);
      if ((await button.count().catch(() => 0)) > 0) return button.first();
    }
    if (Date.now() > deadline) {
      const frames = webviewFrames(page).length;
      throw new Error(`no ▶ after \`${command}\` in any rendered Markdown cell within ${timeoutMs / 1000} s (${frames} webview frames)`);
    }
    await page.waitForTimeout(500);
  }
}

/** What the renderer shows below the button's paragraph, once `done` accepts it. */
export interface ShownBelow {
  /** The tag of the element the output follows (the paragraph, list item, …). */
  after: string;
  /** The text of that element. */
  afterText: string;
  summary: string;
  text: string;
}

/** Waits for the output the renderer shows below `button`'s paragraph until `done` accepts it. */
export async function outputBelow(page: Page, button: Locator, done: (shown: ShownBelow) => boolean, timeoutMs: number): Promise<ShownBelow> {
  const deadline = Date.now() + timeoutMs;
  let last: ShownBelow | undefined;
  for (;;) {
    last = await button.evaluate((b) => {
      const block = b.closest('p, li, td, th, h1, h2, h3, h4, h5, h6') ?? b;
      const output = block.nextElementSibling;
      if (!output?.classList.contains('runbook-inline-output')) return undefined;
      return {
        after: block.tagName.toLowerCase(),
        afterText: block.textContent ?? '',
        summary: output.querySelector('.runbook-inline-summary')?.textContent ?? '',
        text: output.querySelector('pre')?.textContent ?? '',
      };
    });
    if (last && done(last)) return last;
    if (Date.now() > deadline) throw new Error(`no finished output below the paragraph within ${timeoutMs / 1000} s; last seen: ${JSON.stringify(last)}`);
    await page.waitForTimeout(300);
  }
}
