// The credentials an aws command signs with, for the session's masker: the
// secret access key and the session token, from the environment or the
// profile in ~/.aws/credentials or ~/.aws/config (the masker also knows a
// token URL-encoded, as X-Amz-Security-Token carries it in presigned URLs).

import type { ToolContext } from '../../engine/tool';
import type { AwsSettings } from './config';

export function registerCredentials(ctx: Pick<ToolContext, 'session'>, settings: AwsSettings): void {
  const credentials = settings.credentials;
  if (!credentials) return;
  const { masker } = ctx.session;
  masker.add(credentials.secretAccessKey, 'AWS_SECRET_ACCESS_KEY');
  if (credentials.sessionToken) masker.add(credentials.sessionToken, 'AWS_SESSION_TOKEN');
}
