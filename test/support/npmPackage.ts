// The npm package as a user gets it: the tarball `npm pack` makes, installed
// with `npm install -g` into an empty prefix, offline and with an empty npm
// cache, so nothing but the tarball can satisfy the install.
//
// The tarball is packed from a staging folder holding the package's files and
// a production build (what `prepack` runs, scripts/build.mjs --production),
// made into that folder: tests never rebuild dist/, which other test files read.

import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as esbuild from 'esbuild';
import { runProgram, type Captured } from './engine';
import { PROJECT_ROOT } from './shared';

export interface InstalledPackage {
  /** Paths inside the tarball, sorted. */
  files: string[];
  /** The tarball's size in bytes. */
  size: number;
  /** The installed package's folder (PREFIX/lib/node_modules/NAME). */
  installedDir: string;
  /** A folder outside the project to run the command in. */
  workDir: string;
  /** Runs the installed `runbook` in workDir, with the prefix's bin, Node and the system's folders on PATH (whatever `env` says). */
  runbook(args: string[], env?: Record<string, string | undefined>, timeoutMs?: number): Promise<Captured>;
  /** Removes the staging folder, the tarball and the prefix. */
  remove(): void;
}

interface BundlesModule {
  bundles(options: { production: boolean }): esbuild.BuildOptions[];
  clientFiles: { from: string; to: string }[];
}

/** The package's files outside dist/, and .npmignore, which chooses what ships. */
const SOURCE_FILES = ['package.json', '.npmignore', 'README.md', 'LICENSE', 'CHANGELOG.md', 'bin/runbook.js'];

export async function loadBundles(): Promise<BundlesModule> {
  const bundlesModule = '../../scripts/bundles.mjs';
  return (await import(bundlesModule)) as BundlesModule;
}

/** Builds every bundle (the extension's too, which .npmignore must leave out) as `npm run package` and `prepack` do. */
async function stage(dir: string): Promise<void> {
  for (const file of SOURCE_FILES) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(PROJECT_ROOT, file), join(dir, file));
  }
  const { bundles, clientFiles } = await loadBundles();
  for (const options of bundles({ production: true })) {
    await esbuild.build({ ...options, absWorkingDir: PROJECT_ROOT, outfile: join(dir, options.outfile!), logLevel: 'silent' });
  }
  for (const { from, to } of clientFiles) cpSync(join(PROJECT_ROOT, from), join(dir, to));
}

function npm(args: string[], cwd: string, home: string): Promise<Captured> {
  // A clean environment: no npm_config_* from an `npm test` around us, no registry to fall back on.
  const env = { PATH: process.env.PATH, HOME: home, npm_config_update_notifier: 'false' };
  return runProgram('bash', ['-c', 'cd "$1" && shift && exec npm "$@"', 'npm', cwd, ...args], env, 120_000);
}

export async function packAndInstall(): Promise<InstalledPackage> {
  const root = mkdtempSync(join(tmpdir(), 'runbook-npm-'));
  const [staging, out, prefix, cache, home, workDir] = ['staging', 'out', 'prefix', 'cache', 'home', 'work'].map((name) => join(root, name));
  for (const dir of [staging, out, prefix, cache, home, workDir]) mkdirSync(dir);

  await stage(staging);
  // The build is already there, as `prepack` would have made it.
  const packed = await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', out], staging, home);
  if (packed.exitCode !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
  const [report] = JSON.parse(packed.stdout) as { filename: string; size: number; files: { path: string }[] }[];
  const tarball = join(out, report.filename);

  const installed = await npm(['install', '--global', '--prefix', prefix, '--offline', '--cache', cache, '--no-audit', '--no-fund', tarball], workDir, home);
  if (installed.exitCode !== 0) throw new Error(`npm install -g failed:\n${installed.stderr}`);
  const name = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { name: string }).name;

  return {
    files: report.files.map((f) => f.path).sort(),
    size: report.size,
    installedDir: join(prefix, 'lib', 'node_modules', name),
    workDir,
    runbook: (args, env = {}, timeoutMs = 60_000) =>
      runProgram(
        'bash',
        ['-c', 'cd "$1" && shift && exec runbook "$@"', 'runbook', workDir, ...args],
        { HOME: home, ...env, PATH: `${join(prefix, 'bin')}:${dirname(process.execPath)}:/usr/bin:/bin` },
        timeoutMs,
      ),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
