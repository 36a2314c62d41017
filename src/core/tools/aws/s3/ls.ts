// `aws s3 ls`: buckets, or the objects and prefixes under a prefix, printed
// page by page as ListObjectsV2 returns them (a thousand keys a page).

import { AwsUsageError, parseFlags } from '../args';
import { pyRepr } from '../output/pyStr';
import type { AwsCommand, AwsCommandContext } from '../context';
import { noteFault } from '../faultNotes';
import { describeAwsError } from './errors';
import { humanReadableSize, localTime } from './format';
import { listPages } from './listing';
import { splitBucketKey } from './paths';

const LS_FLAGS = {
  '--recursive': 'switch', '--human-readable': 'switch', '--summarize': 'switch', '--page-size': 'value',
  '--request-payer': 'value', '--bucket-name-prefix': 'value', '--bucket-region': 'value',
} as const;

/** Objects kept for the notebook's structured result; the printed listing is never cut. */
const MAX_RECORDED = 10_000;

function parseLs(words: readonly string[]) {
  const f = parseFlags(words, LS_FLAGS);
  const unknown = [...f.unknown, ...f.positionals.slice(1)];
  if (unknown.length) throw new AwsUsageError(`\nUnknown options: ${unknown.join(', ')}\n`, 255);
  const pageSize = f.values.get('--page-size');
  // aws-cli turns --page-size into a number with Python's int() before it lists anything.
  if (pageSize !== undefined && !/^\s*[+-]?\d+(_\d+)*\s*$/.test(pageSize)) {
    throw new AwsUsageError(`\ninvalid literal for int() with base 10: ${pyRepr(pageSize)}\n`, 255);
  }
  return {
    path: f.positionals[0] ?? 's3://',
    recursive: f.switches.has('--recursive'),
    human: f.switches.has('--human-readable'),
    summarize: f.switches.has('--summarize'),
    bucketPrefix: f.values.get('--bucket-name-prefix'),
  };
}

async function listBuckets(ctx: AwsCommandContext, tz: string | undefined, bucketPrefix: string | undefined): Promise<void> {
  const client = await ctx.s3();
  const sdk = ctx.s3Sdk();
  const buckets: Array<{ name: string; created: string }> = [];
  let token: string | undefined;
  do {
    const page = await client.send(new sdk.ListBucketsCommand({ ...(bucketPrefix ? { Prefix: bucketPrefix } : {}), ...(token ? { ContinuationToken: token } : {}) }), { abortSignal: ctx.tool.signal });
    let out = '';
    for (const b of page.Buckets ?? []) {
      out += `${localTime(b.CreationDate ?? new Date(0), tz).padEnd(19, ' ')} ${b.Name}\n`;
      buckets.push({ name: b.Name ?? '', created: (b.CreationDate ?? new Date(0)).toISOString() });
    }
    if (out) ctx.tool.stdout.write(out);
    token = page.ContinuationToken;
  } while (token);
  ctx.tool.emit({ kind: 's3-buckets', buckets });
}

export const lsCommand: AwsCommand = {
  plan: () => ({ effect: 'read' }),

  async run(args, ctx): Promise<number> {
    const o = parseLs(args);
    const tz = ctx.tool.env.TZ;
    const path = o.path.startsWith('s3://') ? o.path.slice(5) : o.path;
    const { bucket, key } = splitBucketKey(path);
    try {
      if (!bucket) {
        await listBuckets(ctx, tz, o.bucketPrefix);
        return 0;
      }
      const client = await ctx.s3();
      let totalObjects = 0;
      let totalSize = 0;
      let empty = false;
      let firstPage = true;
      const objects: Array<{ key: string; size: number; lastModified: string }> = [];
      const prefixes: string[] = [];
      const params = { Bucket: bucket, Prefix: key, ...(o.recursive ? {} : { Delimiter: '/' }) };
      for await (const page of listPages(ctx, client, params)) {
        if (page.contents.length === 0 && page.prefixes.length === 0) {
          empty = true;
          continue;
        }
        let out = '';
        for (const prefix of page.prefixes) {
          const parts = prefix.split('/');
          out += `${'PRE'.padStart(30, ' ')} ${parts[parts.length - 2]}/\n`;
          prefixes.push(prefix);
        }
        for (const c of page.contents) {
          totalObjects++;
          totalSize += c.size;
          const size = (o.human ? humanReadableSize(c.size) : String(c.size)).padStart(10, ' ');
          const name = o.recursive ? c.key : c.key.split('/').pop()!;
          out += `${localTime(c.lastModified, tz).padEnd(19, ' ')} ${size} ${name}\n`;
          if (objects.length < MAX_RECORDED) objects.push({ key: c.key, size: c.size, lastModified: c.lastModified.toISOString() });
        }
        ctx.tool.stdout.write(out);
        firstPage = false;
      }
      if (o.summarize) {
        ctx.tool.stdout.write(`${'\nTotal Objects: '.padStart(15, ' ')}${totalObjects}\n`);
        ctx.tool.stdout.write(`${'Total Size: '.padStart(15, ' ')}${o.human ? humanReadableSize(totalSize) : totalSize}\n`);
      }
      ctx.tool.emit({ kind: 's3-listing', bucket, prefix: key, recursive: o.recursive, objects, prefixes, totalObjects, totalSize, truncated: totalObjects > objects.length });
      // Like aws-cli: a prefix that matches nothing exits 1; a bare bucket exits 0.
      return key && empty && firstPage ? 1 : 0;
    } catch (error) {
      if (ctx.tool.signal.aborted) return 130;
      ctx.tool.stderr.write(`\n${describeAwsError(error, bucket ? 'ListObjectsV2' : 'ListBuckets')}\n`);
      noteFault(ctx.tool, error);
      return 255;
    }
  },
};


