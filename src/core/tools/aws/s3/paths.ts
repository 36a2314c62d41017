// Paths as `aws s3` sees them: `s3://bucket/key` split into bucket and key,
// local paths made absolute against the runbook's folder, and the relative
// form aws-cli prints in `upload: ./x to s3://b/x`.

import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';

export const isS3 = (path: string): boolean => path.startsWith('s3://');

/** `bucket/key` (no `s3://`) into bucket and key; the key may be empty. */
export function splitBucketKey(path: string): { bucket: string; key: string } {
  const bare = isS3(path) ? path.slice(5) : path;
  const slash = bare.indexOf('/');
  return slash < 0 ? { bucket: bare, key: '' } : { bucket: bare.slice(0, slash), key: bare.slice(slash + 1) };
}

/** Python's os.path.abspath against a working directory: normalised, no trailing separator (except `/`). */
export function absolutePath(path: string, cwd: string): string {
  return resolve(cwd, path);
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** How aws-cli prints a local file: relative to the working directory, `./x` for a file in it. */
export function displayLocal(absolute: string, cwd: string): string {
  const slash = absolute.lastIndexOf(sep);
  const dir = absolute.slice(0, slash) || sep;
  const base = absolute.slice(slash + 1);
  const rel = relative(cwd, dir) || '.';
  return `${rel}${sep}${base}`;
}

export type PathType = 'local' | 's3';

export interface Location {
  /** For s3: `bucket/key` without the scheme; for local: absolute. */
  path: string;
  type: PathType;
}

/** One side of a transfer, as aws-cli's FileFormat shapes it. */
export interface FormattedPaths {
  src: Location;
  dest: Location;
  dirOp: boolean;
  /** Whether destinations take the source file's name (dest is a folder or prefix). */
  useSrcName: boolean;
}

function formatLocal(path: string, dirOp: boolean, cwd: string): { path: string; useSrcName: boolean } {
  let full = absolutePath(path, cwd);
  if ((existsSync(full) && isDirectory(full)) || dirOp) return { path: full.endsWith(sep) ? full : full + sep, useSrcName: true };
  if (path.endsWith(sep)) {
    full += sep;
    return { path: full, useSrcName: true };
  }
  return { path: full, useSrcName: false };
}

function formatS3(path: string, dirOp: boolean): { path: string; useSrcName: boolean } {
  if (dirOp) return { path: path.endsWith('/') ? path : path + '/', useSrcName: true };
  return { path, useSrcName: path.endsWith('/') };
}

function formatOne(path: string, dirOp: boolean, cwd: string): Location & { useSrcName: boolean } {
  if (isS3(path)) return { type: 's3', ...formatS3(path.slice(5), dirOp) };
  return { type: 'local', ...formatLocal(path, dirOp, cwd) };
}

export function formatPaths(src: string, dest: string, dirOp: boolean, cwd: string): FormattedPaths {
  const s = formatOne(src, dirOp, cwd);
  const d = formatOne(dest, dirOp, cwd);
  return { src: { path: s.path, type: s.type }, dest: { path: d.path, type: d.type }, dirOp, useSrcName: d.useSrcName };
}

const SEPARATOR: Record<PathType, string> = { s3: '/', local: sep };

/** Where one source file goes and the key sync compares it by (aws-cli's find_dest_path_comp_key). */
export function destinationOf(files: FormattedPaths, srcPath: string): { dest: string; compareKey: string } {
  const srcSep = SEPARATOR[files.src.type];
  const rel = files.dirOp ? srcPath.slice(files.src.path.length) : srcPath.split(srcSep).pop()!;
  const compareKey = rel.split(srcSep).join('/');
  const dest = files.useSrcName ? files.dest.path + rel.split(srcSep).join(SEPARATOR[files.dest.type]) : files.dest.path;
  return { dest, compareKey };
}

/** The folder of a local path (for creating download directories). */
export const parentDir = dirname;
