// The simulator's request counter: watches count apart from lists, by path.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RequestCounter, requestKey } from './requestCount';

test('a watch counts apart from a list of the same path, however it is asked for', () => {
  assert.equal(requestKey('GET', '/api/v1/pods?limit=500&continue=abc'), 'GET /api/v1/pods');
  assert.equal(requestKey('GET', '/api/v1/pods?watch=1&resourceVersion=7'), 'WATCH /api/v1/pods');
  assert.equal(requestKey('GET', '/api/v1/pods?watch=true'), 'WATCH /api/v1/pods');
  assert.equal(requestKey('GET', '/api/v1/pods?watch=false'), 'GET /api/v1/pods');
  assert.equal(requestKey('GET', '/api/v1/watch/namespaces/default/pods'), 'WATCH /api/v1/watch/namespaces/default/pods');
  assert.equal(requestKey('PATCH', '/apis/apps/v1/namespaces/default/deployments/web/'), 'PATCH /apis/apps/v1/namespaces/default/deployments/web');
});

test('the counter counts every request its handler is given, then passes it on', () => {
  const counter = new RequestCounter();
  const handled: string[] = [];
  const handle = counter.counting((req) => handled.push(req.url!));
  for (const url of ['/api/v1/pods?limit=500', '/api/v1/pods?watch=1', '/api/v1/pods?limit=500&continue=x']) handle({ method: 'GET', url } as never, {} as never);
  assert.deepEqual(counter.snapshot(), { 'GET /api/v1/pods': 2, 'WATCH /api/v1/pods': 1 });
  assert.equal(handled.length, 3);
});
