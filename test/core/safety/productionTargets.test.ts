// Production targets: the patterns from RUNBOOK_PRODUCTION_TARGETS and from a
// runbook's front matter, the names each kind of target goes by, and globs
// matched without regard to case, `*` crossing dots and slashes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Target } from '../../../src/core/results';
import { Runbook } from '../../../src/core/runbook';
import { DEFAULT_PRODUCTION_TARGETS, globMatcher, judgeTarget, productionMatch, productionPatternsFromEnv, targetNames } from '../../../src/core/safety';

const kube: Target = { kind: 'kubernetes', label: 'context prod-eu, namespace web', name: 'prod-eu', details: { context: 'prod-eu', cluster: 'gke_acme_europe-west1_main', namespace: 'web', server: 'https://10.0.0.1:6443' } };
const pg: Target = { kind: 'postgres', label: 'database orders on db.internal:5432 as app', name: 'db.internal:5432/orders', details: { host: 'db.internal', port: '5432', database: 'orders', user: 'app' } };
const redis: Target = { kind: 'redis', label: 'redis cache-1.internal:6379 db 0', name: 'cache-1.internal:6379', details: { host: 'cache-1.internal', port: '6379', db: '0' } };
const s3: Target = { kind: 's3', label: 's3 eu-west-1 bucket logs', name: 'ops', details: { region: 'eu-west-1', profile: 'ops', bucket: 'logs' } };

test('RUNBOOK_PRODUCTION_TARGETS: unset is the default, empty is none, else a comma-separated list', () => {
  assert.deepEqual(productionPatternsFromEnv({}), [...DEFAULT_PRODUCTION_TARGETS]);
  assert.deepEqual(productionPatternsFromEnv({ RUNBOOK_PRODUCTION_TARGETS: '' }), []);
  assert.deepEqual(productionPatternsFromEnv({ RUNBOOK_PRODUCTION_TARGETS: ' prod-* , db.internal:5432/*,,' }), ['prod-*', 'db.internal:5432/*']);
});

test('each kind of target goes by the names the guard documents', () => {
  assert.deepEqual(targetNames(kube), ['prod-eu', 'gke_acme_europe-west1_main', 'https://10.0.0.1:6443', '10.0.0.1']);
  assert.deepEqual(targetNames(pg), ['db.internal:5432/orders', 'db.internal']);
  assert.deepEqual(targetNames(redis), ['cache-1.internal:6379', 'cache-1.internal']);
  assert.deepEqual(targetNames(s3), ['ops']);
});

test('patterns match any of those names, without regard to case; the first that matches is reported', () => {
  assert.deepEqual(productionMatch(kube, ['staging-*', 'PROD-*']), { pattern: 'PROD-*', name: 'prod-eu' });
  assert.deepEqual(productionMatch(kube, ['gke_acme_*']), { pattern: 'gke_acme_*', name: 'gke_acme_europe-west1_main' });
  assert.deepEqual(productionMatch(kube, ['10.0.0.*']), { pattern: '10.0.0.*', name: '10.0.0.1' });
  assert.deepEqual(productionMatch(pg, ['db.internal:5432/*']), { pattern: 'db.internal:5432/*', name: 'db.internal:5432/orders' });
  assert.deepEqual(productionMatch(pg, ['*.internal']), { pattern: '*.internal', name: 'db.internal' });
  assert.equal(productionMatch(redis, ['*prod*']), undefined);
  assert.equal(productionMatch(s3, []), undefined);
  assert.deepEqual(productionMatch(s3, ['o?s']), { pattern: 'o?s', name: 'ops' });
});

test('judgeTarget marks a target either way, and leaves no target alone', () => {
  assert.equal(judgeTarget({ ...redis }, ['cache-*'])?.production, true);
  assert.equal(judgeTarget({ ...redis, production: true }, ['db-*'])?.production, false, 'a tool\'s own guess does not stand');
  assert.equal(judgeTarget(undefined, ['*']), undefined);
});

test('a runbook\'s front matter adds its own patterns: a list, or one as a string; anything else is ignored', () => {
  const read = (front: string) => Runbook.fromMarkdown(`---\n${front}\n---\n# Title\n`).productionTargets;
  assert.deepEqual(read('production: [prod-*, "db.internal:5432/*"]'), ['prod-*', 'db.internal:5432/*']);
  assert.deepEqual(read('production: prod-eu'), ['prod-eu']);
  assert.deepEqual(read('production: {a: 1}\ntitle: x'), []);
  assert.deepEqual(read('title: no production key'), []);
  assert.deepEqual(Runbook.fromMarkdown('# No front matter\n').productionTargets, []);
});

test('globs: * any run (dots and slashes too), ? one character, [...] a set, [!...] its complement; the rest literal', () => {
  const m = (pattern: string, name: string) => globMatcher(pattern)(name);
  assert.equal(m('prod-*', 'PROD-eu.west/1'), true);
  assert.equal(m('prod-*', 'preprod-eu'), false, 'anchored at both ends');
  assert.equal(m('db?.internal', 'db1.internal'), true);
  assert.equal(m('db?.internal', 'db12.internal'), false);
  assert.equal(m('db.internal', 'dbXinternal'), false, 'a dot is a dot');
  assert.equal(m('[ab]-cluster', 'b-cluster'), true);
  assert.equal(m('[!ab]-cluster', 'b-cluster'), false);
  assert.equal(m('[!ab]-cluster', 'c-cluster'), true);
  assert.equal(m('10.0.0.(1)+', '10.0.0.(1)+'), true, 'regular expression characters stand for themselves');
  assert.equal(m('a[b', 'a[b'), true, 'an unclosed bracket is literal');
});
