// Bad requests get the status codes and Status bodies the real API server sends:
// malformed and non-applying patches, unknown resources and names, stale
// resourceVersions, invalid objects; and kubectl prints them as it does for a real cluster.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SCENARIOS } from '../scenario';
import { startKubeSimulator, type KubeSimulator } from './index';
import { getJson, run } from './testkit';
import type { Json } from './util';

const CM = '/api/v1/namespaces/default/configmaps/app-config';
const DEPLOYMENTS = '/apis/apps/v1/namespaces/default/deployments';

function status(code: number, reason: string, message: string, details?: Json): Json {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
}

describe('API errors of the Kubernetes API simulator', () => {
  let sim: KubeSimulator;
  let dir: string;

  const call = async (method: string, path: string, body?: unknown, contentType = 'application/json') => {
    const res = await fetch(sim.url + path, {
      method,
      headers: { 'Content-Type': contentType, Accept: 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: Json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { code: res.status, contentType: res.headers.get('content-type'), text, json };
  };
  const kubectl = (...args: string[]) =>
    run('kubectl', args, { PATH: process.env.PATH, HOME: dir, KUBECONFIG: join(dir, 'kubeconfig'), KUBECACHEDIR: join(dir, 'cache') });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kube-sim-errors-'));
    sim = await startKubeSimulator({ scenario: SCENARIOS.normal });
    await sim.writeKubeconfig(join(dir, 'kubeconfig'));
  });

  after(async () => {
    await sim?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe('malformed patch', () => {
    it('strategic merge patch that is not JSON → 400 with the decoder message', async () => {
      const r = await call('PATCH', CM, '{bad', 'application/strategic-merge-patch+json');
      assert.equal(r.code, 400);
      assert.deepEqual(r.json, status(400, 'BadRequest', "invalid character 'b' looking for beginning of object key string"));
    });

    it('merge patch that is not JSON → 400 "error decoding patch: ..."', async () => {
      const r = await call('PATCH', CM, '{"data": {"a": }}', 'application/merge-patch+json');
      assert.equal(r.code, 400);
      assert.deepEqual(r.json, status(400, 'BadRequest', "error decoding patch: invalid character '}' looking for beginning of value"));
    });

    it('JSON patch that is not a list of operations → 400', async () => {
      const r = await call('PATCH', CM, { op: 'add', path: '/data/x', value: '1' }, 'application/json-patch+json');
      assert.equal(r.code, 400);
      assert.deepEqual(r.json, status(400, 'BadRequest', 'error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp'));
    });

    it('JSON patch that does not apply → 422 with the generic message', async () => {
      const r = await call('PATCH', CM, [{ op: 'replace', path: '/data/missing/key', value: '1' }], 'application/json-patch+json');
      assert.equal(r.code, 422);
      assert.deepEqual(r.json, status(422, 'Invalid', 'the server rejected our request due to an error in our request', {}));
    });

    it('an unknown patch content type → 415', async () => {
      const r = await call('PATCH', CM, '{}', 'text/plain');
      assert.equal(r.code, 415);
      assert.equal(r.json.reason, 'UnsupportedMediaType');
      assert.match(r.json.message, /^the body of the request was in an unknown format - accepted media types include: application\/json-patch\+json, application\/merge-patch\+json, application\/apply-patch\+yaml, application\/strategic-merge-patch\+json$/);
      const cr = await call('PATCH', '/apis/postgresql.cnpg.io/v1/namespaces/default/clusters/pg-archive', '{}', 'application/strategic-merge-patch+json');
      assert.equal(cr.code, 415, 'custom resources take no strategic merge patch');
    });

    it('kubectl reports a patch that does not apply like against a real cluster', async () => {
      const r = await kubectl('patch', 'configmap', 'app-config', '--type', 'json', '-p', '[{"op":"replace","path":"/data/missing/key","value":"1"}]');
      assert.equal(r.code, 1);
      assert.match(r.stderr, /The request is invalid: the server rejected our request due to an error in our request/);
    });
  });

  describe('unknown resource', () => {
    it('a resource missing from a served group version → 404 Status', async () => {
      const r = await call('GET', '/api/v1/namespaces/default/foos');
      assert.equal(r.code, 404);
      assert.deepEqual(r.json, status(404, 'NotFound', 'the server could not find the requested resource', {}));
    });

    it('a group version that is not served → plain-text 404 page', async () => {
      const r = await call('GET', '/apis/nope.example.com/v1/namespaces/default/foos');
      assert.equal(r.code, 404);
      assert.equal(r.text, '404 page not found\n');
      assert.match(r.contentType ?? '', /^text\/plain/);
    });

    it('kubectl get foos fails from discovery', async () => {
      const r = await kubectl('get', 'foos');
      assert.equal(r.code, 1);
      assert.match(r.stderr, /error: the server doesn't have a resource type "foos"/);
    });

    it('an unsupported field selector → 400', async () => {
      const r = await call('GET', '/api/v1/namespaces/default/pods?fieldSelector=spec.color%3Dblue');
      assert.equal(r.code, 400);
      assert.deepEqual(r.json, status(400, 'BadRequest', 'field label not supported: spec.color'));
    });
  });

  describe('unknown name', () => {
    it('in a named group → 404 with group and resource in details', async () => {
      const r = await call('GET', `${DEPLOYMENTS}/nope`);
      assert.equal(r.code, 404);
      assert.deepEqual(r.json, status(404, 'NotFound', 'deployments.apps "nope" not found', { name: 'nope', group: 'apps', kind: 'deployments' }));
    });

    it('in the core group → 404 without a group', async () => {
      const r = await call('DELETE', '/api/v1/namespaces/default/pods/nope');
      assert.equal(r.code, 404);
      assert.deepEqual(r.json, status(404, 'NotFound', 'pods "nope" not found', { name: 'nope', kind: 'pods' }));
    });

    it('kubectl prints the server error', async () => {
      const r = await kubectl('get', 'deployment', 'nope');
      assert.equal(r.code, 1);
      assert.equal(r.stderr.trim(), 'Error from server (NotFound): deployments.apps "nope" not found');
    });
  });

  describe('stale resourceVersion', () => {
    it('PUT with an old resourceVersion → 409 Conflict', async () => {
      const cm = await getJson(sim.url, CM);
      const fresh = await call('PUT', CM, { ...cm, data: { ...cm.data, LOG_LEVEL: 'debug' } });
      assert.equal(fresh.code, 200);
      assert.notEqual(fresh.json.metadata.resourceVersion, cm.metadata.resourceVersion);
      const stale = await call('PUT', CM, { ...cm, data: { ...cm.data, LOG_LEVEL: 'warn' } });
      assert.equal(stale.code, 409);
      assert.deepEqual(
        stale.json,
        status(409, 'Conflict', 'Operation cannot be fulfilled on configmaps "app-config": the object has been modified; please apply your changes to the latest version and try again', {
          name: 'app-config',
          kind: 'configmaps',
        }),
      );
      assert.equal((await getJson(sim.url, CM)).data.LOG_LEVEL, 'debug');
    });

    it('a patch carrying an old resourceVersion → 409 Conflict', async () => {
      const r = await call('PATCH', `${DEPLOYMENTS}/tiktok-toe`, { metadata: { resourceVersion: '1' }, spec: { replicas: 4 } }, 'application/merge-patch+json');
      assert.equal(r.code, 409);
      assert.equal(r.json.message, 'Operation cannot be fulfilled on deployments.apps "tiktok-toe": the object has been modified; please apply your changes to the latest version and try again');
      assert.deepEqual(r.json.details, { name: 'tiktok-toe', group: 'apps', kind: 'deployments' });
    });
  });

  describe('invalid object', () => {
    it('negative replicas → 422 Invalid with the field path', async () => {
      const r = await call('PATCH', `${DEPLOYMENTS}/tiktok-toe`, { spec: { replicas: -1 } }, 'application/merge-patch+json');
      assert.equal(r.code, 422);
      assert.deepEqual(
        r.json,
        status(422, 'Invalid', 'Deployment.apps "tiktok-toe" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0', {
          name: 'tiktok-toe',
          group: 'apps',
          kind: 'Deployment',
          causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'spec.replicas' }],
        }),
      );
    });

    it('negative replicas through the scale subresource → 422 on Scale.autoscaling', async () => {
      const r = await call('PATCH', `${DEPLOYMENTS}/tiktok-toe/scale`, { spec: { replicas: -2 } }, 'application/merge-patch+json');
      assert.equal(r.code, 422);
      assert.equal(r.json.message, 'Scale.autoscaling "tiktok-toe" is invalid: spec.replicas: Invalid value: -2: must be greater than or equal to 0');
    });

    it('missing containers and an invalid name → 422 listing every cause', async () => {
      const r = await call('POST', DEPLOYMENTS, {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'Bad_Name' },
        spec: { selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } }, spec: {} } },
      });
      assert.equal(r.code, 422);
      assert.equal(r.json.reason, 'Invalid');
      assert.match(r.json.message, /^Deployment\.apps "Bad_Name" is invalid: \[metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of .*, spec\.template\.spec\.containers: Required value\]$/);
      assert.deepEqual(
        r.json.details.causes.map((c: Json) => [c.reason, c.field]),
        [
          ['FieldValueInvalid', 'metadata.name'],
          ['FieldValueRequired', 'spec.template.spec.containers'],
        ],
      );
    });

    it('dryRun=All validates the same way and stores nothing', async () => {
      const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dry-run-only' }, data: { a: '1' } };
      const ok = await call('POST', '/api/v1/namespaces/default/configmaps?dryRun=All', body);
      assert.equal(ok.code, 201);
      assert.equal(ok.json.metadata.name, 'dry-run-only');
      assert.equal((await call('GET', '/api/v1/namespaces/default/configmaps/dry-run-only')).code, 404);
      const bad = await call('POST', '/api/v1/namespaces/default/configmaps?dryRun=All', { ...body, data: { 'bad key': '1' } });
      assert.equal(bad.code, 422);
      assert.equal(bad.json.details.causes[0].field, 'data[bad key]');
    });

    it('creating an object that exists → 409 AlreadyExists', async () => {
      const r = await call('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config' } });
      assert.equal(r.code, 409);
      assert.deepEqual(r.json, status(409, 'AlreadyExists', 'configmaps "app-config" already exists', { name: 'app-config', kind: 'configmaps' }));
    });

    it('kubectl shows the Invalid error with its cause', async () => {
      const r = await kubectl('patch', 'deployment', 'tiktok-toe', '--type', 'merge', '-p', '{"spec":{"replicas":-1}}');
      assert.equal(r.code, 1);
      assert.match(r.stderr, /The Deployment "tiktok-toe" is invalid: spec\.replicas: Invalid value: -1: must be greater than or equal to 0/);
    });
  });
});
