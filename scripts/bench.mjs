// Runs a benchmark on the code as the extension ships it: bench/NAME.ts and
// the engine it imports bundled by esbuild, as scripts/build.mjs bundles
// dist/engine.js, rather than transpiled file by file by tsx at run time
// (which measured ~0.3 ms slower per command). The client libraries load from
// dist/clients/ (built first), as in the extension.
//   node scripts/bench.mjs clients|health|kubectl|serializer [--no-build]
// BENCH_BASELINE=DIR (another checkout, e.g. a `git worktree` of an earlier
// commit with node_modules linked) also bundles DIR's engine and tools, and
// the clients and kubectl benchmarks run their native commands with both
// engines, interleaved: a `base` row next to `native`.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const name = process.argv[2];
const entry = join(root, 'bench', `${name}.ts`);
if (!name || !existsSync(entry)) {
  console.error(`usage: node scripts/bench.mjs NAME, where bench/NAME.ts exists (got ${name ?? 'nothing'})`);
  process.exit(2);
}
if (!process.argv.includes('--no-build')) {
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) {
    process.stderr.write(build.stdout + build.stderr);
    process.exit(build.status ?? 1);
  }
}
// Under node_modules, so the bundle finds the packages and dist/clients/ it loads at run time.
const outfile = join(root, 'node_modules', '.cache', 'runbook-bench', `${name}.js`);
await esbuild.build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { RUNBOOK_BUNDLE: 'false' },
});
const env = { ...process.env, BENCH_ROOT: root };
if (process.env.BENCH_BASELINE) {
  const baseline = resolve(process.env.BENCH_BASELINE);
  env.BENCH_BASELINE_ENGINE = join(dirname(outfile), `baseline-engine-${baseline.replace(/[^\w]+/g, '_')}.js`);
  await esbuild.build({
    stdin: {
      contents: "export { runCell, Session } from './src/core/engine';\nexport { createRegistry } from './src/core/tools';\n",
      resolveDir: baseline,
      sourcefile: 'baseline-engine.ts',
      loader: 'ts',
    },
    outfile: env.BENCH_BASELINE_ENGINE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    define: { RUNBOOK_BUNDLE: 'false' },
  });
}
// --expose-gc: bench:health weighs the heap after a collection.
const run = spawnSync(process.execPath, ['--expose-gc', outfile], { cwd: root, stdio: 'inherit', env });
process.exit(run.status ?? 1);
