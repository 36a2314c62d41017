// kubectl plugins: programs named kubectl-NAME on PATH that kubectl runs for
// `kubectl NAME ...` when NAME is not one of its commands. Looked up as
// kubectl looks them up: `kubectl foo bar-baz` tries kubectl-foo-bar_baz,
// then kubectl-foo.

import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The plugin program the words after `kubectl` name, if one is on PATH. */
export function findPlugin(words: readonly string[], env: Env): string | undefined {
  const names: string[] = [];
  for (const word of words) {
    if (word.startsWith('-')) break;
    names.push(word.replace(/-/g, '_'));
  }
  const dirs = (env.PATH ?? '').split(delimiter).filter((dir) => dir !== '');
  for (let n = names.length; n >= 1; n--) {
    const file = `kubectl-${names.slice(0, n).join('-')}`;
    const found = dirs.map((dir) => join(dir, file)).find(isExecutable);
    if (found) return found;
  }
  return undefined;
}
