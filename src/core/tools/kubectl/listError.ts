// A list the server refused (400 or 404), in kubectl's words: kubectl names
// the resource and the selectors before the server's own message.

import type { KubeResponse } from '../../connections/kubeConnection';
import type { ResourceType } from './discovery';
import { serverError, type KubectlError } from './session';

export interface ListQuery {
  labelSelector?: string;
  fieldSelector?: string;
}

export function listError(response: KubeResponse, type: ResourceType, query: ListQuery): KubectlError {
  if (response.status !== 400 && response.status !== 404) return serverError(response);
  let status: { message?: string } & Record<string, unknown>;
  try {
    status = JSON.parse(response.text) as typeof status;
  } catch {
    return serverError(response);
  }
  if (typeof status !== 'object' || status === null || status.kind !== 'Status') return serverError(response);
  // Go's %q of a GroupVersionResource: `/v1, Resource=pods`, `apps/v1, Resource=deployments`.
  const resource = JSON.stringify(`${type.group}/${type.version}, Resource=${type.resource}`);
  const label = query.labelSelector ?? '';
  const field = query.fieldSelector ?? '';
  const message = label === '' && field === ''
    ? `Unable to list ${resource}: ${status.message ?? ''}`
    : `Unable to find ${resource} that match label selector ${JSON.stringify(label)}, field selector ${JSON.stringify(field)}: ${status.message ?? ''}`;
  return serverError({ ...response, text: JSON.stringify({ ...status, message }) });
}
