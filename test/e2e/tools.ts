// Where the real-VS-Code tools live (installed by scripts/e2e-tools.sh into
// .tools/) and where the e2e runs write (.artifacts/, git-ignored).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(__dirname, '..', '..');
export const TOOLS_DIR = join(PROJECT_ROOT, '.tools');
export const ARTIFACTS_DIR = join(PROJECT_ROOT, '.artifacts');
export const SCREENSHOTS_DIR = join(ARTIFACTS_DIR, 'screenshots');
export const E2E_LOGS_DIR = join(ARTIFACTS_DIR, 'e2e-logs');

export const NODE24 = join(TOOLS_DIR, 'node24', 'node_modules', 'node', 'bin', 'node');
export const CODE_SERVER_ENTRY = join(TOOLS_DIR, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = '/usr/bin/chromium';

export const EXTENSION_ID = 'runbook-notebooks.runbook-notebooks';
export const VSIX = join(PROJECT_ROOT, 'dist', 'runbook-notebooks.vsix');

/** Runs scripts/e2e-tools.sh when a tool is missing; throws when it fails. */
export function ensureTools(log: (line: string) => void = console.log): void {
  const script = join(PROJECT_ROOT, 'scripts', 'e2e-tools.sh');
  const check = spawnSync('bash', [script, '--check'], { cwd: PROJECT_ROOT });
  if (check.status === 0 && existsSync(CODE_SERVER_ENTRY) && existsSync(NODE24)) return;
  log('e2e: installing the real-VS-Code tools (scripts/e2e-tools.sh)');
  const install = spawnSync('bash', [script], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (install.status !== 0) throw new Error(`scripts/e2e-tools.sh failed (exit ${install.status})`);
}

/** A folder under .artifacts/, created if needed. */
export function artifactsDir(...parts: string[]): string {
  const dir = join(ARTIFACTS_DIR, ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}
