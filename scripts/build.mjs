// Bundles the extension host code, the notebook renderer and the CLI.
//   node scripts/build.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { sdkXmlParser } from './sdkXmlParser.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
  legalComments: 'none',
  define: { 'process.env.RUNBOOK_VERSION': JSON.stringify(pkg.version), RUNBOOK_BUNDLE: 'true' },
};

// Client libraries: one CommonJS file each, required on first use (src/core/clients/load.ts).
const clients = ['kubernetes', 'jq', 'pg', 'redis', 's3', 'cloudfront'];

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['src/extension/engineBundle.ts'],
    outfile: 'dist/engine.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['src/renderer/index.ts'],
    outfile: 'dist/renderer.js',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    define: {},
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  ...clients.map((name) => ({
    ...common,
    entryPoints: [`src/clients/${name}.ts`],
    outfile: `dist/clients/${name}.js`,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    // jq's runtime finds the WebAssembly imports it serves by their function names.
    keepNames: true,
    sourcemap: false,
    // The AWS SDK's XML responses are read by our parser (scripts/sdkXmlParser.mjs).
    plugins: [sdkXmlParser],
    logLevel: 'warning',
  })),
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
