// kubectl's words for an error response whose body is not a Kubernetes Status
// (a proxy's or load balancer's 429 or 503): the client's generic message for
// the status code, then the request's verb, resource and name, as in
// `the server is currently unable to handle the request (get deployments.apps web)`.

import type { KubeRequest } from '../../connections/kubeConnection';

const GENERIC: Record<number, { reason: string; message: string }> = {
  429: { reason: 'TooManyRequests', message: 'the server has received too many requests and has asked us to try again later' },
  503: { reason: 'ServiceUnavailable', message: 'the server is currently unable to handle the request' },
};

/** `Error from server (Reason): message (verb resource name)`, or undefined for a status kubectl words otherwise. */
export function unexpectedResponseText(status: number, request: KubeRequest | undefined): string | undefined {
  const generic = GENERIC[status];
  if (!generic) return undefined;
  const target = request && requestTarget(request.path);
  const what = target ? ` (${(request.method ?? 'GET').toLowerCase()} ${[target.resource, target.name].filter(Boolean).join(' ')})` : '';
  return `Error from server (${generic.reason}): ${generic.message}${what}`;
}

/** `deployments.apps` and `web` from `/apis/apps/v1/namespaces/default/deployments/web`; undefined for a path that names no resource. */
export function requestTarget(path: string): { resource: string; name?: string } | undefined {
  const match = /^\/(?:api\/[^/]+|apis\/([^/]+)\/[^/]+)(?:\/namespaces\/[^/]+(?=\/))?\/([^/?]+)(?:\/([^/?]+))?/.exec(path);
  if (!match) return undefined;
  const [, group, plural, name] = match;
  return { resource: group ? `${plural}.${group}` : plural, name };
}
