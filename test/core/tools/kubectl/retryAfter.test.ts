// Which answers kubectl's client retries, and how a request is named in the
// error for an answer that is no Status.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { retryAfterSeconds, withRetryAfter } from '../../../../src/core/tools/kubectl/retryAfter';
import { requestTarget, unexpectedResponseText } from '../../../../src/core/tools/kubectl/unexpectedResponse';
import type { KubeResponse } from '../../../../src/core/connections/kubeConnection';

test('only 429 and 5xx answers with a whole number of seconds in Retry-After are retried', () => {
  const answer = (status: number, retryAfter?: string) => ({ status, headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter } });
  assert.equal(retryAfterSeconds(answer(429, '3')), 3);
  assert.equal(retryAfterSeconds(answer(503, '0')), 0);
  assert.equal(retryAfterSeconds(answer(500, '1')), 1);
  assert.equal(retryAfterSeconds(answer(503)), undefined);
  assert.equal(retryAfterSeconds(answer(404, '1')), undefined);
  assert.equal(retryAfterSeconds(answer(429, 'Wed, 21 Oct 2026 07:28:00 GMT')), undefined);
  assert.equal(retryAfterSeconds(answer(429, '1.5')), undefined);
});

test('a server that keeps asking to retry gets eleven requests, then its last answer stands', async () => {
  let sent = 0;
  const last = await withRetryAfter(async () => ({ status: 429, headers: { 'retry-after': '0' }, text: String(++sent) }) as KubeResponse, new AbortController().signal);
  assert.equal(sent, 11);
  assert.equal(last.text, '11');
  let tries = 0;
  const ok = await withRetryAfter(async () => ({ status: ++tries < 3 ? 503 : 200, headers: { 'retry-after': '0' }, text: '' }) as KubeResponse, new AbortController().signal);
  assert.deepEqual([ok.status, tries], [200, 3]);
});

test('the request named in the error: verb, resource with its group, and name', () => {
  assert.deepEqual(requestTarget('/api/v1/namespaces/default/pods'), { resource: 'pods', name: undefined });
  assert.deepEqual(requestTarget('/apis/apps/v1/namespaces/default/deployments/web/scale'), { resource: 'deployments.apps', name: 'web' });
  assert.deepEqual(requestTarget('/api/v1/namespaces/kube-system'), { resource: 'namespaces', name: 'kube-system' });
  assert.deepEqual(requestTarget('/api/v1/nodes'), { resource: 'nodes', name: undefined });
  assert.equal(requestTarget('/version'), undefined);
  assert.equal(unexpectedResponseText(503, { method: 'PATCH', path: '/apis/apps/v1/namespaces/default/deployments/web' }), 'Error from server (ServiceUnavailable): the server is currently unable to handle the request (patch deployments.apps web)');
  assert.equal(unexpectedResponseText(429, { path: '/version' }), 'Error from server (TooManyRequests): the server has received too many requests and has asked us to try again later');
  assert.equal(unexpectedResponseText(500, { path: '/api/v1/pods' }), undefined);
});
