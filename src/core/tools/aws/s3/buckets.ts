// `aws s3 mb` and `aws s3 rb` (`--force` empties the bucket first, as
// `aws s3 rm --recursive` would).

import { AwsUsageError, parseFlags, usageError } from '../args';
import type { AwsCommand, AwsCommandContext } from '../context';
import { describeAwsError } from './errors';
import { runTransfer, parseTransfer } from './transfer';

function bucketArg(words: readonly string[], spec: Record<string, 'switch'>) {
  const f = parseFlags(words, spec);
  if (f.positionals.length === 0) throw usageError('the following arguments are required: path');
  const unknown = [...f.unknown, ...f.positionals.slice(1)];
  if (unknown.length) throw new AwsUsageError(`\nUnknown options: ${unknown.join(', ')}\n`, 255);
  const path = f.positionals[0]!;
  const bare = path.startsWith('s3://') ? path.slice(5) : path;
  return { path, bare, force: f.switches.has('--force') };
}

export const mbCommand: AwsCommand = {
  plan: (args) => ({ effect: 'change', action: `mb ${args.find((a) => !a.startsWith('--')) ?? ''}`.trim() }),

  async run(args, ctx): Promise<number> {
    const { path, bare } = bucketArg(args, {});
    if (!path.startsWith('s3://')) {
      ctx.tool.stderr.write(`\n<S3Uri>\nError: Invalid argument type\n`);
      return 255;
    }
    const bucket = bare.split('/')[0]!;
    const sdk = ctx.s3Sdk();
    const client = await ctx.s3();
    const region = ctx.globals.region;
    try {
      await client.send(
        new sdk.CreateBucketCommand({ Bucket: bucket, ...(region && region !== 'us-east-1' ? { CreateBucketConfiguration: { LocationConstraint: region as never } } : {}) }),
        { abortSignal: ctx.tool.signal },
      );
      ctx.tool.stdout.write(`make_bucket: ${bucket}\n`);
      return 0;
    } catch (error) {
      if (ctx.tool.signal.aborted) return 130;
      ctx.tool.stderr.write(`make_bucket failed: ${path} ${describeAwsError(error, 'CreateBucket')}\n`);
      return 1;
    }
  },
};

async function removeBucket(ctx: AwsCommandContext, bucket: string, path: string): Promise<number> {
  const sdk = ctx.s3Sdk();
  const client = await ctx.s3();
  try {
    await client.send(new sdk.DeleteBucketCommand({ Bucket: bucket }), { abortSignal: ctx.tool.signal });
    ctx.tool.stdout.write(`remove_bucket: ${bucket}\n`);
    return 0;
  } catch (error) {
    if (ctx.tool.signal.aborted) return 130;
    ctx.tool.stderr.write(`remove_bucket failed: ${path} ${describeAwsError(error, 'DeleteBucket')}\n`);
    return 1;
  }
}

export const rbCommand: AwsCommand = {
  plan: (args) => ({ effect: args.includes('--force') ? 'destructive' : 'change', action: `rb ${args.filter((a) => a !== '--force').find((a) => !a.startsWith('--')) ?? ''}${args.includes('--force') ? ' --force' : ''}`.trim() }),

  async run(args, ctx): Promise<number> {
    const { path, bare, force } = bucketArg(args, { '--force': 'switch' });
    if (!path.startsWith('s3://')) {
      ctx.tool.stderr.write(`\n<S3Uri>\nError: Invalid argument type\n`);
      return 255;
    }
    const slash = bare.indexOf('/');
    const trimmed = slash < 0 ? bare : bare.slice(0, slash);
    if (slash >= 0 && bare.slice(slash + 1)) {
      ctx.tool.stderr.write(`\nPlease specify a valid bucket name only. E.g. s3://${trimmed}\n`);
      return 255;
    }
    if (force) {
      const rc = await runTransfer(ctx, parseTransfer('rm', [path, '--recursive']));
      if (rc !== 0) {
        if (rc === 130) return 130;
        ctx.tool.stderr.write(`\nremove_bucket failed: Unable to delete all objects in the bucket, bucket will not be deleted.\n`);
        return 255;
      }
    }
    return removeBucket(ctx, trimmed, path);
  },
};
