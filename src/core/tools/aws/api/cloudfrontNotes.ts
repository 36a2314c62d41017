// Plain-language explanations, for the notebook, of the CloudFront failures
// runbooks run into: a placeholder where the distribution id belongs, and an
// update without (or with a stale) `--if-match` ETag.

import type { AwsCommandContext } from '../context';

/** Real distribution ids: `E` and 12-14 upper-case letters and digits. */
const DISTRIBUTION_ID = /^E[A-Z0-9]{10,15}$/;

export function looksLikePlaceholder(id: string): boolean {
  return !DISTRIBUTION_ID.test(id) || /^<.*>$/.test(id);
}

function codeOf(error: unknown): string | undefined {
  const e = error as { name?: string; Code?: string } | undefined;
  return e?.Code ?? e?.name;
}

export function explainCloudFrontError(error: unknown, operation: string, request: Record<string, unknown>, ctx: AwsCommandContext): void {
  const code = codeOf(error);
  const id = String(request.Id ?? request.DistributionId ?? '');
  const known = ctx.tool.env.CLOUDFRONT_DISTRIBUTION_ID;
  if (code) {
    ctx.tool.emit({ kind: 'cloudfront-error', operation, code, distributionId: id || null, placeholderId: id ? looksLikePlaceholder(id) : false, ifMatchGiven: request.IfMatch !== undefined });
  }
  if (code === 'NoSuchDistribution') {
    const where = known
      ? ` This environment's distribution is in $CLOUDFRONT_DISTRIBUTION_ID (${known}).`
      : '';
    ctx.tool.note(
      (looksLikePlaceholder(id)
        ? `\`${id}\` is not a CloudFront distribution id (they look like E2ABCDEF123456): it looks like a placeholder the runbook never filled in.`
        : `No CloudFront distribution has the id \`${id}\`.`) +
        `${where} \`aws cloudfront list-distributions --query 'DistributionList.Items[].[Id,DomainName,Comment]' --output text\` lists the ids.`,
    );
  }
  if (operation === 'update-distribution') {
    if (request.IfMatch === undefined) {
      ctx.tool.note(
        'update-distribution needs `--if-match` with the current ETag of the distribution config: run ' +
          `\`aws cloudfront get-distribution-config --id ${known ?? 'ID'}\`, edit the DistributionConfig it prints into the file, ` +
          'and pass its "ETag" value as `--if-match`. Without it CloudFront refuses the update (InvalidIfMatchVersion).',
      );
    } else if (code === 'PreconditionFailed') {
      ctx.tool.note(
        `The ETag given to --if-match (${String(request.IfMatch)}) is not the config's current one: someone changed the distribution since it was read. ` +
          'Read it again with get-distribution-config, re-apply the change, and use the new ETag.',
      );
    } else if (code === 'IllegalUpdate') {
      ctx.tool.note(
        'The config file is not this distribution\'s config: its CallerReference differs. update-distribution replaces the whole ' +
          'DistributionConfig, so start from the "DistributionConfig" that get-distribution-config prints and change only what you need.',
      );
    }
  }
}
