// The files a transfer acts on, in aws-cli's order: S3 keys as ListObjectsV2
// returns them, local files depth first with names sorted as aws-cli sorts
// them (a folder sorts as `name/`).

import { readdirSync, statSync } from 'node:fs';
import { sep } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { AwsCommandContext } from '../context';
import { destinationOf, splitBucketKey, type FormattedPaths, type PathType } from './paths';

export interface FileEntry {
  /** `bucket/key` for S3, absolute for local. */
  src: string;
  dest: string;
  compareKey: string;
  srcType: PathType;
  destType: PathType;
  size?: number;
  lastModified?: Date;
}

/** A failed call while listing: aws-cli reports it as `fatal error: ...`. */
export class ListingError extends Error {
  constructor(override readonly cause: unknown, readonly operation: string, readonly missingKey?: string) {
    super(operation);
  }
}

/** aws-cli asks for keys URL-encoded and decodes them with unquote_plus. */
export function decodeKey(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return key;
  }
}

/** Pages of ListObjectsV2 (EncodingType url, keys decoded), as they arrive. */
export async function* listPages(
  ctx: AwsCommandContext,
  client: S3Client,
  params: { Bucket: string; Prefix: string; Delimiter?: string },
): AsyncGenerator<{ contents: Array<{ key: string; size: number; lastModified: Date }>; prefixes: string[] }> {
  const sdk = ctx.s3Sdk();
  let token: string | undefined;
  do {
    const page = await client.send(
      new sdk.ListObjectsV2Command({ ...params, EncodingType: 'url', ...(token ? { ContinuationToken: token } : {}) }),
      { abortSignal: ctx.tool.signal },
    );
    const encoded = page.EncodingType === 'url';
    const dec = (k: string) => (encoded ? decodeKey(k) : k);
    yield {
      contents: (page.Contents ?? []).map((c) => ({ key: dec(c.Key ?? ''), size: Number(c.Size ?? 0), lastModified: c.LastModified ?? new Date(0) })),
      prefixes: (page.CommonPrefixes ?? []).map((p) => dec(p.Prefix ?? '')),
    };
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

function localStats(path: string): { size: number; lastModified: Date } | undefined {
  try {
    const st = statSync(path);
    return { size: st.size, lastModified: st.mtime };
  } catch {
    return undefined;
  }
}

function* walkLocal(path: string, dirOp: boolean): Generator<{ path: string; size: number; lastModified: Date }> {
  if (!dirOp) {
    const st = localStats(path);
    if (st) yield { path, ...st };
    return;
  }
  let names: string[];
  try {
    names = readdirSync(path);
  } catch {
    return;
  }
  const entries = names.map((name) => {
    const full = path.endsWith(sep) ? path + name : path + sep + name;
    let dir = false;
    try {
      dir = statSync(full).isDirectory();
    } catch {
      /* a dangling link: listed as a file, then skipped */
    }
    return { full, dir, sortName: dir ? name + '/' : name };
  });
  entries.sort((a, b) => (a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : 0));
  for (const e of entries) {
    if (e.dir) yield* walkLocal(e.full, dirOp);
    else {
      const st = localStats(e.full);
      if (st) yield { path: e.full, ...st };
    }
  }
}

/**
 * The source files of `files`, with destinations (aws-cli's FileGenerator).
 * `operation` is `delete` for rm and sync deletions: zero-byte folder markers
 * are then included and single objects are not looked up first.
 */
export async function* generateFiles(ctx: AwsCommandContext, files: FormattedPaths, operation: string): AsyncGenerator<FileEntry> {
  const srcType = files.src.type;
  const destType = files.dest.type;
  const entry = (src: string, size: number | undefined, lastModified: Date | undefined): FileEntry => ({
    src, ...destinationOf(files, src), srcType, destType, size, lastModified,
  });
  if (srcType === 'local') {
    for (const f of walkLocal(files.src.path, files.dirOp)) yield entry(f.path, f.size, f.lastModified);
    return;
  }
  const s3Path = files.src.path;
  const { bucket, key } = splitBucketKey(s3Path);
  const client = await ctx.s3();
  if (!files.dirOp && key) {
    if (operation === 'delete') {
      yield entry(s3Path, undefined, undefined);
      return;
    }
    const sdk = ctx.s3Sdk();
    try {
      const head = await client.send(new sdk.HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: ctx.tool.signal });
      yield entry(s3Path, Number(head.ContentLength ?? 0), head.LastModified);
    } catch (error) {
      throw new ListingError(error, 'HeadObject', key);
    }
    return;
  }
  try {
    for await (const page of listPages(ctx, client, { Bucket: bucket, Prefix: key })) {
      for (const c of page.contents) {
        const source = `${bucket}/${c.key}`;
        if (c.size === 0 && source.endsWith('/')) {
          if (operation === 'delete') yield entry(source, c.size, c.lastModified);
        } else if (!files.dirOp && s3Path !== source) {
          continue;
        } else yield entry(source, c.size, c.lastModified);
      }
    }
  } catch (error) {
    if (error instanceof ListingError) throw error;
    throw new ListingError(error, 'ListObjectsV2');
  }
}
