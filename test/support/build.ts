// Tests that need the bundles use the ones `npm test` built; a test run on its
// own builds them once. Never rebuild from a test: test files run in parallel.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './shared';

export function ensureBuilt(): void {
  const outputs = ['extension.js', 'engine.js', 'renderer.js', 'cli.js'].map((f) => join(PROJECT_ROOT, 'dist', f));
  if (outputs.every((f) => existsSync(f))) return;
  const build = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs')], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stderr}`);
}
