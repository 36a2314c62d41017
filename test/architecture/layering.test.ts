// The layer rules of DESIGN.md, checked on the source: core is plain
// TypeScript (no vscode), the renderer is browser code (no Node, no vscode),
// and nothing imports the layers above it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { PROJECT_ROOT } from '../support/shared';

const SRC = join(PROJECT_ROOT, 'src');

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

test('the import scanner sees imports of every form', () => {
  assert.ok(sources(SRC).length > 10);
  const sample = join(SRC, 'extension', 'serializer.ts');
  assert.ok(imports(sample).includes('vscode'));
  assert.ok(imports(sample).includes('../core/markdown'));
});

test('core never imports vscode, the extension, the CLI or the renderer', () => {
  assert.deepEqual(violations('core', (s) => s === 'vscode' || /\/(extension|cli|renderer)(\/|$)/.test(s)), []);
});

test('the renderer imports neither vscode nor Node built-ins', () => {
  assert.deepEqual(violations('renderer', (s) => s === 'vscode' || s.startsWith('node:') || /^(fs|path|os|child_process|net|http)$/.test(s)), []);
});

test('the CLI never imports vscode or the extension', () => {
  assert.deepEqual(violations('cli', (s) => s === 'vscode' || /\/extension(\/|$)/.test(s)), []);
});

test('a tool never imports another tool (what tools share lives outside src/core/tools)', () => {
  const tools = join(SRC, 'core', 'tools');
  /** The tool folder a path is in; '' outside one (the registry, tools/index.ts, is no tool). */
  const toolOf = (path: string) => {
    const parts = relative(tools, path).split(/[\\/]/);
    return parts.length > 1 && parts[0] !== '..' ? parts[0] : '';
  };
  const found = sources(tools).flatMap((file) =>
    imports(file)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => join(dirname(file), spec))
      .filter((target) => toolOf(target) !== '' && toolOf(target) !== toolOf(file))
      .map((target) => `${relative(PROJECT_ROOT, file)} imports ${relative(PROJECT_ROOT, target)}`),
  );
  assert.deepEqual(found, []);
});
