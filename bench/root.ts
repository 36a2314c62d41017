// The repository's root, from wherever this code runs: bench/ under tsx, or
// the bundle scripts/bench.mjs builds under node_modules/.cache (which it
// tells BENCH_ROOT, as node_modules may be a link into another checkout).

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'bench'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no repository root above ${from}`);
  }
}

export const ROOT = process.env.BENCH_ROOT || findRoot(__dirname);
