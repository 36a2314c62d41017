// @kubernetes/client-node 1.4 against the simulator: list (with limit/continue),
// watch (ADDED/MODIFIED on scale, BOOKMARKs), patch with each strategy, the scale
// subresource, metrics (Metrics, topPods, topNodes) and pod logs (Log).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import * as k8s from '@kubernetes/client-node';
import { SCENARIOS } from '../scenario';
import { startKubeSimulator, type KubeSimulator } from './index';
import { appPodsReady, eventually } from './testkit';

const ns = 'default';

describe('@kubernetes/client-node against the Kubernetes API simulator', () => {
  let sim: KubeSimulator;
  let dir: string;
  let kc: k8s.KubeConfig;
  let core: k8s.CoreV1Api;
  let apps: k8s.AppsV1Api;
  let autoscaling: k8s.AutoscalingV2Api;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kube-sim-client-'));
    sim = await startKubeSimulator({ scenario: SCENARIOS.warning, readyDelayMs: 200 });
    await sim.writeKubeconfig(join(dir, 'kubeconfig'));
    kc = new k8s.KubeConfig();
    kc.loadFromFile(join(dir, 'kubeconfig'));
    core = kc.makeApiClient(k8s.CoreV1Api);
    apps = kc.makeApiClient(k8s.AppsV1Api);
    autoscaling = kc.makeApiClient(k8s.AutoscalingV2Api);
  });

  after(async () => {
    await sim?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads the kubeconfig the simulator writes (http with skipTLSVerify)', () => {
    assert.equal(kc.getCurrentContext(), 'sandbox');
    assert.equal(kc.getCurrentCluster()?.server, sim.url);
    assert.equal(kc.getCurrentCluster()?.skipTLSVerify, true);
  });

  it('lists pods by label, pages with limit/continue, reads HPA and custom resources', async () => {
    const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=tiktok-toe' });
    assert.equal(pods.items.length, 3);
    assert.ok(pods.items.every((p) => p.status?.phase === 'Running'));
    assert.ok(pods.items[0].metadata?.creationTimestamp instanceof Date);
    const first = await core.listNamespacedPod({ namespace: ns, limit: 2 });
    assert.equal(first.items.length, 2);
    assert.ok(first.metadata?._continue);
    assert.equal(first.metadata?.remainingItemCount, 3);
    const rest = await core.listNamespacedPod({ namespace: ns, limit: 10, _continue: first.metadata?._continue });
    assert.equal(rest.items.length, 3);
    const hpa = await autoscaling.readNamespacedHorizontalPodAutoscaler({ name: 'tiktok-toe', namespace: ns });
    const cpu = hpa.status?.currentMetrics?.find((m) => m.resource?.name === 'cpu');
    assert.equal(cpu?.resource?.current.averageUtilization, SCENARIOS.warning.appCpuPercent);
    const custom = kc.makeApiClient(k8s.CustomObjectsApi);
    const clusters = await custom.listNamespacedCustomObject({ group: 'postgresql.cnpg.io', version: 'v1', namespace: ns, plural: 'clusters' });
    assert.deepEqual(clusters.items.map((c: k8s.KubernetesObject) => c.metadata?.name), ['pg-analytics', 'pg-archive']);
    const objects = k8s.KubernetesObjectApi.makeApiClient(kc);
    const d = await objects.read<k8s.V1Deployment>({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'tiktok-toe', namespace: ns } });
    assert.equal(d.spec?.replicas, 3);
  });

  it('watches pods and the deployment: ADDED/MODIFIED on scale, BOOKMARKs when allowed', async () => {
    const list = await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=tiktok-toe' });
    const seen: { type: string; name: string; phase?: string }[] = [];
    const deploymentEvents: { type: string; replicas?: number }[] = [];
    const watch = new k8s.Watch(kc);
    const podWatch = await watch.watch(
      `/api/v1/namespaces/${ns}/pods`,
      { labelSelector: 'app=tiktok-toe', resourceVersion: list.metadata?.resourceVersion, allowWatchBookmarks: true },
      (type, obj) => seen.push({ type, name: obj.metadata?.name, phase: obj.status?.phase }),
      () => undefined,
    );
    const deployWatch = await watch.watch(
      `/apis/apps/v1/namespaces/${ns}/deployments`,
      { fieldSelector: 'metadata.name=tiktok-toe' },
      (type, obj) => deploymentEvents.push({ type, replicas: obj.spec?.replicas }),
      () => undefined,
    );
    try {
      await eventually(() => deploymentEvents.some((e) => e.type === 'ADDED'), 'the initial ADDED of the deployment');
      await apps.patchNamespacedDeploymentScale(
        { name: 'tiktok-toe', namespace: ns, body: { spec: { replicas: 5 } } },
        k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
      );
      await eventually(() => seen.filter((e) => e.type === 'ADDED').length >= 2, 'two ADDED pods');
      await eventually(() => seen.filter((e) => e.type === 'MODIFIED' && e.phase === 'Running').length >= 2, 'the new pods MODIFIED to Running');
      await eventually(() => deploymentEvents.some((e) => e.type === 'MODIFIED' && e.replicas === 5), 'the deployment MODIFIED to 5 replicas');
      await eventually(() => seen.some((e) => e.type === 'BOOKMARK'), 'a BOOKMARK', 15_000);
    } finally {
      podWatch.abort();
      deployWatch.abort();
    }
    await appPodsReady(sim.url, 5);
  });

  it('patches with strategic merge, merge and JSON patch (and dryRun changes nothing)', async () => {
    const smp = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch);
    const merge = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);
    let cm = await core.patchNamespacedConfigMap({ name: 'app-config', namespace: ns, body: { data: { CIRCUIT_BREAKER_ENABLED: 'true' } } }, smp);
    assert.equal(cm.data?.CIRCUIT_BREAKER_ENABLED, 'true');
    assert.equal(cm.data?.LOG_LEVEL, 'info');
    cm = await core.patchNamespacedConfigMap({ name: 'app-config', namespace: ns, body: { data: { LOG_LEVEL: null } } }, merge);
    assert.equal(cm.data?.LOG_LEVEL, undefined);
    cm = await core.patchNamespacedConfigMap({ name: 'app-config', namespace: ns, body: [{ op: 'add', path: '/data/LOG_LEVEL', value: 'debug' }] });
    assert.equal(cm.data?.LOG_LEVEL, 'debug');
    const dry = await core.patchNamespacedConfigMap({ name: 'app-config', namespace: ns, dryRun: 'All', body: { data: { LOG_LEVEL: 'trace' } } }, merge);
    assert.equal(dry.data?.LOG_LEVEL, 'trace');
    assert.equal((await core.readNamespacedConfigMap({ name: 'app-config', namespace: ns })).data?.LOG_LEVEL, 'debug');

    const generation = (await apps.readNamespacedDeployment({ name: 'tiktok-toe', namespace: ns })).metadata?.generation ?? 0;
    const d = await apps.patchNamespacedDeployment(
      { name: 'tiktok-toe', namespace: ns, body: { spec: { template: { spec: { containers: [{ name: 'tiktok-toe', env: [{ name: 'FEATURE_FLAG', value: 'on' }] }] } } } } },
      smp,
    );
    const env = d.spec?.template.spec?.containers[0].env ?? [];
    assert.deepEqual(env.map((e) => e.name), ['NODE_ENV', 'CIRCUIT_BREAKER_ENABLED', 'DATABASE_PASSWORD', 'FEATURE_FLAG'], 'env merged by name');
    assert.equal(d.spec?.template.spec?.containers[0].image, 'ghcr.io/tiktok-toe/api:1.4.2');
    assert.equal(d.metadata?.generation, generation + 1, 'a template change is a new generation');
    await eventually(async () => {
      const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=tiktok-toe' });
      const live = pods.items.filter((p) => !p.metadata?.deletionTimestamp);
      return live.length === 5 && live.every((p) => p.spec?.containers[0].env?.some((e) => e.name === 'FEATURE_FLAG') && p.status?.phase === 'Running');
    }, 'the rollout of the patched template');
    const rs = await apps.listNamespacedReplicaSet({ namespace: ns, labelSelector: 'app=tiktok-toe' });
    assert.deepEqual(rs.items.map((r) => r.metadata?.annotations?.['deployment.kubernetes.io/revision']).sort(), ['1', '2', '3']);
  });

  it('creates, replaces and deletes with propagation (the deployment takes its replica sets and pods along)', async () => {
    const labels = { app: 'web' };
    const created = await apps.createNamespacedDeployment({
      namespace: ns,
      body: { metadata: { name: 'web', labels }, spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } } },
    });
    assert.equal(created.spec?.strategy?.type, 'RollingUpdate', 'defaulted');
    assert.equal(created.spec?.template.spec?.containers[0].imagePullPolicy, 'IfNotPresent');
    await eventually(async () => (await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=web' })).items.filter((p) => p.status?.phase === 'Running').length === 2, 'two web pods');
    const cm = await core.readNamespacedConfigMap({ name: 'nginx-config', namespace: ns });
    cm.data = { ...cm.data, 'extra.conf': 'gzip on;' };
    const replaced = await core.replaceNamespacedConfigMap({ name: 'nginx-config', namespace: ns, body: cm });
    assert.equal(replaced.data?.['extra.conf'], 'gzip on;');
    assert.notEqual(replaced.metadata?.resourceVersion, cm.metadata?.resourceVersion);
    await apps.deleteNamespacedDeployment({ name: 'web', namespace: ns, propagationPolicy: 'Background' });
    await eventually(async () => {
      const rs = await apps.listNamespacedReplicaSet({ namespace: ns, labelSelector: 'app=web' });
      const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=web' });
      return rs.items.length === 0 && pods.items.length === 0;
    }, 'replica sets and pods of the deleted deployment gone');
  });

  it('writes status only through the status subresource', async () => {
    const custom = kc.makeApiClient(k8s.CustomObjectsApi);
    const ref = { group: 'postgresql.cnpg.io', version: 'v1', namespace: ns, plural: 'clusters', name: 'pg-archive' };
    const merge = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);
    const main = await custom.patchNamespacedCustomObject({ ...ref, body: { spec: { instances: 2 }, status: { phase: 'ignored' } } }, merge);
    assert.equal(main.spec.instances, 2);
    assert.equal(main.status.phase, 'Cluster in healthy state', 'status is not written through the main resource');
    const status = await custom.patchNamespacedCustomObjectStatus({ ...ref, body: { spec: { instances: 9 }, status: { phase: 'Upgrading cluster' } } }, merge);
    assert.equal(status.status.phase, 'Upgrading cluster');
    assert.equal(status.spec.instances, 2, 'spec is not written through the status subresource');
  });

  it('scales through the scale subresource (read, replace, patch) for deployments and statefulsets', async () => {
    const scale = await apps.readNamespacedDeploymentScale({ name: 'tiktok-toe', namespace: ns });
    assert.equal(scale.spec?.replicas, 5);
    assert.equal(scale.status?.selector, 'app=tiktok-toe');
    scale.spec = { replicas: 4 };
    const replaced = await apps.replaceNamespacedDeploymentScale({ name: 'tiktok-toe', namespace: ns, body: scale });
    assert.equal(replaced.spec?.replicas, 4);
    await appPodsReady(sim.url, 4);
    const stsScale = await apps.patchNamespacedStatefulSetScale(
      { name: 'redis', namespace: ns, body: { spec: { replicas: 2 } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    assert.equal(stsScale.spec?.replicas, 2);
    await eventually(async () => {
      const p = await core.readNamespacedPod({ name: 'redis-1', namespace: ns }).catch(() => undefined);
      return p?.status?.phase === 'Running';
    }, 'redis-1 running');
  });

  it('reads metrics: Metrics.getPodMetrics/getNodeMetrics, topPods and topNodes', async () => {
    const metrics = new k8s.Metrics(kc);
    const pm = await metrics.getPodMetrics(ns);
    const app = pm.items.filter((p) => p.metadata.name.startsWith('tiktok-toe-'));
    assert.equal(app.length, 4);
    assert.ok(app.every((p) => p.containers[0].usage.cpu === '390m'), 'cpu is 78% of 500m in the warning scenario');
    const nodes = await metrics.getNodeMetrics();
    assert.deepEqual(nodes.items.map((n) => n.metadata.name), ['sandbox-worker-1', 'sandbox-worker-2']);
    const top = await k8s.topPods(core, metrics, ns);
    const pod = top.find((p) => p.Pod.metadata?.name?.startsWith('tiktok-toe-'));
    assert.equal(Number(pod?.CPU.CurrentUsage), 0.39);
    assert.equal(Number(pod?.CPU.RequestTotal), 0.5);
    const topNodes = await k8s.topNodes(core);
    assert.equal(topNodes.length, 2);
    assert.equal(Number(topNodes[0].CPU.Capacity), 3.92);
  });

  it('reads logs with Log: tailLines, timestamps, previous, and follow until aborted', async () => {
    const log = new k8s.Log(kc);
    const pods = (await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=tiktok-toe' })).items;
    const name = pods[0].metadata!.name!;
    const collect = () => {
      let text = '';
      const stream = new Writable({
        write(chunk, _enc, done) {
          text += chunk;
          done();
        },
      });
      return { stream, text: () => text };
    };
    const tail = collect();
    await log.log(ns, 'postgresql-0', 'postgresql', tail.stream, { tailLines: 1000, timestamps: true });
    await eventually(() => tail.text().split('\n').filter(Boolean).length === 1000, '1000 log lines');
    assert.match(tail.text(), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z /);
    assert.match(tail.text(), /ERROR: {2}/);
    const follow = collect();
    const ctl = await log.log(ns, name, 'tiktok-toe', follow.stream, { follow: true, tailLines: 1 });
    try {
      await eventually(() => follow.text().split('\n').filter(Boolean).length >= 2, 'a followed log line', 15_000);
    } finally {
      ctl.abort();
    }
    const recent = await core.readNamespacedPodLog({ name: 'redis-0', namespace: ns, container: 'redis', sinceSeconds: 5 });
    const count = recent.split('\n').filter(Boolean).length;
    assert.ok(count >= 1 && count <= 4, `${count} lines in the last 5 s`);
    await assert.rejects(() => core.readNamespacedPodLog({ name, namespace: ns, previous: true }), (e: Error) => /previous terminated container/.test(e.message));
  });
});
