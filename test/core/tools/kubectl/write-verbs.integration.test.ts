// The state-changing kubectl commands of the scaling runbook, and more,
// through our engine and through the real kubectl, each against its own
// fresh simulator with the same seed: same stdout, stderr and exit code, and
// the same effect on the server (the changed object read back from both).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { WriteParity } from './writeParity';

const NOTEBOOKS = fileURLToPath(new URL('../../../../notebooks', import.meta.url));
const NS = '/api/v1/namespaces/default';
const APPS = '/apis/apps/v1/namespaces/default';
let p: WriteParity;

before(async () => {
  p = await WriteParity.start(NOTEBOOKS);
});

after(async () => {
  console.log(p?.summary());
  await p?.stop();
});

const replicas = (o: { spec: { replicas: number } }) => o.spec.replicas;
const data = (o: { data: Record<string, string> }) => o.data;
const image = (o: { spec: { template: { spec: { containers: { image: string }[] } } } }) => o.spec.template.spec.containers[0].image;
const restartedAt = (o: { spec: { template: { metadata: { annotations?: Record<string, string> } } } }) => Boolean(o.spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt']);

describe('the runbook, step by step', { concurrency: false }, () => {
  it('kubectl scale deployment tiktok-toe --replicas=5', async () => {
    await p.same('kubectl scale deployment tiktok-toe --replicas=5');
    assert.equal(await p.effect(`${APPS}/deployments/tiktok-toe`, replicas), 5);
  });

  it('kubectl apply -f k8s/database/read-replica.yaml creates the replica with its last-applied configuration', async () => {
    assert.equal((await p.same('kubectl apply -f k8s/database/read-replica.yaml')).stdout, 'statefulset.apps/postgresql-read created\n');
    const annotation = await p.effect(`${APPS}/statefulsets/postgresql-read`, (o) => o.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']);
    assert.match(annotation, /^\{"apiVersion":"apps\/v1","kind":"StatefulSet","metadata":\{"annotations":\{\},/);
  });

  it('kubectl edit configmap pgbouncer-config', async () => {
    assert.equal((await p.same('kubectl edit configmap pgbouncer-config', { find: 'default_pool_size = 20', replace: 'default_pool_size = 40' })).stdout, 'configmap/pgbouncer-config edited\n');
    assert.match((await p.effect(`${NS}/configmaps/pgbouncer-config`, data))['pgbouncer.ini'], /default_pool_size = 40/);
  });

  it('kubectl scale deployment tiktok-toe --replicas=10', async () => {
    await p.same('kubectl scale deployment tiktok-toe --replicas=10');
    assert.equal(await p.effect(`${APPS}/deployments/tiktok-toe`, replicas), 10);
  });

  it('kubectl patch configmap app-config enables the circuit breaker (then: no change)', async () => {
    const patch = `kubectl patch configmap app-config --patch '{"data":{"CIRCUIT_BREAKER_ENABLED":"true"}}'`;
    assert.equal((await p.same(patch)).stdout, 'configmap/app-config patched\n');
    assert.equal((await p.same(patch)).stdout, 'configmap/app-config patched (no change)\n');
    const cm = await p.effect(`${NS}/configmaps/app-config`, data);
    assert.equal(cm.CIRCUIT_BREAKER_ENABLED, 'true');
  });

  it('kubectl edit configmap nginx-config (ours through $KUBE_EDITOR, as on the command line)', async () => {
    await p.same('kubectl edit configmap nginx-config', { find: 'rate=100r/s', replace: 'rate=50r/s', viaEnv: true });
    assert.match((await p.effect(`${NS}/configmaps/nginx-config`, data))['nginx.conf'], /rate=50r\/s/);
  });

  it('kubectl scale --replicas=7, then --replicas=5', async () => {
    await p.same('kubectl scale deployment tiktok-toe --replicas=7');
    await p.same('kubectl scale deployment tiktok-toe --replicas=5');
    assert.equal(await p.effect(`${APPS}/deployments/tiktok-toe`, replicas), 5);
  });

  it('kubectl patch configmap app-config resets the circuit breaker', async () => {
    await p.same(`kubectl patch configmap app-config --patch '{"data":{"CIRCUIT_BREAKER_ENABLED":"false"}}'`);
    assert.equal((await p.effect(`${NS}/configmaps/app-config`, data)).CIRCUIT_BREAKER_ENABLED, 'false');
  });

  it('kubectl edit statefulset postgresql, then rollout restart and rollout status', async () => {
    await p.same('kubectl edit statefulset postgresql', { find: 'memory: 2Gi', replace: 'memory: 3Gi' });
    assert.equal(await p.effect(`${APPS}/statefulsets/postgresql`, (o) => o.spec.template.spec.containers[0].resources.requests.memory), '3Gi');
    await p.settled(`${APPS}/statefulsets/postgresql`);
    assert.equal((await p.same('kubectl rollout restart statefulset postgresql')).stdout, 'statefulset.apps/postgresql restarted\n');
    assert.equal(await p.effect(`${APPS}/statefulsets/postgresql`, restartedAt), true);
    await p.settled(`${APPS}/statefulsets/postgresql`);
    assert.match((await p.same('kubectl rollout status statefulset/postgresql --timeout=60s')).stdout, /^partitioned roll out complete: 1 new pods have been updated\.\.\.\n$/);
  });

  it('kubectl apply -f k8s/database/read-replica.yaml again is unchanged', async () => {
    assert.equal((await p.same('kubectl apply -f k8s/database/read-replica.yaml')).stdout, 'statefulset.apps/postgresql-read unchanged\n');
  });

  it('kubectl edit configmap redis-config, then rollout restart statefulset redis', async () => {
    await p.same('kubectl edit configmap redis-config', { find: 'maxmemory 768mb', replace: 'maxmemory 1536mb' });
    assert.match((await p.effect(`${NS}/configmaps/redis-config`, data))['redis.conf'], /maxmemory 1536mb/);
    await p.same('kubectl rollout restart statefulset redis');
    assert.equal(await p.effect(`${APPS}/statefulsets/redis`, restartedAt), true);
    await p.settled(`${APPS}/statefulsets/redis`);
  });

  it('kubectl apply -f k8s/cache/new-node.yaml', async () => {
    assert.equal((await p.same('kubectl apply -f k8s/cache/new-node.yaml')).stdout, 'statefulset.apps/redis-node-4 created\n');
    assert.equal(await p.effect(`${APPS}/statefulsets/redis-node-4`, image), 'redis:7');
  });

  it('kubectl patch pvc data-postgresql-0 to 100Gi', async () => {
    await p.same(`kubectl patch pvc data-postgresql-0 -p '{"spec":{"resources":{"requests":{"storage":"100Gi"}}}}'`);
    assert.equal(await p.effect(`${NS}/persistentvolumeclaims/data-postgresql-0`, (o) => o.spec.resources.requests.storage), '100Gi');
  });

  it('kubectl edit service tiktok-toe (load balancer idle timeout)', async () => {
    await p.same('kubectl edit service tiktok-toe', { find: 'idle-timeout: "30"', replace: 'idle-timeout: "60"' });
    const svc = await p.effect(`${NS}/services/tiktok-toe`, (o) => ({ timeout: o.metadata.annotations['service.beta.kubernetes.io/aws-load-balancer-connection-idle-timeout'], nodePort: o.spec.ports[0].nodePort }));
    assert.deepEqual(svc, { timeout: '60', nodePort: 31080 });
  });

  it('kubectl rollout undo deployment tiktok-toe, statefulset postgresql, statefulset redis', async () => {
    await p.settled(`${APPS}/deployments/tiktok-toe`);
    assert.equal((await p.same('kubectl rollout undo deployment tiktok-toe')).stdout, 'deployment.apps/tiktok-toe rolled back\n');
    assert.equal(await p.effect(`${APPS}/deployments/tiktok-toe`, image), 'ghcr.io/tiktok-toe/api:1.4.1');
    await p.settled(`${APPS}/deployments/tiktok-toe`);
    assert.match((await p.same('kubectl rollout status deployment/tiktok-toe --timeout=60s')).stdout, /successfully rolled out/);
    await p.same('kubectl rollout undo statefulset postgresql');
    assert.equal(await p.effect(`${APPS}/statefulsets/postgresql`, restartedAt), false);
    await p.same('kubectl rollout undo statefulset redis');
    assert.equal(await p.effect(`${APPS}/statefulsets/redis`, restartedAt), false);
  });
});

describe('dry runs, errors and the other verbs', { concurrency: false }, () => {
  it('scale: missing object, precondition, dry runs', async () => {
    await p.same('kubectl scale deployment nope --replicas=5');
    await p.same('kubectl scale deployment/tiktok-toe --replicas=5 --current-replicas=3');
    assert.match((await p.same('kubectl scale deployment/tiktok-toe --replicas=4 --dry-run=server')).stdout, /scaled \(server dry run\)/);
    await p.same('kubectl scale deployment/tiktok-toe --replicas=4 --dry-run=client');
    await p.same('kubectl scale deployment tiktok-toe nope --replicas=5');
    assert.equal(await p.effect(`${APPS}/deployments/tiktok-toe`, replicas), 5);
  });

  it('patch: missing object, bad JSON, bad JSON patch, invalid value, YAML, merge, dry run', async () => {
    await p.same(`kubectl patch configmap nope --patch '{"data":{"a":"b"}}'`);
    await p.same(`kubectl patch configmap app-config --patch '{"data":{"CIRCUIT_BREAKER_ENABLED":"true"}'`);
    await p.same(`kubectl patch configmap app-config --type json --patch '[{"op":"remove","path":"/data/NOPE"}]'`);
    await p.same(`kubectl patch deploy tiktok-toe -p '{"spec":{"replicas":"x"}}'`);
    await p.same(`kubectl patch pvc data-postgresql-0 -p '{"spec":{"resources":{"requests":{"storage":"1Gi"}}}}'`);
    await p.same(`kubectl patch configmap app-config --type foo -p '{}'`);
    await p.same('kubectl patch configmap app-config');
    await p.same(`kubectl patch configmap app-config -p 'data: {FEATURE_X: "on"}'`);
    await p.same(`kubectl patch configmap app-config --type merge -p '{"data":{"FEATURE_X":null}}'`);
    await p.same(`kubectl patch configmap app-config -p '{"data":{"DRY":"1"}}' --dry-run=server`);
    const cm = await p.effect(`${NS}/configmaps/app-config`, data);
    assert.equal(cm.FEATURE_X, undefined);
    assert.equal(cm.DRY, undefined);
  });

  it('apply: server dry run, here-document, configured, directories, missing paths', async () => {
    const heredoc = (value: string) => `kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: feature-flags\ndata:\n  ROLLOUT: "${value}"\nEOF`;
    assert.match((await p.same(heredoc('10'))).stdout, /configmap\/feature-flags created/);
    await p.same(heredoc('25').replace('kubectl apply -f -', 'kubectl apply --dry-run=server -f -'));
    assert.equal((await p.effect(`${NS}/configmaps/feature-flags`, data)).ROLLOUT, '10');
    assert.equal((await p.same(heredoc('25'))).stdout, 'configmap/feature-flags configured\n');
    assert.equal((await p.effect(`${NS}/configmaps/feature-flags`, data)).ROLLOUT, '25');
    await p.same(heredoc('25'));
    const adopt = `kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  LOG_LEVEL: debug\nEOF`;
    assert.match((await p.same(adopt)).stderr, /^Warning: resource configmaps\/app-config is missing the kubectl.kubernetes.io\/last-applied-configuration annotation/);
    assert.deepEqual(await p.effect(`${NS}/configmaps/app-config`, (o) => [o.data.LOG_LEVEL, o.data.CIRCUIT_BREAKER_ENABLED]), ['debug', 'false']);
    await p.same('kubectl apply -f k8s -R');
    await p.same('kubectl apply -f k8s');
    await p.same('kubectl apply -f k8s/nope.yaml');
    await p.same('kubectl apply -f k8s/cache/new-node.yaml -o name');
  });

  it('create and delete: exists, deleted, not found, server dry run', async () => {
    await p.same('kubectl create -f k8s/cache/new-node.yaml');
    assert.equal((await p.same('kubectl delete configmap feature-flags')).stdout, 'configmap "feature-flags" deleted\n');
    assert.equal(await p.effect(`${NS}/configmaps/feature-flags`, data), undefined);
    await p.same('kubectl delete configmap feature-flags');
    await p.same('kubectl delete configmap feature-flags --ignore-not-found');
    await p.same('kubectl delete pod -l app=nope');
    await p.same('kubectl delete configmap');
    assert.match((await p.same('kubectl delete -f k8s/cache/new-node.yaml --dry-run=server')).stdout, /deleted \(server dry run\)/);
    // The simulator ignores the dry run kubectl sends in the DELETE body; ours also sends it as a query parameter.
    assert.ok((await p.get(`${APPS}/statefulsets/redis-node-4`))[0], 'a server dry run deletes nothing');
  });

  it('label and annotate', async () => {
    await p.same('kubectl label configmap app-config tier=web');
    await p.same('kubectl label configmap app-config tier=web');
    await p.same('kubectl label configmap app-config tier=api');
    await p.same('kubectl label configmap app-config tier=api --overwrite');
    assert.equal(await p.effect(`${NS}/configmaps/app-config`, (o) => o.metadata.labels.tier), 'api');
    await p.same('kubectl label configmap app-config tier-');
    await p.same('kubectl label configmap app-config tier-');
    await p.same('kubectl annotate configmap app-config owner=sre');
    await p.same('kubectl annotate configmap app-config owner=db');
    await p.same('kubectl annotate configmap app-config owner- --dry-run=server');
    assert.deepEqual(await p.effect(`${NS}/configmaps/app-config`, (o) => [o.metadata.labels.tier, o.metadata.annotations?.owner]), [undefined, 'sre']);
  });

  it('set image: updated, unchanged, unknown container', async () => {
    await p.same('kubectl set image deployment/tiktok-toe tiktok-toe=ghcr.io/tiktok-toe/api:1.4.3');
    await p.same('kubectl set image deployment/tiktok-toe tiktok-toe=ghcr.io/tiktok-toe/api:1.4.3');
    await p.same('kubectl set image deployment/tiktok-toe nope=x:1');
    assert.equal(await p.effect(`${APPS}/deployments/tiktok-toe`, image), 'ghcr.io/tiktok-toe/api:1.4.3');
    await p.settled(`${APPS}/deployments/tiktok-toe`);
    // rollout status streams kubectl's progress lines while the new pods come up.
    const roll = 'kubectl set image deployment/tiktok-toe tiktok-toe=ghcr.io/tiktok-toe/api:1.4.4\nkubectl rollout status deployment/tiktok-toe --timeout=60s';
    const [status] = await Promise.all([p.native(roll), p.real(roll)]);
    assert.match(status.stdout, /^deployment.apps\/tiktok-toe image updated\nWaiting for deployment "tiktok-toe" rollout to finish: \d+ (out of \d+ new replicas have been updated|old replicas are pending termination|of \d+ updated replicas are available)\.\.\.\n/);
    assert.match(status.stdout, /\ndeployment "tiktok-toe" successfully rolled out\n$/);
    await p.settled(`${APPS}/deployments/tiktok-toe`);
    await p.same('kubectl set image deployment/tiktok-toe tiktok-toe=ghcr.io/tiktok-toe/api:1.4.3');
    await p.settled(`${APPS}/deployments/tiktok-toe`);
  });

  it('rollout history, pause/resume, unsupported kinds, bad revision, dry runs', async () => {
    await p.same('kubectl rollout history deployment/tiktok-toe');
    await p.same('kubectl rollout history deployment/tiktok-toe --revision=1');
    await p.same('kubectl rollout history statefulset/postgresql');
    await p.same('kubectl rollout history deployment/tiktok-toe --revision=99');
    await p.same('kubectl rollout pause deployment/tiktok-toe');
    await p.same('kubectl rollout pause deployment/tiktok-toe');
    await p.same('kubectl rollout restart deployment/tiktok-toe');
    await p.same('kubectl rollout resume deployment/tiktok-toe');
    assert.equal(await p.effect(`${APPS}/deployments/tiktok-toe`, (o) => Boolean(o.spec.paused)), false);
    await p.same('kubectl rollout pause statefulset/postgresql');
    await p.same('kubectl rollout restart configmap/app-config');
    await p.same('kubectl rollout undo deployment/tiktok-toe --to-revision=99');
    await p.same('kubectl rollout undo deployment/tiktok-toe --dry-run=server');
    await p.same('kubectl rollout undo deployment/tiktok-toe --dry-run=client');
    const revision = await p.effect(`${APPS}/deployments/tiktok-toe`, (o) => o.metadata.annotations['deployment.kubernetes.io/revision']);
    assert.match((await p.same(`kubectl rollout undo deployment/tiktok-toe --to-revision=${revision}`)).stdout, /skipped rollback \(current template already matches revision \d+\)/);
    await p.same('kubectl rollout status deployment/nope');
    await p.same('kubectl rollout status');
    assert.equal(await p.effect(`${APPS}/deployments/tiktok-toe`, image), 'ghcr.io/tiktok-toe/api:1.4.3');
  });

  it('edit: cancelled, unchanged, name changed', async () => {
    await p.same('kubectl edit configmap redis-config', { find: 'zzz-not-there', replace: '', cancel: true });
    await p.same('kubectl edit configmap redis-config', { find: 'zzz-not-there', replace: '' });
    await p.same('kubectl edit configmap redis-config', { find: 'name: redis-config', replace: 'name: other' });
    await p.same('kubectl edit configmap nope', { find: 'x', replace: 'y' });
    const edited = await p.native('kubectl edit configmap redis-config', (text) => text.replace('maxmemory 1536mb', 'maxmemory 1gb'));
    assert.equal(edited.stdout, 'configmap/redis-config edited\n');
    const diff = edited.run.commands[0].data?.find((d) => d.kind === 'edit')?.diff as string;
    assert.match(diff, /^--- configmap\/redis-config \(before\)\n\+\+\+ configmap\/redis-config \(after\)\n@@ /);
    assert.match(diff, /\n-    maxmemory 1536mb\n\+    maxmemory 1gb\n/);
  });

  it('edit while someone else changes the object: ours refuses (409) and overwrites nothing; kubectl merges', async () => {
    const { ours, theirs } = await p.both('kubectl edit configmap pgbouncer-config', {
      find: 'default_pool_size = 40',
      replace: 'default_pool_size = 80',
      viaEnv: true,
      side: `patch configmap pgbouncer-config -p '{"data":{"pgbouncer.ini":"[pgbouncer]\\nmax_client_conn = 900\\n"}}'`,
    });
    assert.equal(theirs.stdout, 'configmap/pgbouncer-config edited\n');
    assert.equal(ours.exitCode, 1);
    assert.match(ours.stderr, /^error: configmaps "pgbouncer-config" could not be patched: Operation cannot be fulfilled on configmaps "pgbouncer-config": the object has been modified/);
    assert.match(ours.stderr, /A copy of your changes has been stored to "<edit-file>"/);
    const [mine] = await p.get(`${NS}/configmaps/pgbouncer-config`);
    assert.equal(mine.data['pgbouncer.ini'], '[pgbouncer]\nmax_client_conn = 900\n', 'the other change stays; ours overwrote nothing');
  });
});
