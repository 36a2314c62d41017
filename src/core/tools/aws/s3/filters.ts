// --exclude and --include as aws-cli applies them: every pattern in order,
// the last one that matches wins, matched with Python's fnmatch against the
// full source path, rooted at the source and at the destination.

import { dirname, resolve } from 'node:path';
import { splitBucketKey, type PathType } from './paths';

export interface FilterRule {
  type: 'exclude' | 'include';
  pattern: string;
}

/** Python's fnmatch.translate: `*` anything (slashes too), `?` one character, `[seq]`, `[!seq]`. */
export function fnmatchRegExp(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      out += '[\\s\\S]*';
      while (pattern[i + 1] === '*') i++;
    } else if (c === '?') out += '[\\s\\S]';
    else if (c === '[') {
      let j = i + 1;
      if (pattern[j] === '!') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j++;
      if (j >= pattern.length) out += '\\[';
      else {
        let body = pattern.slice(i + 1, j).replace(/\\/g, '\\\\');
        i = j;
        if (body.startsWith('!')) body = '^' + body.slice(1);
        else if (body.startsWith('^')) body = '\\' + body;
        out += `[${body}]`;
      }
    } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^(?:${out})$`);
}

export function fnmatch(name: string, pattern: string): boolean {
  return fnmatchRegExp(pattern).test(name);
}

/** os.path.join: an absolute second part replaces the first. */
function pyJoin(root: string, pattern: string): string {
  if (pattern.startsWith('/')) return pattern;
  return root === '' || root.endsWith('/') ? root + pattern : `${root}/${pattern}`;
}

function s3Root(location: string, dirOp: boolean): string {
  const { bucket, key } = splitBucketKey(location);
  let k = key;
  if (!dirOp && !k.endsWith('/')) k = k.split('/').slice(0, -1).join('/');
  return `${bucket}/${k}`;
}

function localRoot(location: string, dirOp: boolean, cwd: string): string {
  return dirOp ? resolve(cwd, location) : resolve(cwd, dirname(location));
}

function rootOf(location: string, dirOp: boolean, cwd: string): string {
  return location.startsWith('s3://') ? s3Root(location, dirOp) : localRoot(location, dirOp, cwd);
}

export interface PathFilter {
  /** `path`: `bucket/key` for S3 files, the absolute path for local ones. */
  includes(path: string, type: PathType): boolean;
}

/** The filter for a command's --exclude/--include rules, with src and dest as typed. */
export function createFilter(rules: readonly FilterRule[], src: string, dest: string, dirOp: boolean, cwd: string): PathFilter {
  if (rules.length === 0) return { includes: () => true };
  const srcRoot = rootOf(src, dirOp, cwd);
  const destRoot = rootOf(dest, dirOp, cwd);
  const compiled = rules.map((r) => ({
    include: r.type === 'include',
    src: fnmatchRegExp(pyJoin(srcRoot, r.pattern)),
    dest: fnmatchRegExp(pyJoin(destRoot, r.pattern)),
  }));
  return {
    includes(path) {
      let keep = true;
      for (const rule of compiled) {
        if (rule.src.test(path)) keep = rule.include;
        if (rule.dest.test(path)) keep = rule.include;
      }
      return keep;
    },
  };
}
