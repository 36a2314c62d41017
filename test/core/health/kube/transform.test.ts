// What the cache keeps of each object: the fields the health view measures,
// and none of the bulk (managedFields, last-applied configuration, most of spec).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { slimObject } from '../../../../src/core/health/kube/transform';

const managedFields = [{ manager: 'kubectl', operation: 'Apply', fieldsV1: { 'f:spec': {} } }];

test('a pod keeps labels, owner, node, requests, conditions and restarts; drops the rest', () => {
  const raw = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web-1',
      namespace: 'shop',
      uid: 'u-1',
      resourceVersion: '77',
      labels: { app: 'web' },
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"huge":true}', 'team': 'checkout' },
      managedFields,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d9', uid: 'rs-1', controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      nodeName: 'node-2',
      volumes: [{ name: 'data', emptyDir: {} }],
      containers: [{ name: 'web', image: 'web:1', env: [{ name: 'A', value: 'b' }], resources: { requests: { cpu: '250m', memory: '128Mi' }, limits: { memory: '256Mi' } } }],
    },
    status: {
      phase: 'Running',
      podIP: '10.0.0.9',
      conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z' }],
      containerStatuses: [{ name: 'web', ready: true, restartCount: 4, image: 'web:1', imageID: 'sha256:abc', state: { running: { startedAt: '2026-01-01T00:00:00Z' } } }],
    },
  };
  assert.deepEqual(slimObject('pods', raw), {
    metadata: {
      name: 'web-1',
      namespace: 'shop',
      uid: 'u-1',
      resourceVersion: '77',
      labels: { app: 'web' },
      annotations: { team: 'checkout' },
      ownerReferences: [{ kind: 'ReplicaSet', name: 'web-5d9', uid: 'rs-1', controller: true }],
    },
    spec: { nodeName: 'node-2', containers: [{ name: 'web', resources: { requests: { cpu: '250m', memory: '128Mi' }, limits: { memory: '256Mi' } } }] },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }],
      containerStatuses: [{ name: 'web', ready: true, restartCount: 4, state: { running: { startedAt: '2026-01-01T00:00:00Z' } } }],
      initContainerStatuses: undefined,
    },
  });
});

test('a deployment keeps its replicas and conditions, not its pod template', () => {
  const slim = slimObject('deployments', {
    metadata: { name: 'web', namespace: 'shop', uid: 'd-1', generation: 3, managedFields },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [{ name: 'web' }] } }, strategy: { type: 'RollingUpdate' } },
    status: { replicas: 3, readyReplicas: 2, availableReplicas: 2, updatedReplicas: 3, observedGeneration: 3, conditions: [{ type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable' }] },
  });
  assert.deepEqual(slim.spec, { replicas: 3, selector: { matchLabels: { app: 'web' } } });
  assert.equal(slim.status?.readyReplicas, 2);
  assert.equal(slim.metadata.generation, 3);
  assert.equal('managedFields' in slim.metadata, false);
});

test('an HPA keeps its bounds and metrics; a PVC its capacity; a node its conditions and allocatable; an event its reason and object', () => {
  const hpa = slimObject('horizontalpodautoscalers', {
    metadata: { name: 'web', namespace: 'shop', uid: 'h-1' },
    spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 10, metrics: [{ type: 'Resource' }], behavior: { scaleDown: {} } },
    status: { currentReplicas: 10, desiredReplicas: 10, currentMetrics: [{ type: 'Resource' }] },
  });
  assert.deepEqual(hpa.spec, { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 10, metrics: [{ type: 'Resource' }] });
  const pvc = slimObject('persistentvolumeclaims', {
    metadata: { name: 'data-db-0', namespace: 'shop', uid: 'p-1' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } }, volumeName: 'pv-1', storageClassName: 'gp3' },
    status: { phase: 'Bound', capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'] },
  });
  assert.deepEqual(pvc.spec, { storageClassName: 'gp3', volumeName: 'pv-1', requests: { storage: '10Gi' } });
  assert.deepEqual(pvc.status?.capacity, { storage: '10Gi' });
  const node = slimObject('nodes', {
    metadata: { name: 'node-1', uid: 'n-1' },
    spec: { podCIDR: '10.0.0.0/24', unschedulable: true },
    status: { allocatable: { cpu: '4' }, capacity: { cpu: '4' }, images: [{ names: ['big'] }], conditions: [{ type: 'Ready', status: 'True' }] },
  });
  assert.deepEqual(node.spec, { unschedulable: true });
  assert.equal('images' in (node.status ?? {}), false);
  const event = slimObject('events', {
    metadata: { name: 'web-1.17', namespace: 'shop', uid: 'e-1' },
    type: 'Warning',
    reason: 'BackOff',
    message: 'Back-off restarting failed container',
    involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'shop' },
    count: 5,
    source: { component: 'kubelet' },
  });
  assert.deepEqual(event.event, { type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container', involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'shop' }, count: 5 });
});
