// Runs one group of tests with Node's built-in runner (TypeScript through tsx).
//   unit:        test/**/*.test.ts that are not integration tests (no servers)
//   integration: test/**/*.integration.test.ts (real servers; see test/sandbox)
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const group = process.argv[2] ?? 'unit';
const root = new URL('..', import.meta.url).pathname;

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'e2e') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

const all = walk(join(root, 'test')).filter((f) => f.endsWith('.test.ts'));
const files = all
  .filter((f) => (group === 'integration' ? f.endsWith('.integration.test.ts') : !f.endsWith('.integration.test.ts')))
  .map((f) => relative(root, f))
  .sort();

if (files.length === 0) {
  console.log(`no ${group} tests found`);
  process.exit(0);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
