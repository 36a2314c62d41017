// The cluster the user's scaling runbook expects: namespaces, two nodes, a
// default StorageClass that allows expansion, the app's config maps, secrets and
// services, and a CloudNativePG CRD with a few Cluster objects. Workloads are in
// seed-workloads.ts.
import type { SimContext } from './context';
import { KEYS } from './resources';
import { put, seedWorkloads } from './seed-workloads';
import { ago, DAY, HOUR, type Json, type KubeObject } from './util';

const b64 = (s: string) => Buffer.from(s).toString('base64');

function meta(name: string, namespace: string | undefined, age: number, extra: Json = {}): Json {
  return { name, ...(namespace ? { namespace } : {}), creationTimestamp: ago(age), ...extra };
}

/** A Ready worker node (m6i.xlarge: 4 CPUs, 16 GiB, 110 pods). */
export function node(name: string, ip: string): KubeObject {
  const at = ago(30 * DAY);
  const cond = (type: string, status: string, reason: string, message: string) => ({ type, status, lastHeartbeatTime: ago(20_000), lastTransitionTime: at, reason, message });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta(name, undefined, 30 * DAY, {
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'node.kubernetes.io/instance-type': 'm6i.xlarge',
        'topology.kubernetes.io/zone': name.endsWith('1') ? 'us-east-1a' : 'us-east-1b',
      },
    }),
    spec: { podCIDR: `10.244.${name.slice(-1)}.0/24`, providerID: `aws:///us-east-1a/i-0${name.slice(-1)}a1b2c3d4e5f6789` },
    status: {
      capacity: { cpu: '4', 'ephemeral-storage': '104845292Ki', memory: '16086676Ki', pods: '110' },
      allocatable: { cpu: '3920m', 'ephemeral-storage': '95551679124', memory: '15069844Ki', pods: '110' },
      conditions: [
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: 'ec2a1b2c3d4e5f60718293a4b5c6d7e8',
        systemUUID: 'ec2a1b2c-3d4e-5f60-7182-93a4b5c6d7e8',
        bootID: '4c1f2a9e-6b7d-4e0f-9a8b-1c2d3e4f5a6b',
        kernelVersion: '6.1.132-147.221.amzn2023.x86_64',
        osImage: 'Amazon Linux 2023.7.20250512',
        containerRuntimeVersion: 'containerd://1.7.27',
        kubeletVersion: 'v1.32.4',
        kubeProxyVersion: 'v1.32.4',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

const CONFIG: Record<string, Record<string, string>> = {
  'app-config': {
    CIRCUIT_BREAKER_ENABLED: 'false',
    LOG_LEVEL: 'info',
    RATE_LIMIT_RPS: '1000',
    DB_POOL_SIZE: '20',
    REDIS_URL: 'redis://redis:6379',
  },
  'pgbouncer-config': {
    'pgbouncer.ini': '[databases]\ntiktoktoe = host=postgresql port=5432 dbname=tiktoktoe\n\n[pgbouncer]\nlisten_port = 6432\npool_mode = transaction\nmax_client_conn = 500\ndefault_pool_size = 20\nreserve_pool_size = 5\n',
  },
  'nginx-config': {
    'nginx.conf': 'worker_processes auto;\nevents { worker_connections 4096; }\nhttp {\n  limit_req_zone $binary_remote_addr zone=api:10m rate=100r/s;\n  server {\n    listen 80;\n    location /api/ {\n      limit_req zone=api burst=200 nodelay;\n      proxy_pass http://tiktok-toe:80;\n    }\n  }\n}\n',
  },
  'redis-config': {
    'redis.conf': 'maxmemory 768mb\nmaxmemory-policy allkeys-lru\nappendonly yes\nsave 300 100\n',
  },
};

function service(name: string, spec: Json, age: number, annotations?: Record<string, string>, status?: Json): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: meta(name, 'default', age, { labels: { app: name.replace(/-headless$/, '') }, ...(annotations ? { annotations } : {}) }), spec, ...(status ? { status } : {}) };
}

function seedWorld(ctx: SimContext): void {
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    put(ctx, KEYS.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: meta(ns, undefined, 30 * DAY) });
    put(ctx, KEYS.configmaps, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta('kube-root-ca.crt', ns, 30 * DAY, { annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } }),
      data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\nMIIBsandboxsandboxsandboxsandbox\n-----END CERTIFICATE-----\n' },
    });
  }
  put(ctx, KEYS.nodes, node('sandbox-worker-1', '10.0.1.17'));
  put(ctx, KEYS.nodes, node('sandbox-worker-2', '10.0.2.41'));
  put(ctx, KEYS.storageclasses, {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: meta('gp3', undefined, 30 * DAY, { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }),
    provisioner: 'ebs.csi.aws.com',
    parameters: { type: 'gp3', fsType: 'ext4' },
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
    allowVolumeExpansion: true,
  });
  for (const [name, data] of Object.entries(CONFIG)) {
    put(ctx, KEYS.configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(name, 'default', 12 * DAY, { labels: { app: 'tiktok-toe' } }), data });
  }
  const secret = (name: string, type: string, data: Record<string, string>) =>
    put(ctx, KEYS.secrets, { apiVersion: 'v1', kind: 'Secret', metadata: meta(name, 'default', 30 * DAY), type, data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])) });
  secret('postgresql-credentials', 'Opaque', { username: 'app', password: 'sandbox-db-password', database: 'tiktoktoe' });
  secret('redis-auth', 'Opaque', { password: 'sandbox-redis-password' });
  secret('tiktok-toe-tls', 'kubernetes.io/tls', { 'tls.crt': '-----BEGIN CERTIFICATE-----\nsandbox\n-----END CERTIFICATE-----\n', 'tls.key': '-----BEGIN PRIVATE KEY-----\nsandbox\n-----END PRIVATE KEY-----\n' });

  put(ctx, KEYS.services, service('kubernetes', { clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, targetPort: 443 }] }, 30 * DAY));
  put(
    ctx,
    KEYS.services,
    service(
      'tiktok-toe',
      { type: 'LoadBalancer', clusterIP: '10.96.48.12', clusterIPs: ['10.96.48.12'], selector: { app: 'tiktok-toe' }, ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort: 31080 }] },
      12 * DAY,
      {
        'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb',
        'service.beta.kubernetes.io/aws-load-balancer-connection-idle-timeout': '30',
      },
      { loadBalancer: { ingress: [{ hostname: 'a3f9c2e1b7d84e0c9a1b2c3d4e5f6a7b-1234567890.us-east-1.elb.amazonaws.com' }] } },
    ),
  );
  put(ctx, KEYS.services, service('postgresql', { clusterIP: '10.96.112.7', clusterIPs: ['10.96.112.7'], selector: { app: 'postgresql' }, ports: [{ name: 'postgresql', port: 5432, targetPort: 5432 }] }, 30 * DAY));
  put(ctx, KEYS.services, service('postgresql-headless', { clusterIP: 'None', clusterIPs: ['None'], selector: { app: 'postgresql' }, ports: [{ name: 'postgresql', port: 5432, targetPort: 5432 }] }, 30 * DAY));
  put(ctx, KEYS.services, service('redis', { clusterIP: '10.96.77.31', clusterIPs: ['10.96.77.31'], selector: { app: 'redis' }, ports: [{ name: 'redis', port: 6379, targetPort: 6379 }] }, 30 * DAY));
  put(ctx, KEYS.services, service('redis-headless', { clusterIP: 'None', clusterIPs: ['None'], selector: { app: 'redis' }, ports: [{ name: 'redis', port: 6379, targetPort: 6379 }] }, 30 * DAY));
}

function seedCrd(ctx: SimContext): void {
  const now = ago(20 * DAY);
  put(ctx, KEYS.crds, {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: meta('clusters.postgresql.cnpg.io', undefined, 20 * DAY, { annotations: { 'controller-gen.kubebuilder.io/version': 'v0.16.4' } }),
    spec: {
      group: 'postgresql.cnpg.io',
      names: { kind: 'Cluster', listKind: 'ClusterList', plural: 'clusters', singular: 'cluster' },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          subresources: { status: {}, scale: { specReplicasPath: '.spec.instances', statusReplicasPath: '.status.instances', labelSelectorPath: '.status.selector' } },
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          additionalPrinterColumns: [
            { jsonPath: '.metadata.creationTimestamp', name: 'Age', type: 'date' },
            { description: 'Number of instances', jsonPath: '.status.instances', name: 'Instances', type: 'integer' },
            { description: 'Number of ready instances', jsonPath: '.status.readyInstances', name: 'Ready', type: 'integer' },
            { description: 'Cluster current status', jsonPath: '.status.phase', name: 'Status', type: 'string' },
            { description: 'Primary pod', jsonPath: '.status.currentPrimary', name: 'Primary', type: 'string' },
          ],
        },
      ],
    },
    status: {
      acceptedNames: { kind: 'Cluster', listKind: 'ClusterList', plural: 'clusters', singular: 'cluster' },
      conditions: [
        { type: 'NamesAccepted', status: 'True', lastTransitionTime: now, reason: 'NoConflicts', message: 'no conflicts found' },
        { type: 'Established', status: 'True', lastTransitionTime: now, reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
      ],
      storedVersions: ['v1'],
    },
  });
  const cluster = (name: string, instances: number, age: number) =>
    ctx.store.create('postgresql.cnpg.io/clusters', {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: meta(name, 'default', age),
      spec: { instances, imageName: 'ghcr.io/cloudnative-pg/postgresql:16.4', storage: { size: '20Gi', storageClass: 'gp3' } },
      status: { instances, readyInstances: instances, phase: 'Cluster in healthy state', currentPrimary: `${name}-1`, selector: `cnpg.io/cluster=${name}` },
    });
  cluster('pg-analytics', 3, 18 * DAY);
  cluster('pg-archive', 1, 6 * HOUR + 5 * DAY);
}

/** Fills the store with the runbook's world. */
export function seed(ctx: SimContext): void {
  seedWorld(ctx);
  seedCrd(ctx);
  seedWorkloads(ctx);
}
