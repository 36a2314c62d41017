// `aws s3 presign`: a GET URL for an object. aws-cli 1.x signs with S3's
// query-string signature (AWSAccessKeyId, Signature, Expires) in us-east-1
// and with Signature Version 4 elsewhere; so do we.

import { createHmac } from 'node:crypto';
import { AwsUsageError, parseFlags, usageError } from '../args';
import type { AwsCommand, AwsCommandContext } from '../context';
import type { AwsSettings } from '../config';
import { describeAwsError } from './errors';
import { splitBucketKey } from './paths';

/** Python's quote(key, safe='/~'). */
const quotePath = (s: string) => encodeURIComponent(s).replace(/%2F/g, '/').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const quoteAll = (s: string) => encodeURIComponent(s).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function presignV2(s: Pick<AwsSettings, 'endpointUrl' | 'credentials'>, bucket: string, key: string, expires: number): string {
  const path = `/${bucket}/${quotePath(key)}`;
  const base = s.endpointUrl ? `${s.endpointUrl.replace(/\/+$/, '')}${path}` : `https://${bucket}.s3.amazonaws.com/${quotePath(key)}`;
  const creds = s.credentials!;
  const token = creds.sessionToken ? `x-amz-security-token:${creds.sessionToken}\n` : '';
  const signature = createHmac('sha1', creds.secretAccessKey).update(`GET\n\n\n${expires}\n${token}${path}`).digest('base64');
  const tokenParam = creds.sessionToken ? `&x-amz-security-token=${quoteAll(creds.sessionToken)}` : '';
  return `${base}?AWSAccessKeyId=${quoteAll(creds.accessKeyId)}&Signature=${quoteAll(signature)}&Expires=${expires}${tokenParam}`;
}

async function presignV4(ctx: AwsCommandContext, bucket: string, key: string, expiresIn: number): Promise<string> {
  const sdk = ctx.s3Sdk();
  const client = await ctx.s3();
  return sdk.getSignedUrl(client, new sdk.GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn });
}

export const presignCommand: AwsCommand = {
  plan: () => ({ effect: 'read' }),

  async run(args, ctx): Promise<number> {
    const f = parseFlags(args, { '--expires-in': 'value' });
    if (f.positionals.length === 0) throw usageError('the following arguments are required: path');
    const unknown = [...f.unknown, ...f.positionals.slice(1)];
    if (unknown.length) throw new AwsUsageError(`\nUnknown options: ${unknown.join(', ')}\n`, 255);
    const raw = f.values.get('--expires-in') ?? '3600';
    if (!/^-?\d+$/.test(raw)) throw usageError(`argument --expires-in: invalid int value: '${raw}'`);
    const expiresIn = Number(raw);
    const { bucket, key } = splitBucketKey(f.positionals[0]!);
    const settings = ctx.globals as AwsSettings;
    try {
      const url = settings.region === 'us-east-1' && settings.credentials
        ? presignV2(settings, bucket, key, Math.floor(Date.now() / 1000) + expiresIn)
        : await presignV4(ctx, bucket, key, expiresIn);
      ctx.tool.stdout.write(`${url}\n`);
      ctx.tool.emit({ kind: 's3-presign', bucket, key, expiresIn });
      return 0;
    } catch (error) {
      ctx.tool.stderr.write(`\n${describeAwsError(error, 'GetObject')}\n`);
      return 255;
    }
  },
};
