// Debian's Chromium, headless, driven by playwright-core. Its profile, HOME
// and temp files stay in a folder under .artifacts/ that close() removes.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, artifactsDir } from './tools';

/** No background networking: this machine's network is closed, and the tests need none. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface HeadlessBrowser {
  browser: Browser;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<HeadlessBrowser> {
  const dir = mkdtempSync(join(artifactsDir('chromium'), 'run-'));
  for (const sub of ['home', 'tmp']) mkdirSync(join(dir, sub));
  const env = { ...process.env, HOME: join(dir, 'home'), TMPDIR: join(dir, 'tmp'), XDG_CONFIG_HOME: join(dir, 'home', '.config'), XDG_CACHE_HOME: join(dir, 'home', '.cache') };
  // Playwright puts the profile in os.tmpdir(): point it at our folder for the launch.
  const savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = join(dir, 'tmp');
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, env, timeout: 60_000 });
  } finally {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
  }
  return {
    browser,
    async newPage() {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      // The workbench's first load takes long on a busy 2-core machine.
      context.setDefaultNavigationTimeout(180_000);
      return context.newPage();
    },
    async close() {
      await browser.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
