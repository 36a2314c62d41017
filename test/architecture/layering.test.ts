// The layer rules of DESIGN.md and docs/architecture.md, checked on the
// source: core is plain TypeScript (no vscode), the renderer is browser code
// (no Node, no vscode), nothing imports the layers above it, a tool never
// imports another tool, and the extension, the CLI and the renderer reach core
// only through each core folder's public index.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { PROJECT_ROOT } from '../support/shared';

const SRC = join(PROJECT_ROOT, 'src');
const DOC = 'see docs/architecture.md#layers-and-bundles';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    found.push(match[1] ?? match[2] ?? match[3]);
  }
  return found;
}

function violations(layer: string, forbidden: (spec: string) => boolean): string[] {
  return sources(join(SRC, layer)).flatMap((file) =>
    imports(file).filter(forbidden).map((spec) => `${relative(PROJECT_ROOT, file)} imports ${spec}`),
  );
}

/** The project path a relative import names, without extension or a trailing `/index`; undefined for packages. */
function target(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  return relative(PROJECT_ROOT, resolve(dirname(join(PROJECT_ROOT, file)), spec))
    .replace(/\.(ts|js)$/, '')
    .replace(/\/index$/, '');
}

/** Rule (a): a file of tool X imports nothing under src/core/tools/ outside X (the registry included). */
function crossesTools(file: string, spec: string): boolean {
  const own = /^src\/core\/tools\/([^/]+)\//.exec(file)?.[1];
  const to = target(file, spec);
  if (!own || !to?.startsWith('src/core/tools')) return false;
  return !to.startsWith(`src/core/tools/${own}/`) && to !== `src/core/tools/${own}`;
}

/** Rule (b): an import of core from the extension, the CLI or the renderer names a core folder, i.e. its index.ts. */
function bypassesIndex(file: string, spec: string): boolean {
  const to = target(file, spec);
  if (!to?.startsWith('src/core/')) return false;
  return !/^src\/core\/[^/]+$/.test(to) || !existsSync(join(PROJECT_ROOT, to, 'index.ts'));
}

function check(layer: string, broken: (file: string, spec: string) => boolean, rule: string): string[] {
  return sources(join(SRC, layer)).flatMap((path) => {
    const file = relative(PROJECT_ROOT, path);
    return imports(path)
      .filter((spec) => broken(file, spec))
      .map((spec) => `${file} imports ${spec}: ${rule} (${DOC})`);
  });
}

test('the import scanner sees imports of every form', () => {
  assert.ok(sources(SRC).length > 10);
  const sample = join(SRC, 'extension', 'serializer.ts');
  assert.ok(imports(sample).includes('vscode'));
  assert.ok(imports(sample).includes('../core/markdown'));
});

test('the rules recognise what they forbid and what they allow', () => {
  assert.equal(crossesTools('src/core/tools/redis/connect.ts', '../curl/hosts'), true);
  assert.equal(crossesTools('src/core/tools/aws/api/s3api.ts', '../../kubectl'), true);
  assert.equal(crossesTools('src/core/tools/psql/index.ts', '..'), true, 'the registry is not a tool\'s to import');
  assert.equal(crossesTools('src/core/tools/aws/api/s3api.ts', '../context'), false);
  assert.equal(crossesTools('src/core/tools/redis/connect.ts', '../../engine/tool'), false);
  assert.equal(crossesTools('src/core/tools/index.ts', './kubectl'), false);
  assert.equal(bypassesIndex('src/extension/kubeStatusBar.ts', '../core/tools/kubectl/kubeconfig'), true);
  assert.equal(bypassesIndex('src/cli/checkRun.ts', '../core/results/cellResult'), true);
  assert.equal(bypassesIndex('src/cli/check.ts', '../core/nowhere'), true, 'a folder without index.ts has no public entry');
  assert.equal(bypassesIndex('src/cli/check.ts', '../core/tools'), false);
  assert.equal(bypassesIndex('src/extension/serializer.ts', '../core/markdown/index'), false);
  assert.equal(bypassesIndex('src/extension/serializer.ts', './disposable'), false);
});

test('core never imports vscode, the extension, the CLI or the renderer', () => {
  assert.deepEqual(violations('core', (s) => s === 'vscode' || /\/(extension|cli|renderer)(\/|$)/.test(s)), [], `core is plain TypeScript under the other layers; ${DOC}`);
});

test('the renderer imports neither vscode nor Node built-ins', () => {
  assert.deepEqual(violations('renderer', (s) => s === 'vscode' || s.startsWith('node:') || /^(fs|path|os|child_process|net|http)$/.test(s)), [], `the renderer is browser code; ${DOC}`);
});

test('the CLI never imports vscode or the extension', () => {
  assert.deepEqual(violations('cli', (s) => s === 'vscode' || /\/extension(\/|$)/.test(s)), [], `the CLI runs without VS Code; ${DOC}`);
});

test('no tool imports another tool', () => {
  assert.deepEqual(check('core/tools', crossesTools, 'a tool never imports another tool; what two tools share belongs in a core folder below them'), []);
});

test('the extension, the CLI and the renderer import core only through each folder\'s index.ts', () => {
  const rule = 'import the core folder itself (its index.ts), and export what is needed from there';
  assert.deepEqual(['extension', 'cli', 'renderer'].flatMap((layer) => check(layer, bypassesIndex, rule)), []);
});
