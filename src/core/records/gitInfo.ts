// What the record names from the runbook's repository, read from `.git`
// without running git: the commit checked out, and the operator's name.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The `.git` directory of the repository holding `dir`, following a worktree's `gitdir:` file. */
export function gitDirFor(dir: string): string | undefined {
  for (let at = resolve(dir); ; at = dirname(at)) {
    const candidate = join(at, '.git');
    if (existsSync(candidate)) {
      if (statSync(candidate).isDirectory()) return candidate;
      const pointer = /^gitdir:\s*(.+)$/m.exec(readText(candidate) ?? '');
      return pointer ? resolve(at, pointer[1].trim()) : undefined;
    }
    if (dirname(at) === at) return undefined;
  }
}

/** The commit HEAD points at, or undefined outside a repository (or on a branch with no commit yet). */
export function headCommit(gitDir: string): string | undefined {
  const head = readText(join(gitDir, 'HEAD'))?.trim();
  if (!head) return undefined;
  if (/^[0-9a-f]{40}$/.test(head)) return head;
  const ref = /^ref:\s*(\S+)$/.exec(head)?.[1];
  if (!ref) return undefined;
  // A linked worktree keeps its refs in the main repository.
  const common = readText(join(gitDir, 'commondir'))?.trim();
  const dirs = common ? [gitDir, resolve(gitDir, common)] : [gitDir];
  for (const dir of dirs) {
    const loose = readText(join(dir, ref))?.trim();
    if (loose && /^[0-9a-f]{40}$/.test(loose)) return loose;
    const packed = readText(join(dir, 'packed-refs'));
    const line = packed?.split('\n').find((l) => l.endsWith(` ${ref}`));
    if (line) return line.slice(0, 40);
  }
  return undefined;
}

/** `user.name` from the repository's config, then the user's; else the OS user. */
export function operatorName(dir: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  const gitDir = gitDirFor(dir);
  const home = env.HOME || homedir();
  const configs = [
    gitDir && join(gitDir, 'config'),
    join(env.XDG_CONFIG_HOME || join(home, '.config'), 'git', 'config'),
    join(home, '.gitconfig'),
  ];
  for (const file of configs) {
    const name = file ? userNameIn(readText(file) ?? '') : undefined;
    if (name) return name;
  }
  try {
    return userInfo().username;
  } catch {
    return env.USER || env.USERNAME || 'unknown';
  }
}

/** `name` in the `[user]` section of a git config file. */
export function userNameIn(config: string): string | undefined {
  let inUser = false;
  for (const raw of config.split(/\r?\n/)) {
    const line = raw.trim();
    const section = /^\[([^\]\s"]+)/.exec(line);
    if (section) {
      inUser = section[1].toLowerCase() === 'user';
      continue;
    }
    const entry = inUser ? /^name\s*=\s*(.*)$/i.exec(line) : null;
    if (entry) return entry[1].replace(/^"(.*)"$/, '$1').trim() || undefined;
  }
  return undefined;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
