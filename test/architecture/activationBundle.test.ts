// The activation bundle, dist/extension.js as `npm run package` ships it: its
// size stays within the README's budget, and it holds neither the engine, the
// tools, the pipe filters nor any client library (they load on the first cell,
// from dist/engine.js and dist/clients/). Built here with the shipping options
// (scripts/bundles.mjs), in memory, with esbuild's list of the modules inside.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { PROJECT_ROOT } from '../support/shared';

const DOC = 'see docs/architecture.md#layers-and-bundles';

/** Source folders that belong to the lazily loaded bundles. */
const LAZY_SOURCES = ['src/core/engine/', 'src/core/tools/', 'src/core/pipeline/', 'src/core/clients/', 'src/clients/'];

/** The packages the client bundles are made of: what src/clients/*.ts import. */
function clientPackages(): string[] {
  const dir = join(PROJECT_ROOT, 'src', 'clients');
  const names = readdirSync(dir).flatMap((file) =>
    [...readFileSync(join(dir, file), 'utf8').matchAll(/from\s+['"]([^'".][^'"]*)['"]/g)].map(([, spec]) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/')),
  );
  return [...new Set(names)].sort();
}

async function shippedActivationBundle(): Promise<{ bytes: number; modules: string[] }> {
  const bundlesModule = '../../scripts/bundles.mjs';
  const { bundles } = (await import(bundlesModule)) as { bundles: (o: { production: boolean }) => esbuild.BuildOptions[] };
  const options = bundles({ production: true }).find((b) => b.outfile === 'dist/extension.js');
  assert.ok(options, 'scripts/bundles.mjs has a dist/extension.js bundle');
  const built = await esbuild.build({ ...options, absWorkingDir: PROJECT_ROOT, write: false, metafile: true, logLevel: 'silent' });
  const code = built.outputFiles.find((f) => f.path.endsWith('extension.js'));
  assert.ok(code);
  return { bytes: code.contents.length, modules: Object.keys(built.metafile.inputs) };
}

function budgetKB(): number {
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
  const stated = /activation bundle[\s\S]{0,200}?\sstays\s+under\s+(\d+)\s+KB/i.exec(readme);
  assert.ok(stated, 'the README states the activation bundle budget ("... activation bundle ... stays under N KB")');
  return Number(stated[1]);
}

let shipped: { bytes: number; modules: string[] };
before(async () => {
  shipped = await shippedActivationBundle();
});

test('the client packages are known: the check below looks for each of them', () => {
  const packages = clientPackages();
  for (const name of ['pg', 'ioredis', '@kubernetes/client-node', '@aws-sdk/client-s3', 'jq-wasm']) assert.ok(packages.includes(name), name);
});

test('the shipped activation bundle stays within the README\'s budget', () => {
  const { bytes } = shipped;
  const budget = budgetKB();
  assert.ok(bytes <= budget * 1024, `dist/extension.js is ${(bytes / 1024).toFixed(1)} KB, over its ${budget} KB budget: keep what opening a notebook does not need in dist/engine.js (${DOC})`);
});

test('the activation bundle holds neither the engine, a tool, the filters nor a client library', () => {
  const { modules } = shipped;
  assert.ok(modules.some((m) => m.startsWith('src/extension/extension.ts')), 'the metafile names our sources by their project path');
  const lazyPackages = clientPackages();
  const found = modules.filter(
    (m) => LAZY_SOURCES.some((dir) => m.startsWith(dir)) || lazyPackages.some((name) => m.includes(`node_modules/${name}/`)),
  );
  assert.deepEqual(found, [], `these load at activation but belong to dist/engine.js or dist/clients/: import them only from the engine bundle's files, or as types (${DOC})`);
});
