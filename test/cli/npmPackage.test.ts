// The `runbook` command from npm: the packed tarball installs with
// `npm install -g` into an empty prefix (offline: it has no dependencies), and
// the installed command prints what the repository's prints.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt } from '../support/build';
import { runProgram } from '../support/engine';
import { loadBundles, packAndInstall, type InstalledPackage } from '../support/npmPackage';
import { PROJECT_ROOT } from '../support/shared';

const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
  version: string;
  dependencies?: Record<string, string>;
  scripts: Record<string, string>;
};
const SAMPLE = join(PROJECT_ROOT, 'notebooks', 'scaling-playbook.runbook.md');
const REPOSITORY_CLI = join(PROJECT_ROOT, 'bin', 'runbook.js');

/** The repository's own command (the built CLI), for comparison. */
function repositoryRunbook(args: string[]) {
  return runProgram(process.execPath, [REPOSITORY_CLI, ...args], { PATH: process.env.PATH, HOME: process.env.HOME });
}

let pkg: InstalledPackage;
before(async () => {
  ensureBuilt();
  pkg = await packAndInstall();
});
after(() => pkg?.remove());

test('the tarball holds the CLI bundle, the client bundles it loads, their WebAssembly, and the documents; nothing else', async () => {
  const { bundles, clientFiles } = await loadBundles();
  const clients = bundles({ production: true }).map((b) => b.outfile!).filter((f) => f.startsWith('dist/clients/'));
  assert.ok(clients.length > 0);
  const expected = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'bin/runbook.js', 'dist/cli.js', ...clients, ...clientFiles.map((f) => f.to)].sort();
  assert.deepEqual(pkg.files, expected);
  assert.equal(manifest.scripts.prepack, 'node scripts/build.mjs --production', 'npm pack builds the bundles first');
});

test('it installs with no dependencies: the bundles hold every library', () => {
  assert.deepEqual(manifest.dependencies ?? {}, {});
  assert.ok(existsSync(join(pkg.installedDir, 'dist', 'cli.js')));
  assert.equal(existsSync(join(pkg.installedDir, 'node_modules')), false, 'nothing was installed beside it');
});

test('the README states the tarball\'s size', () => {
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
  const stated = /npm package[^.]*?\babout ([\d.]+) MB\b/i.exec(readme);
  assert.ok(stated, 'the README says "... npm package ... about N MB"');
  const megabytes = pkg.size / 1e6;
  assert.ok(Math.abs(Number(stated[1]) - megabytes) <= 0.1 * megabytes, `the README says ${stated[1]} MB; the tarball is ${megabytes.toFixed(2)} MB`);
});

test('runbook --version prints the package\'s version', async () => {
  const version = await pkg.runbook(['--version']);
  assert.equal(version.exitCode, 0, version.stderr);
  assert.equal(version.stdout, `${manifest.version}\n`);
});

test('runbook --help prints what the repository\'s command prints', async () => {
  const [installed, repository] = await Promise.all([pkg.runbook(['--help']), repositoryRunbook(['--help'])]);
  assert.equal(installed.exitCode, 0, installed.stderr);
  assert.match(installed.stdout, /^Usage: runbook /);
  assert.equal(installed.stdout, repository.stdout);
});

test('runbook plan on the sample prints what the repository\'s command prints, SQL read by the WebAssembly parser included', async () => {
  const [installed, repository] = await Promise.all([pkg.runbook(['plan', SAMPLE]), repositoryRunbook(['plan', SAMPLE])]);
  assert.equal(installed.exitCode, repository.exitCode, installed.stderr);
  assert.equal(installed.stderr, repository.stderr);
  assert.equal(installed.stdout, repository.stdout);
  assert.match(installed.stdout, /\spsql\s+native\s+read\s/, 'the sample has a SQL read');
});

test('a pipe into jq runs in the installed command (jq\'s WebAssembly inside its bundle)', async () => {
  const [installed, repository] = await Promise.all([
    pkg.runbook(['exec', '--', 'kubectl version --client -o json | jq -r .clientVersion.gitVersion']),
    repositoryRunbook(['exec', '--', 'kubectl version --client -o json | jq -r .clientVersion.gitVersion']),
  ]);
  assert.equal(installed.exitCode, 0, installed.stderr);
  assert.match(installed.stdout, /^v\d+\.\d+\.\d+/);
  assert.equal(installed.stdout, repository.stdout);
});
