// What an aws change would do, worked out without changing anything: for
// `s3 cp`, `mv`, `rm` and `sync`, the same command with --dryrun, whose
// `(dryrun) delete: s3://bucket/key` lines list the objects affected; for
// any other change, the operation and its bucket.

import { captureContext } from '../../engine/preview';
import type { Preview, PreviewContext, ToolContext } from '../../engine/tool';
import type { AwsArgs } from './args';

const TRANSFERS = new Set(['cp', 'mv', 'rm', 'sync']);

/** Runs a line (already parsed) as the tool runs it; here, to run its dry run. */
export type RunAws = (args: AwsArgs, ctx: ToolContext) => Promise<number>;

export async function awsPreview(args: AwsArgs, bucket: string | undefined, runLine: RunAws, ctx: PreviewContext): Promise<Preview> {
  const operation = `${args.service} ${args.operation}`;
  if (args.service !== 's3' || !TRANSFERS.has(args.operation ?? '')) return { text: `${operation}${bucket ? ` on bucket ${bucket}` : ''}\n` };
  const capture = captureContext(ctx);
  const code = await runLine({ ...args, rest: [...args.rest, '--dryrun'] }, capture);
  const lines = capture.out.join('').split('\n').filter((l) => l.startsWith('(dryrun) '));
  const head = `${operation} --dryrun: ${lines.length} object${lines.length === 1 ? '' : 's'} affected\n`;
  return { text: head + lines.map((l) => l + '\n').join('') + (code !== 0 ? capture.err.join('') : '') };
}
