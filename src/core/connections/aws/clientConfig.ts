// The options every SDK client gets from a resolved connection: region,
// endpoint (path-style for a custom one), credentials or the profile left to
// the SDK, botocore's retries, and agents that dial where RUNBOOK_HOSTS says.

import { Agent as HttpsAgent } from 'node:https';
import { routedAgent } from '../agents';
import type { AwsConnection } from './config';

/** Region, endpoint, credentials, retries and agents for an SDK client (S3, CloudFront). */
export function sdkClientConfig(s: AwsConnection): Record<string, unknown> {
  return {
    region: s.region,
    ...(s.endpointUrl ? { endpoint: s.endpointUrl, forcePathStyle: true } : {}),
    ...(s.credentials
      ? { credentials: { accessKeyId: s.credentials.accessKeyId, secretAccessKey: s.credentials.secretAccessKey, ...(s.credentials.sessionToken ? { sessionToken: s.credentials.sessionToken } : {}) } }
      : s.sdkProfile
        ? { profile: s.sdkProfile }
        : {}),
    // As many attempts as botocore makes (the SDK's own default is 3): the same "(reached max retries: N)".
    maxAttempts: s.maxAttempts,
    ...requestHandler(s),
  };
}

/** Agents for the SDK when the defaults will not do: no certificate check, or endpoint hosts mapped elsewhere. */
function requestHandler(s: AwsConnection): Record<string, unknown> {
  if (s.hostMappings) {
    // The SDK's own agents keep connections alive, up to 50 per host.
    const options = { keepAlive: true, maxSockets: 50, ...(s.noVerifySsl ? { rejectUnauthorized: false } : {}) };
    return { requestHandler: { httpAgent: routedAgent('http:', s.hostMappings, options), httpsAgent: routedAgent('https:', s.hostMappings, options) } };
  }
  return s.noVerifySsl ? { requestHandler: { httpsAgent: new HttpsAgent({ rejectUnauthorized: false }) } } : {};
}
