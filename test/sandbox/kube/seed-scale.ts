// The cluster at scale: beside the runbook's world, namespaces team-NN of
// deployments svc-NNN (20 replicas each, one ReplicaSet, every pod Running and
// Ready with CPU and memory requests) and worker nodes to hold them, until the
// cluster runs the asked number of pods. Built directly in the store, as a
// cluster that has settled: the controllers start with nothing to do.
import type { SimContext } from './context';
import { replicaSetFor } from './controllers/deployment';
import { podFromTemplate } from './controllers/replicaset';
import { defaultTemplate } from './defaults';
import { runningStatus } from './podstatus';
import { KEYS } from './resources';
import { node } from './seed';
import { put } from './seed-workloads';
import { ago, DAY, HOUR, safeEncode, type Json, type KubeObject } from './util';

export const PODS_PER_DEPLOYMENT = 20;
export const DEPLOYMENTS_PER_NAMESPACE = 25;
/** Pods per scale node (a node allows 110). */
export const PODS_PER_NODE = 100;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function template(app: string): Json {
  const t = {
    metadata: { labels: { app, tier: 'backend' } },
    spec: {
      containers: [
        {
          name: app,
          image: `ghcr.io/tiktok-toe/${app}:1.0.${app.length}`,
          ports: [{ name: 'http', containerPort: 8080 }],
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
        },
      ],
    },
  };
  defaultTemplate(t);
  return t;
}

function deploymentStatus(replicas: number, rsName: string, at: string): Json {
  return {
    observedGeneration: 1,
    replicas,
    updatedReplicas: replicas,
    readyReplicas: replicas,
    availableReplicas: replicas,
    conditions: [
      { type: 'Available', status: 'True', lastUpdateTime: at, lastTransitionTime: at, reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
      { type: 'Progressing', status: 'True', lastUpdateTime: at, lastTransitionTime: at, reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rsName}" has successfully progressed.` },
    ],
  };
}

/** Nodes scale-worker-NNN for `pods` more pods; returns them in the order pods fill them. */
function seedNodes(ctx: SimContext, pods: number): KubeObject[] {
  const count = Math.ceil(pods / PODS_PER_NODE);
  const nodes: KubeObject[] = [];
  for (let i = 1; i <= count; i++) {
    const n = node(`scale-worker-${pad(i, 3)}`, `10.1.${Math.floor(i / 250)}.${(i % 250) + 2}`);
    n.spec.podCIDR = `10.${64 + Math.floor(i / 256)}.${i % 256}.0/24`;
    nodes.push(put(ctx, KEYS.nodes, n));
  }
  return nodes;
}

/** Adds workloads until the cluster runs `total` pods (nothing when it already does). */
export function seedScale(ctx: SimContext, total: number): void {
  const wanted = total - ctx.store.count(KEYS.pods);
  if (wanted <= 0) return;
  const nodes = seedNodes(ctx, wanted);
  const created = ago(3 * DAY);
  const started = ago(2 * DAY + HOUR);
  let placed = 0;
  for (let d = 0; placed < wanted; d++) {
    const ns = `team-${pad(Math.floor(d / DEPLOYMENTS_PER_NAMESPACE) + 1, 2)}`;
    if (d % DEPLOYMENTS_PER_NAMESPACE === 0) put(ctx, KEYS.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, creationTimestamp: created } });
    const app = `svc-${pad(d + 1, 3)}`;
    const replicas = Math.min(PODS_PER_DEPLOYMENT, wanted - placed);
    const deployment = put(ctx, KEYS.deployments, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: app, namespace: ns, creationTimestamp: created, labels: { app }, annotations: { 'deployment.kubernetes.io/revision': '1' } },
      spec: { replicas, selector: { matchLabels: { app } }, template: template(app) },
    });
    const rs = replicaSetFor(deployment, deployment.spec.template, 1, replicas);
    rs.metadata.creationTimestamp = created;
    rs.status = { replicas, fullyLabeledReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas, observedGeneration: 1 };
    const savedRs = ctx.store.create(KEYS.replicasets, rs);
    for (let i = 0; i < replicas; i++, placed++) {
      const pod = podFromTemplate(savedRs, savedRs.spec.template, `${savedRs.metadata.name}-${safeEncode(pad(i, 5))}`);
      pod.metadata.generateName = `${savedRs.metadata.name}-`;
      pod.metadata.creationTimestamp = created;
      const host = nodes[Math.floor(placed / PODS_PER_NODE)];
      pod.spec.nodeName = host.metadata.name;
      const hostIP = host.status.addresses[0].address;
      const ip = `${host.spec.podCIDR.split('.').slice(0, 3).join('.')}.${(placed % PODS_PER_NODE) + 2}`;
      pod.status = runningStatus(pod, { at: started, startTime: created, ip, hostIP });
      ctx.store.create(KEYS.pods, pod);
    }
    deployment.status = deploymentStatus(replicas, savedRs.metadata.name ?? '', started);
    ctx.store.update(KEYS.deployments, deployment);
  }
}
