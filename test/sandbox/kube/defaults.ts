// Defaulting the API server applies on every write, so objects read back look
// like a real cluster's (and `kubectl rollout status` finds its strategies).
import { qosClass } from './podstatus';
import { KEYS } from './resources';
import { isPlainObject, type Json, type KubeObject } from './util';

function defaultContainer(c: Json): void {
  if (!isPlainObject(c)) return;
  if (c.image !== undefined && c.imagePullPolicy === undefined) {
    const image = String(c.image);
    const tag = image.includes('@') ? 'digest' : /:[^/]+$/.exec(image)?.[0].slice(1);
    c.imagePullPolicy = !tag || tag === 'latest' ? 'Always' : 'IfNotPresent';
  }
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  for (const p of c.ports ?? []) if (isPlainObject(p)) p.protocol ??= 'TCP';
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) {
    if (!isPlainObject(probe)) continue;
    probe.timeoutSeconds ??= 1;
    probe.periodSeconds ??= 10;
    probe.successThreshold ??= 1;
    probe.failureThreshold ??= 3;
    if (isPlainObject(probe.httpGet)) probe.httpGet.scheme ??= 'HTTP';
  }
  for (const e of c.env ?? []) {
    const ref = e?.valueFrom?.fieldRef;
    if (isPlainObject(ref)) ref.apiVersion ??= 'v1';
  }
}

export function defaultPodSpec(spec: Json): void {
  if (!isPlainObject(spec)) return;
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
  for (const v of spec.volumes ?? []) {
    if (isPlainObject(v?.configMap)) v.configMap.defaultMode ??= 420;
    if (isPlainObject(v?.secret)) v.secret.defaultMode ??= 420;
  }
}

/** Defaults of a pod template (creationTimestamp: null, pod spec defaults), in place. */
export function defaultTemplate(template: Json): void {
  if (!isPlainObject(template)) return;
  template.metadata ??= {};
  if (template.metadata.creationTimestamp === undefined) template.metadata.creationTimestamp = null;
  template.spec ??= {};
  defaultPodSpec(template.spec);
}

function defaultWorkload(obj: KubeObject): void {
  const spec = (obj.spec ??= {});
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  defaultTemplate(spec.template);
}

function defaultDeployment(obj: KubeObject): void {
  defaultWorkload(obj);
  const spec = obj.spec;
  spec.progressDeadlineSeconds ??= 600;
  spec.strategy ??= {};
  spec.strategy.type ??= 'RollingUpdate';
  if (spec.strategy.type === 'RollingUpdate') {
    spec.strategy.rollingUpdate ??= {};
    spec.strategy.rollingUpdate.maxSurge ??= '25%';
    spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
  }
}

function defaultStatefulSet(obj: KubeObject): void {
  defaultWorkload(obj);
  const spec = obj.spec;
  spec.podManagementPolicy ??= 'OrderedReady';
  spec.updateStrategy ??= {};
  spec.updateStrategy.type ??= 'RollingUpdate';
  if (spec.updateStrategy.type === 'RollingUpdate') {
    spec.updateStrategy.rollingUpdate ??= {};
    spec.updateStrategy.rollingUpdate.partition ??= 0;
  }
  spec.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: 'Retain', whenScaled: 'Retain' };
  for (const t of spec.volumeClaimTemplates ?? []) {
    if (!isPlainObject(t)) continue;
    t.apiVersion ??= 'v1';
    t.kind ??= 'PersistentVolumeClaim';
    t.metadata ??= {};
    if (t.metadata.creationTimestamp === undefined) t.metadata.creationTimestamp = null;
    t.spec ??= {};
    t.spec.volumeMode ??= 'Filesystem';
    t.status ??= { phase: 'Pending' };
  }
}

function defaultService(obj: KubeObject): void {
  const spec = (obj.spec ??= {});
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
  spec.internalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'LoadBalancer' || spec.type === 'NodePort') {
    spec.externalTrafficPolicy ??= 'Cluster';
    if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  }
  for (const p of spec.ports ?? []) {
    if (!isPlainObject(p)) continue;
    p.protocol ??= 'TCP';
    p.targetPort ??= p.port;
  }
  obj.status ??= { loadBalancer: {} };
}

const HPA_BEHAVIOR = {
  scaleUp: {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  },
  scaleDown: {
    stabilizationWindowSeconds: 300,
    selectPolicy: 'Max',
    policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
  },
};

function defaultHpa(obj: KubeObject): void {
  const spec = (obj.spec ??= {});
  spec.minReplicas ??= 1;
  if (!spec.metrics?.length) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
  }
  spec.behavior ??= {};
  for (const dir of ['scaleUp', 'scaleDown'] as const) {
    const d = (spec.behavior[dir] ??= {});
    const dflt = HPA_BEHAVIOR[dir];
    d.stabilizationWindowSeconds ??= dflt.stabilizationWindowSeconds;
    d.selectPolicy ??= dflt.selectPolicy;
    d.policies ??= dflt.policies.map((p) => ({ ...p }));
  }
}

/** Applies the server-side defaults of a kind, in place. */
export function applyDefaults(key: string, obj: KubeObject): void {
  obj.metadata ??= {};
  switch (key) {
    case KEYS.pods:
      defaultPodSpec((obj.spec ??= {}));
      obj.spec.enableServiceLinks ??= true;
      obj.spec.preemptionPolicy ??= 'PreemptLowerPriority';
      obj.spec.priority ??= 0;
      obj.spec.serviceAccountName ??= 'default';
      obj.spec.serviceAccount ??= obj.spec.serviceAccountName;
      obj.status ??= { phase: 'Pending', qosClass: qosClass(obj) };
      obj.spec.tolerations ??= [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ];
      break;
    case KEYS.deployments:
      defaultDeployment(obj);
      break;
    case KEYS.replicasets:
      defaultWorkload(obj);
      delete obj.spec.revisionHistoryLimit;
      break;
    case KEYS.statefulsets:
      defaultStatefulSet(obj);
      break;
    case KEYS.services:
      defaultService(obj);
      break;
    case KEYS.secrets:
      obj.type ??= 'Opaque';
      break;
    case KEYS.pvcs:
      obj.spec ??= {};
      obj.spec.volumeMode ??= 'Filesystem';
      obj.status ??= { phase: 'Pending' };
      break;
    case KEYS.hpas:
      defaultHpa(obj);
      break;
    case KEYS.namespaces:
      obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': obj.metadata.name ?? '' };
      obj.spec ??= { finalizers: ['kubernetes'] };
      obj.status ??= { phase: 'Active' };
      break;
    case KEYS.crds:
      obj.spec ??= {};
      obj.spec.conversion ??= { strategy: 'None' };
      break;
  }
}

/** Assigns a free cluster IP and node ports to a new Service, as the API server's allocators do. */
export function allocateService(svc: KubeObject, existing: KubeObject[]): void {
  const spec = svc.spec ?? {};
  const ips = new Set(existing.map((s) => s.spec?.clusterIP));
  const ports = new Set(existing.flatMap((s) => (s.spec?.ports ?? []).map((p: Json) => p.nodePort)));
  if (spec.type !== 'ExternalName' && !spec.clusterIP) {
    let ip: string;
    do ip = `10.96.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 253) + 1}`;
    while (ips.has(ip));
    spec.clusterIP = ip;
  }
  if (spec.clusterIP && !spec.clusterIPs) spec.clusterIPs = [spec.clusterIP];
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
    for (const p of spec.ports ?? []) {
      if (!isPlainObject(p) || p.nodePort) continue;
      let n: number;
      do n = 30000 + Math.floor(Math.random() * 2768);
      while (ports.has(n));
      p.nodePort = n;
      ports.add(n);
    }
  }
}
