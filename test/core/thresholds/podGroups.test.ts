// Which groups a pod belongs to, by the groups' Kubernetes selectors: the
// same answer pod by pod (groupsForPod) as from the selectors compiled once
// (podGroups, what judging many pods uses).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupsForPod, podGroups, selectsPod } from '../../../src/core/thresholds/bindings';
import type { ThresholdGroup } from '../../../src/core/thresholds';

const group = (name: string, kubernetes: string): ThresholdGroup => ({ name, component: 'kubernetes', metrics: [], binding: { kubernetes } }) as unknown as ThresholdGroup;

const GROUPS = [group('App', 'deployment/tiktok-toe'), group('Database', 'statefulset/postgresql,pod/*pgbouncer*'), group('Rest', '*')];

test('a pod is claimed by the groups whose selector names it, else by the `*` groups', () => {
  const forPod = podGroups(GROUPS);
  const cases: [string, string[]][] = [
    ['tiktok-toe-7d9f8c6b5-x2k4q', ['App']],
    ['postgresql-0', ['Database']],
    ['edge-pgbouncer-1', ['Database']],
    ['tiktok-toe', ['Rest']],
    ['svc-001-6c5b7-abcde', ['Rest']],
  ];
  for (const [pod, names] of cases) {
    assert.deepEqual(forPod(pod).map((g) => g.name), names, pod);
    assert.deepEqual(groupsForPod(GROUPS, pod).map((g) => g.name), names, pod);
  }
});

test('selector kinds: a statefulset names ordinal pods only, a name is matched literally, an entry without a kind names nothing', () => {
  assert.equal(selectsPod('statefulset/db', 'db-12'), true);
  assert.equal(selectsPod('sts/db', 'db-x'), false);
  assert.equal(selectsPod('deployment/a.b', 'axb-7d9f8c6b5-x2k4q'), false);
  assert.equal(selectsPod('deployment/a.b', 'a.b-7d9f8c6b5-x2k4q'), true);
  assert.equal(selectsPod('daemonset/log', 'log-abcde'), true);
  assert.equal(selectsPod('tiktok-toe', 'tiktok-toe'), false);
  assert.equal(selectsPod('job/x, pod/x*', 'x-1'), true);
});

test('the groups answered for one pod are not shared with the next', () => {
  const forPod = podGroups(GROUPS);
  forPod('unclaimed-a').push(group('Extra', 'pod/zzz'));
  assert.deepEqual(forPod('unclaimed-b').map((g) => g.name), ['Rest']);
});
