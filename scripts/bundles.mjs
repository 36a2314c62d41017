// The esbuild options of every bundle, shared by scripts/build.mjs and the
// tests that check what ships (test/architecture/activationBundle.test.ts).
import { readFileSync } from 'node:fs';
import { sdkXmlParser } from './sdkXmlParser.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Client libraries: one CommonJS file each, required on first use (src/core/clients/load.ts).
const clients = ['kubernetes', 'jq', 'pg', 'redis', 's3', 'cloudfront', 'pgquery'];

/**
 * Files a client bundle reads beside itself at run time, copied next to it:
 * PostgreSQL's parser (dist/clients/pgquery.js) loads its WebAssembly from
 * its own folder.
 */
export const clientFiles = [{ from: 'node_modules/libpg-query/wasm/libpg-query.wasm', to: 'dist/clients/libpg-query.wasm' }];

/**
 * `production` is what `npm run package` ships: minified, no source maps.
 * @param {{ production: boolean }} options
 * @returns {import('esbuild').BuildOptions[]}
 */
export function bundles({ production }) {
  const common = {
    bundle: true,
    minify: production,
    sourcemap: production ? false : 'linked',
    logLevel: 'info',
    legalComments: 'none',
    define: { 'process.env.RUNBOOK_VERSION': JSON.stringify(pkg.version), RUNBOOK_BUNDLE: 'true' },
  };

  return [
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
      // The ▶ on inline commands: extends VS Code's Markdown renderer (vscode.markdown-it-renderer).
      ...common,
      entryPoints: ['src/renderer/inline/index.ts'],
      outfile: 'dist/inlineRenderer.js',
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
}
