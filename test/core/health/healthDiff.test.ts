import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changedNodes, nodeId } from '../../../src/core/health/healthDiff';
import type { HealthNode } from '../../../src/core/health/healthNode';

const tree = (podsLabel: string, level: HealthNode['level'], extraPod = false): HealthNode[] => [
  {
    kind: 'kubernetes', name: 'context/sandbox', label: '', level,
    children: [
      { kind: 'deployment', name: 'deployment/web', label: '3/3', level, children: [{ kind: 'pods', name: 'pods', label: podsLabel, level, children: extraPod ? [{ kind: 'pod', name: 'pod/web-1', label: 'CrashLoopBackOff', level: 'critical' }] : [] }] },
      { kind: 'deployment', name: 'deployment/api', label: '2/2', level: 'ok' },
    ],
  },
];

test('an unchanged tree refreshes nothing; a changed label refreshes that node and the nodes whose level moved', () => {
  assert.deepEqual(changedNodes(tree('3 ok', 'ok'), tree('3 ok', 'ok')), []);
  assert.deepEqual(changedNodes(tree('3 ok', 'ok'), tree('2 ok · 1 warning', 'ok')), [nodeId(['context/sandbox', 'deployment/web', 'pods'])]);
  assert.deepEqual(changedNodes(tree('3 ok', 'ok'), tree('2 ok · 1 warning', 'warning')), [
    nodeId(['context/sandbox']),
    nodeId(['context/sandbox', 'deployment/web']),
    nodeId(['context/sandbox', 'deployment/web', 'pods']),
  ]);
});

test('children that come or go refresh their parent as a whole; new roots refresh everything', () => {
  assert.deepEqual(changedNodes(tree('3 ok', 'ok'), tree('2 ok · 1 critical', 'ok', true)), [nodeId(['context/sandbox', 'deployment/web', 'pods'])]);
  assert.equal(changedNodes(tree('3 ok', 'ok'), [...tree('3 ok', 'ok'), { kind: 'redis', name: 'redis', label: '' }]), undefined);
});
