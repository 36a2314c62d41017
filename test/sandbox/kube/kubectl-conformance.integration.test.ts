// Every kubectl command of the user's scaling runbook, run with the real kubectl
// binary against the simulator, in runbook order, asserting each command's effect
// on the cluster and the shape of its output.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SCENARIOS } from '../scenario';
import { startKubeSimulator, type KubeSimulator } from './index';
import { appPodsReady, eventually, getJson, rows, run, type Result } from './testkit';
import { EDITOR, NEW_NODE, READ_REPLICA } from './runbook-fixtures';
import type { Json } from './util';

describe('kubectl against the Kubernetes API simulator: the scaling runbook', () => {
  let sim: KubeSimulator;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  const kubectl = (args: string[], extra: NodeJS.ProcessEnv = {}): Promise<Result> => run('kubectl', args, { ...env, ...extra }, join(dir, 'work'));
  const ok = async (args: string[], extra: NodeJS.ProcessEnv = {}): Promise<Result> => {
    const r = await kubectl(args, extra);
    assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed (${r.code}):\n${r.stderr}\n${r.stdout}`);
    return r;
  };
  const api = (path: string): Promise<Json> => getJson(sim.url, path);
  const edit = (find: string, replace: string, ...args: string[]) => ok(['edit', ...args], { EDIT_FIND: find, EDIT_REPLACE: replace });
  const events = async (reason: string): Promise<Json[]> =>
    (await api(`/api/v1/namespaces/default/events?fieldSelector=reason%3D${reason}`)).items;
  const sts = (name: string) => api(`/apis/apps/v1/namespaces/default/statefulsets/${name}`);
  const revisions = async (app: string): Promise<Json[]> =>
    (await api(`/apis/apps/v1/namespaces/default/controllerrevisions?labelSelector=app%3D${app}`)).items;
  /** Waits until the statefulset's single pod runs the update revision and is ready. */
  const stsRolledOut = (name: string) =>
    eventually(async () => {
      const s = await sts(name);
      const pod = await api(`/api/v1/namespaces/default/pods/${name}-0`).catch(() => undefined);
      const ready = pod && !pod.metadata.deletionTimestamp && pod.status?.phase === 'Running';
      return ready && s.status.currentRevision === s.status.updateRevision && pod.metadata.labels['controller-revision-hash'] === s.status.updateRevision ? s : undefined;
    }, `statefulset ${name} rolled out`);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kube-sim-kubectl-'));
    sim = await startKubeSimulator({ scenario: SCENARIOS.normal, readyDelayMs: 200 });
    const kubeconfig = join(dir, 'kubeconfig');
    await sim.writeKubeconfig(kubeconfig);
    mkdirSync(join(dir, 'work/k8s/database'), { recursive: true });
    mkdirSync(join(dir, 'work/k8s/cache'), { recursive: true });
    writeFileSync(join(dir, 'work/k8s/database/read-replica.yaml'), READ_REPLICA);
    writeFileSync(join(dir, 'work/k8s/cache/new-node.yaml'), NEW_NODE);
    writeFileSync(join(dir, 'editor.mjs'), EDITOR);
    env = {
      PATH: process.env.PATH,
      HOME: dir,
      KUBECONFIG: kubeconfig,
      KUBECACHEDIR: join(dir, 'cache'),
      KUBE_EDITOR: `${process.execPath} ${join(dir, 'editor.mjs')}`,
    };
  });

  after(async () => {
    await sim?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs the dispatcher without downloading anything and reports a v1.32 server', async () => {
    const r = await ok(['version', '-o', 'json']);
    const v = JSON.parse(r.stdout);
    assert.equal(v.serverVersion.gitVersion, 'v1.32.4');
    assert.doesNotMatch(r.stderr, /download|install|component/i);
  });

  it('kubectl get hpa', async () => {
    const r = await ok(['get', 'hpa']);
    const [header, row] = rows(r.stdout);
    assert.deepEqual(header, ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE']);
    assert.deepEqual(row.slice(0, 6), ['tiktok-toe', 'Deployment/tiktok-toe', 'cpu: 50%/70%, memory: 55%/75%', '3', '10', '3']);
    assert.equal(row[6], '12d');
  });

  it('kubectl describe hpa tiktok-toe', async () => {
    const r = await ok(['describe', 'hpa', 'tiktok-toe']);
    assert.match(r.stdout, /Reference:\s+Deployment\/tiktok-toe/);
    assert.match(r.stdout, /resource cpu on pods\s+\(as a percentage of request\):\s+50% \(250m\) \/ 70%/);
    assert.match(r.stdout, /resource memory on pods\s+\(as a percentage of request\):\s+55% \(\d+Ki\) \/ 75%/);
    assert.match(r.stdout, /Min replicas:\s+3/);
    assert.match(r.stdout, /Max replicas:\s+10/);
    assert.match(r.stdout, /Deployment pods:\s+3 current \/ 3 desired/);
    assert.match(r.stdout, /ScalingActive\s+True\s+ValidMetricFound/);
    assert.match(r.stdout, /SuccessfulRescale\s+\S+\s+horizontal-pod-autoscaler\s+New size: 3; reason: All metrics below target/);
  });

  it('kubectl get events --field-selector reason=Scaling finds nothing (no controller emits it)', async () => {
    const r = await ok(['get', 'events', '--field-selector', 'reason=Scaling']);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /No resources found in default namespace\./);
    const scaling = await ok(['get', 'events', '--field-selector', 'reason=ScalingReplicaSet']);
    assert.deepEqual(rows(scaling.stdout)[0], ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    assert.match(scaling.stdout, /ScalingReplicaSet\s+deployment\/tiktok-toe\s+Scaled down replica set tiktok-toe-\w+ to 3 from 4/);
  });

  it('kubectl get pods -l app=tiktok-toe', async () => {
    const r = await ok(['get', 'pods', '-l', 'app=tiktok-toe']);
    const [header, ...pods] = rows(r.stdout);
    assert.deepEqual(header, ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    assert.equal(pods.length, 3);
    for (const p of pods) {
      assert.match(p[0], /^tiktok-toe-\w+-\w{5}$/);
      assert.deepEqual(p.slice(1, 3), ['1/1', 'Running']);
    }
    assert.ok(pods.some((p) => /^1 \(\d+h\d*m? ago\)$/.test(p[3])), 'one pod shows its restart');
  });

  it('kubectl scale deployment tiktok-toe --replicas=5, then get pods shows five', async () => {
    const r = await ok(['scale', 'deployment', 'tiktok-toe', '--replicas=5']);
    assert.equal(r.stdout.trim(), 'deployment.apps/tiktok-toe scaled');
    await appPodsReady(sim.url, 5);
    const scaled = await events('ScalingReplicaSet');
    assert.ok(scaled.some((e) => /^Scaled up replica set tiktok-toe-\w+ to 5 from 3$/.test(e.message) && e.source.component === 'deployment-controller'));
    assert.ok((await events('SuccessfulCreate')).filter((e) => e.source.component === 'replicaset-controller').length >= 3);
    const pods = rows((await ok(['get', 'pods', '-l', 'app=tiktok-toe'])).stdout).slice(1);
    assert.equal(pods.length, 5);
    assert.ok(pods.every((p) => p[1] === '1/1' && p[2] === 'Running'));
  });

  it('kubectl rollout status deployment/tiktok-toe completes', async () => {
    const r = await ok(['rollout', 'status', 'deployment/tiktok-toe', '--timeout=60s']);
    assert.match(r.stdout, /deployment "tiktok-toe" successfully rolled out/);
  });

  it('kubectl get pods -l app=tiktok-toe -w streams changes (scaling to 10 meanwhile)', async () => {
    const child = spawn('kubectl', ['get', 'pods', '-l', 'app=tiktok-toe', '-w'], { env, cwd: join(dir, 'work') });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    try {
      await eventually(() => out.split('\n').filter((l) => /1\/1\s+Running/.test(l)).length >= 5, 'the initial list in the watch output');
      assert.match(out, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
      const r = await ok(['scale', 'deployment', 'tiktok-toe', '--replicas=10']);
      assert.equal(r.stdout.trim(), 'deployment.apps/tiktok-toe scaled');
      await eventually(() => out.split('\n').filter((l) => /1\/1\s+Running/.test(l)).length >= 10, 'the new pods running in the watch output');
      assert.match(out, /0\/1\s+(Pending|ContainerCreating)/);
      assert.equal(out.match(/^NAME\s+READY/gm)?.length, 1, 'the header is printed once');
    } finally {
      child.kill('SIGTERM');
    }
    await appPodsReady(sim.url, 10);
    assert.match((await ok(['get', 'hpa'])).stdout, /tiktok-toe\s+Deployment\/tiktok-toe\s+cpu: 50%\/70%, memory: 55%\/75%\s+3\s+10\s+10/);
  });

  it('kubectl apply -f k8s/database/read-replica.yaml', async () => {
    const r = await ok(['apply', '-f', 'k8s/database/read-replica.yaml']);
    assert.match(r.stdout, /statefulset\.apps\/postgresql-read-replica created/);
    assert.match(r.stdout, /service\/postgresql-read-replica created/);
    await stsRolledOut('postgresql-read-replica');
    const pvc = await api('/api/v1/namespaces/default/persistentvolumeclaims/data-postgresql-read-replica-0');
    assert.equal(pvc.status.phase, 'Bound');
    const svc = await api('/api/v1/namespaces/default/services/postgresql-read-replica');
    assert.match(svc.spec.clusterIP, /^10\.96\.\d+\.\d+$/);
  });

  it('kubectl edit configmap pgbouncer-config', async () => {
    const r = await edit('default_pool_size = 20', 'default_pool_size = 40', 'configmap', 'pgbouncer-config');
    assert.equal(r.stdout.trim(), 'configmap/pgbouncer-config edited');
    const cm = await api('/api/v1/namespaces/default/configmaps/pgbouncer-config');
    assert.match(cm.data['pgbouncer.ini'], /default_pool_size = 40/);
  });

  it('kubectl patch configmap app-config enables the circuit breaker', async () => {
    const r = await ok(['patch', 'configmap', 'app-config', '--patch', '{"data":{"CIRCUIT_BREAKER_ENABLED":"true"}}']);
    assert.equal(r.stdout.trim(), 'configmap/app-config patched');
    const cm = await api('/api/v1/namespaces/default/configmaps/app-config');
    assert.equal(cm.data.CIRCUIT_BREAKER_ENABLED, 'true');
    assert.equal(cm.data.LOG_LEVEL, 'info', 'a strategic merge keeps the other keys');
  });

  it('kubectl edit configmap nginx-config', async () => {
    await edit('rate=100r/s', 'rate=50r/s', 'configmap', 'nginx-config');
    assert.match((await api('/api/v1/namespaces/default/configmaps/nginx-config')).data['nginx.conf'], /rate=50r\/s/);
  });

  it('kubectl top pods / top nodes (the runbook watches `kubectl top pods`)', async () => {
    const r = await ok(['top', 'pods']);
    const [header, ...pods] = rows(r.stdout);
    assert.deepEqual(header, ['NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    const app = pods.filter((p) => p[0].startsWith('tiktok-toe-'));
    assert.equal(app.length, 10);
    assert.ok(app.every((p) => p[1] === '250m' && p[2] === '281Mi'), 'app CPU is 50% of the 500m request');
    assert.deepEqual(pods.find((p) => p[0] === 'postgresql-0')?.slice(1, 2), ['400m']);
    const nodes = rows((await ok(['top', 'nodes'])).stdout);
    assert.deepEqual(nodes[0], ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']);
    assert.equal(nodes.length, 3);
  });

  it('kubectl scale --replicas=7 then --replicas=5 (gradual reduction)', async () => {
    await ok(['scale', 'deployment', 'tiktok-toe', '--replicas=7']);
    await appPodsReady(sim.url, 7);
    await ok(['scale', 'deployment', 'tiktok-toe', '--replicas=5']);
    await appPodsReady(sim.url, 5);
    const msgs = (await events('ScalingReplicaSet')).map((e) => e.message);
    assert.ok(msgs.some((m) => /to 7 from 10$/.test(m)) && msgs.some((m) => /to 5 from 7$/.test(m)), msgs.join('\n'));
    assert.ok((await events('SuccessfulDelete')).some((e) => /^Deleted pod: tiktok-toe-/.test(e.message)));
  });

  it('kubectl patch configmap app-config resets the circuit breaker', async () => {
    await ok(['patch', 'configmap', 'app-config', '--patch', '{"data":{"CIRCUIT_BREAKER_ENABLED":"false"}}']);
    assert.equal((await api('/api/v1/namespaces/default/configmaps/app-config')).data.CIRCUIT_BREAKER_ENABLED, 'false');
  });

  it('kubectl edit statefulset postgresql (resource requests) rolls the pod', async () => {
    const before = await sts('postgresql');
    await edit('memory: 2Gi', 'memory: 3Gi', 'statefulset', 'postgresql');
    const after = await stsRolledOut('postgresql');
    assert.equal(after.spec.template.spec.containers[0].resources.requests.memory, '3Gi');
    assert.notEqual(after.status.updateRevision, before.status.updateRevision);
    assert.equal(Math.max(...(await revisions('postgresql')).map((r) => r.revision)), 3);
  });

  it('kubectl rollout restart statefulset postgresql', async () => {
    const r = await ok(['rollout', 'restart', 'statefulset', 'postgresql']);
    assert.equal(r.stdout.trim(), 'statefulset.apps/postgresql restarted');
    const s = await stsRolledOut('postgresql');
    assert.ok(s.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']);
    assert.equal(Math.max(...(await revisions('postgresql')).map((r) => r.revision)), 4);
    const deleted = (await events('SuccessfulDelete')).filter((e) => e.message === 'delete Pod postgresql-0 in StatefulSet postgresql successful');
    assert.ok(deleted.length >= 1);
    assert.match((await ok(['rollout', 'status', 'statefulset/postgresql', '--timeout=60s'])).stdout, /roll out complete/);
  });

  it('kubectl apply -f k8s/database/read-replica.yaml again is idempotent', async () => {
    const r = await ok(['apply', '-f', 'k8s/database/read-replica.yaml']);
    assert.match(r.stdout, /service\/postgresql-read-replica unchanged/);
    assert.equal((await api('/apis/apps/v1/namespaces/default/statefulsets?labelSelector=app%3Dpostgresql-read-replica')).items.length, 1);
  });

  it('kubectl edit configmap redis-config, then rollout restart statefulset redis', async () => {
    await edit('maxmemory 768mb', 'maxmemory 1536mb', 'configmap', 'redis-config');
    assert.match((await api('/api/v1/namespaces/default/configmaps/redis-config')).data['redis.conf'], /maxmemory 1536mb/);
    const before = (await api('/api/v1/namespaces/default/pods/redis-0')).metadata.uid;
    assert.equal((await ok(['rollout', 'restart', 'statefulset', 'redis'])).stdout.trim(), 'statefulset.apps/redis restarted');
    await stsRolledOut('redis');
    assert.notEqual((await api('/api/v1/namespaces/default/pods/redis-0')).metadata.uid, before, 'redis-0 was recreated');
  });

  it('kubectl apply -f k8s/cache/new-node.yaml', async () => {
    const r = await ok(['apply', '-f', 'k8s/cache/new-node.yaml']);
    assert.match(r.stdout, /statefulset\.apps\/redis-node-4 created/);
    await stsRolledOut('redis-node-4');
  });

  it('kubectl patch pvc data-postgresql-0 to 100Gi, then get pvc shows the new capacity', async () => {
    const r = await ok(['patch', 'pvc', 'data-postgresql-0', '-p', '{"spec":{"resources":{"requests":{"storage":"100Gi"}}}}']);
    assert.equal(r.stdout.trim(), 'persistentvolumeclaim/data-postgresql-0 patched');
    await eventually(async () => (await api('/api/v1/namespaces/default/persistentvolumeclaims/data-postgresql-0')).status.capacity.storage === '100Gi', 'pvc expansion');
    const [header, ...pvcs] = rows((await ok(['get', 'pvc'])).stdout);
    assert.deepEqual(header, ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE']);
    const row = pvcs.find((p) => p[0] === 'data-postgresql-0');
    assert.deepEqual(row?.slice(3, 7), ['100Gi', 'RWO', 'gp3', '<unset>']);
    assert.ok((await events('FileSystemResizeSuccessful')).length >= 1);
  });

  it('kubectl edit service tiktok-toe (load balancer idle timeout)', async () => {
    await edit('idle-timeout: "30"', 'idle-timeout: "60"', 'service', 'tiktok-toe');
    const svc = await api('/api/v1/namespaces/default/services/tiktok-toe');
    assert.equal(svc.metadata.annotations['service.beta.kubernetes.io/aws-load-balancer-connection-idle-timeout'], '60');
    assert.equal(svc.spec.ports[0].nodePort, 31080, 'the edit keeps the allocated node port');
  });

  it('kubectl logs -l app=tiktok-toe --tail=1000 has ERROR lines', async () => {
    const r = await ok(['logs', '-l', 'app=tiktok-toe', '--tail=1000']);
    const lines = r.stdout.split('\n').filter(Boolean);
    assert.ok(lines.length > 1000 && lines.length <= 5000, `${lines.length} lines`);
    const errors = lines.filter((l) => l.includes('ERROR'));
    assert.ok(errors.length > 0);
    assert.ok(lines.some((l) => / INFO /.test(l)) && lines.some((l) => / WARN /.test(l)));
  });

  it('other kinds print like a real cluster (custom resources from the CRD included)', async () => {
    const header = async (...args: string[]) => rows((await ok(['get', ...args])).stdout)[0];
    assert.deepEqual(await header('clusters'), ['NAME', 'AGE', 'INSTANCES', 'READY', 'STATUS', 'PRIMARY']);
    assert.match((await ok(['get', 'clusters'])).stdout, /pg-analytics\s+18d\s+3\s+3\s+Cluster in healthy state\s+pg-analytics-1/);
    assert.deepEqual(await header('crd'), ['NAME', 'CREATED AT']);
    assert.deepEqual(await header('deployments', '-o', 'wide'), ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    assert.deepEqual(await header('pods', '-o', 'wide'), ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
    assert.deepEqual(await header('statefulsets'), ['NAME', 'READY', 'AGE']);
    assert.deepEqual(await header('replicasets'), ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE']);
    assert.deepEqual(await header('controllerrevisions'), ['NAME', 'CONTROLLER', 'REVISION', 'AGE']);
    assert.deepEqual(await header('services'), ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']);
    assert.deepEqual(await header('configmaps'), ['NAME', 'DATA', 'AGE']);
    assert.deepEqual(await header('secrets'), ['NAME', 'TYPE', 'DATA', 'AGE']);
    assert.deepEqual(await header('nodes'), ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']);
    assert.deepEqual(await header('namespaces'), ['NAME', 'STATUS', 'AGE']);
    assert.match((await ok(['get', 'controllerrevisions'])).stdout, /postgresql-\w+\s+statefulset\.apps\/postgresql\s+\d+/);
  });

  it('kubectl rollout undo deployment tiktok-toe goes back to revision 1 and rollout status completes', async () => {
    const r = await ok(['rollout', 'undo', 'deployment', 'tiktok-toe']);
    assert.equal(r.stdout.trim(), 'deployment.apps/tiktok-toe rolled back');
    const status = await ok(['rollout', 'status', 'deployment/tiktok-toe', '--timeout=60s']);
    assert.match(status.stdout, /deployment "tiktok-toe" successfully rolled out/);
    const d = await api('/apis/apps/v1/namespaces/default/deployments/tiktok-toe');
    assert.equal(d.spec.template.spec.containers[0].image, 'ghcr.io/tiktok-toe/api:1.4.1');
    assert.equal(d.metadata.annotations['deployment.kubernetes.io/revision'], '3');
    const pods = await appPodsReady(sim.url, 5);
    assert.ok(pods.every((p) => p.spec.containers[0].image === 'ghcr.io/tiktok-toe/api:1.4.1'));
  });

  it('kubectl rollout undo statefulset postgresql / redis go back to the previous revision', async () => {
    assert.equal((await ok(['rollout', 'undo', 'statefulset', 'postgresql'])).stdout.trim(), 'statefulset.apps/postgresql rolled back');
    const pg = await stsRolledOut('postgresql');
    assert.equal(pg.spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'], undefined);
    assert.equal(pg.spec.template.spec.containers[0].resources.requests.memory, '3Gi', 'back to the edited revision');
    assert.equal(Math.max(...(await revisions('postgresql')).map((r) => r.revision)), 5);
    assert.equal((await ok(['rollout', 'undo', 'statefulset', 'redis'])).stdout.trim(), 'statefulset.apps/redis rolled back');
    const redis = await stsRolledOut('redis');
    assert.equal(redis.spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'], undefined);
  });
});
