// The runbook's workloads with history, so rollbacks have somewhere to go:
// deployment tiktok-toe (3 replicas, revision 2 of 2), statefulsets postgresql and
// redis (one pod each, two ControllerRevisions), their PVCs, the HPA, and the
// recent events an on-call engineer would see.
import type { SimContext } from './context';
import { replicaSetFor, REVISION } from './controllers/deployment';
import { internalIp } from './controllers/kubelet';
import { podFromTemplate } from './controllers/replicaset';
import { claimFor, controllerRevisionFor, REVISION_LABEL } from './controllers/statefulset';
import { applyDefaults, defaultTemplate } from './defaults';
import { recordEvent } from './events';
import { runningStatus } from './podstatus';
import { formatBytes } from './quantity';
import { KEYS } from './resources';
import { ago, DAY, HOUR, MINUTE, randomSuffix, type Json, type KubeObject } from './util';

/** Stores an object as the API server would have defaulted it. */
export function put(ctx: SimContext, key: string, obj: KubeObject): KubeObject {
  applyDefaults(key, obj);
  return ctx.store.create(key, obj);
}

function container(name: string, image: string, port: number, requests: Json, limits: Json, extra: Json = {}): Json {
  return { name, image, ports: [{ name: extra.portName ?? name, containerPort: port }], resources: { requests, limits }, ...(extra.spec ?? {}) };
}

function appTemplate(image: string): Json {
  const c = container('tiktok-toe', image, 8080, { cpu: '500m', memory: '512Mi' }, { cpu: '1', memory: '1Gi' }, {
    portName: 'http',
    spec: {
      env: [
        { name: 'NODE_ENV', value: 'production' },
        { name: 'CIRCUIT_BREAKER_ENABLED', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'CIRCUIT_BREAKER_ENABLED' } } },
        { name: 'DATABASE_PASSWORD', valueFrom: { secretKeyRef: { name: 'postgresql-credentials', key: 'password' } } },
      ],
      readinessProbe: { httpGet: { path: '/health', port: 8080 }, initialDelaySeconds: 5 },
      livenessProbe: { httpGet: { path: '/health', port: 8080 }, initialDelaySeconds: 15 },
    },
  });
  const t = { metadata: { labels: { app: 'tiktok-toe', tier: 'api' } }, spec: { containers: [c] } };
  defaultTemplate(t);
  return t;
}

function dbTemplate(image: string): Json {
  const c = container('postgresql', image, 5432, { cpu: '1', memory: '2Gi' }, { cpu: '2', memory: '4Gi' }, {
    spec: {
      env: [
        { name: 'POSTGRES_DB', value: 'tiktoktoe' },
        { name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'postgresql-credentials', key: 'password' } } },
        { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
      ],
      volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }],
      readinessProbe: { exec: { command: ['pg_isready', '-U', 'app'] }, periodSeconds: 10 },
    },
  });
  const t = { metadata: { labels: { app: 'postgresql' } }, spec: { containers: [c] } };
  defaultTemplate(t);
  return t;
}

function redisTemplate(image: string): Json {
  const c = container('redis', image, 6379, { cpu: '250m', memory: '1Gi' }, { memory: '1Gi' }, {
    spec: {
      command: ['redis-server', '/etc/redis/redis.conf'],
      volumeMounts: [
        { name: 'config', mountPath: '/etc/redis' },
        { name: 'data', mountPath: '/data' },
      ],
    },
  });
  const t = { metadata: { labels: { app: 'redis' } }, spec: { containers: [c], volumes: [{ name: 'config', configMap: { name: 'redis-config' } }] } };
  defaultTemplate(t);
  return t;
}

function runningPod(ctx: SimContext, pod: KubeObject, nodeIndex: number, started: number, created: number, crashed?: number): KubeObject {
  const node = ctx.store.get(KEYS.nodes, undefined, `sandbox-worker-${nodeIndex}`)!;
  pod.metadata.creationTimestamp = ago(created);
  pod.spec.nodeName = node.metadata.name;
  pod.status = runningStatus(pod, {
    at: ago(started),
    startTime: ago(created),
    ip: `10.244.${nodeIndex}.${10 + ctx.store.count(KEYS.pods)}`,
    hostIP: internalIp(node),
    lastTermination: crashed ? { startedAt: ago(created - 5000), finishedAt: ago(crashed), reason: 'OOMKilled', exitCode: 137 } : undefined,
  });
  return ctx.store.create(KEYS.pods, pod);
}

function seedDeployment(ctx: SimContext): void {
  const store = ctx.store;
  const d = put(ctx, KEYS.deployments, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'tiktok-toe', namespace: 'default', creationTimestamp: ago(12 * DAY), labels: { app: 'tiktok-toe' }, annotations: { [REVISION]: '2' } },
    spec: { replicas: 3, selector: { matchLabels: { app: 'tiktok-toe' } }, template: appTemplate('ghcr.io/tiktok-toe/api:1.4.2') },
  });
  const oldRs = replicaSetFor(d, appTemplate('ghcr.io/tiktok-toe/api:1.4.1'), 1, 0);
  oldRs.metadata.creationTimestamp = ago(12 * DAY);
  oldRs.status = { replicas: 0, observedGeneration: 2 };
  store.create(KEYS.replicasets, oldRs);
  const rs = replicaSetFor(d, d.spec.template, 2, 3);
  rs.metadata.creationTimestamp = ago(2 * DAY);
  rs.status = { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 };
  const savedRs = store.create(KEYS.replicasets, rs);
  for (let i = 0; i < 3; i++) {
    const pod = podFromTemplate(savedRs, savedRs.spec.template, `${savedRs.metadata.name}-${randomSuffix(5)}`);
    pod.metadata.generateName = `${savedRs.metadata.name}-`;
    runningPod(ctx, pod, (i % 2) + 1, i === 0 ? 5 * HOUR : 2 * DAY - i * 20_000, 2 * DAY - i * 20_000, i === 0 ? 5 * HOUR + 2000 : undefined);
  }
  const at = ago(2 * DAY);
  d.status = {
    observedGeneration: d.metadata.generation,
    replicas: 3,
    updatedReplicas: 3,
    readyReplicas: 3,
    availableReplicas: 3,
    conditions: [
      { type: 'Available', status: 'True', lastUpdateTime: at, lastTransitionTime: ago(12 * DAY), reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
      { type: 'Progressing', status: 'True', lastUpdateTime: at, lastTransitionTime: ago(12 * DAY), reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${savedRs.metadata.name}" has successfully progressed.` },
    ],
  };
  const saved = store.update(KEYS.deployments, d);
  const hpa = put(ctx, KEYS.hpas, {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'tiktok-toe', namespace: 'default', creationTimestamp: ago(12 * DAY) },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'tiktok-toe' },
      minReplicas: 3,
      maxReplicas: 10,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 75 } } },
      ],
    },
  });
  hpa.status = { lastScaleTime: ago(12 * MINUTE), currentReplicas: 3, desiredReplicas: 3 };
  const savedHpa = store.update(KEYS.hpas, hpa);
  const surgePod = `${savedRs.metadata.name}-${randomSuffix(5)}`;
  recordEvent(store, savedHpa, { reason: 'SuccessfulRescale', message: 'New size: 4; reason: cpu resource utilization (percentage of request) above target', component: 'horizontal-pod-autoscaler', at: Date.now() - 42 * MINUTE });
  recordEvent(store, saved, { reason: 'ScalingReplicaSet', message: `Scaled up replica set ${savedRs.metadata.name} to 4 from 3`, component: 'deployment-controller', at: Date.now() - 42 * MINUTE });
  recordEvent(store, savedRs, { reason: 'SuccessfulCreate', message: `Created pod: ${surgePod}`, component: 'replicaset-controller', at: Date.now() - 42 * MINUTE });
  recordEvent(store, savedHpa, { reason: 'SuccessfulRescale', message: 'New size: 3; reason: All metrics below target', component: 'horizontal-pod-autoscaler', at: Date.now() - 12 * MINUTE });
  recordEvent(store, saved, { reason: 'ScalingReplicaSet', message: `Scaled down replica set ${savedRs.metadata.name} to 3 from 4`, component: 'deployment-controller', at: Date.now() - 12 * MINUTE });
  recordEvent(store, savedRs, { reason: 'SuccessfulDelete', message: `Deleted pod: ${surgePod}`, component: 'replicaset-controller', at: Date.now() - 12 * MINUTE });
}

interface StatefulSeed {
  name: string;
  service: string;
  templates: [Json, Json];
  storage: string;
  nodeIndex: number;
}

function seedStatefulSet(ctx: SimContext, s: StatefulSeed): KubeObject {
  const store = ctx.store;
  const sts: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: s.name, namespace: 'default', creationTimestamp: ago(30 * DAY), labels: { app: s.name } },
    spec: {
      replicas: 1,
      serviceName: s.service,
      selector: { matchLabels: { app: s.name } },
      template: s.templates[1],
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'gp3', resources: { requests: { storage: s.storage } } } }],
    },
  };
  applyDefaults(KEYS.statefulsets, sts);
  const saved = store.create(KEYS.statefulsets, sts);
  const old = controllerRevisionFor({ ...saved, spec: { ...saved.spec, template: s.templates[0] } }, 1);
  old.metadata.creationTimestamp = ago(30 * DAY);
  store.create(KEYS.revisions, old);
  const current = controllerRevisionFor(saved, 2);
  current.metadata.creationTimestamp = ago(6 * DAY);
  store.create(KEYS.revisions, current);
  const podName = `${s.name}-0`;
  const claim = claimFor(saved, saved.spec.volumeClaimTemplates[0], podName);
  claim.metadata.creationTimestamp = ago(30 * DAY);
  store.create(KEYS.pvcs, claim);
  const pod = podFromTemplate(saved, saved.spec.template, podName, {
    [REVISION_LABEL]: current.metadata.name ?? '',
    'statefulset.kubernetes.io/pod-name': podName,
    'apps.kubernetes.io/pod-index': '0',
  });
  pod.spec.hostname = podName;
  pod.spec.subdomain = s.service;
  pod.spec.volumes = [...(pod.spec.volumes ?? []), { name: 'data', persistentVolumeClaim: { claimName: `data-${podName}` } }];
  const savedPod = runningPod(ctx, pod, s.nodeIndex, 6 * DAY, 6 * DAY);
  saved.status = {
    observedGeneration: saved.metadata.generation,
    replicas: 1,
    readyReplicas: 1,
    currentReplicas: 1,
    updatedReplicas: 1,
    currentRevision: current.metadata.name,
    updateRevision: current.metadata.name,
    collisionCount: 0,
    availableReplicas: 1,
  };
  store.update(KEYS.statefulsets, saved);
  return savedPod;
}

/** Seeds the workloads; the PVC data-postgresql-0 gets `pvcCapacityBytes`. */
export function seedWorkloads(ctx: SimContext): void {
  seedDeployment(ctx);
  const db = seedStatefulSet(ctx, {
    name: 'postgresql',
    service: 'postgresql-headless',
    templates: [dbTemplate('postgres:15.6'), dbTemplate('postgres:15.7')],
    storage: formatBytes(ctx.pvcCapacityBytes),
    nodeIndex: 1,
  });
  seedStatefulSet(ctx, { name: 'redis', service: 'redis-headless', templates: [redisTemplate('redis:7.2.4'), redisTemplate('redis:7.2.5')], storage: '8Gi', nodeIndex: 2 });
  recordEvent(ctx.store, db, {
    type: 'Warning',
    reason: 'Unhealthy',
    message: 'Readiness probe failed: pg_isready: /var/run/postgresql:5432 - rejecting connections',
    component: 'kubelet',
    host: db.spec.nodeName,
    fieldPath: 'spec.containers{postgresql}',
    at: Date.now() - 20 * MINUTE,
    firstAt: Date.now() - 26 * MINUTE,
    count: 3,
  });
}
