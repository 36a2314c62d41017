// Bundles the extension host code, the notebook renderer and the CLI.
//   node scripts/build.mjs [--production] [--watch]
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as esbuild from 'esbuild';
import { bundles, clientFiles } from './bundles.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const builds = bundles({ production });

for (const { from, to } of clientFiles) {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
