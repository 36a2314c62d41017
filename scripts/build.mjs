// Bundles the extension host code, the notebook renderer and the CLI.
//   node scripts/build.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { bundles } from './bundles.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const builds = bundles({ production });

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
