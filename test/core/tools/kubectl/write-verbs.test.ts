// The parts of the state-changing verbs that need no server: what a
// confirmation asks (mutates, action), the client-side patches, the edit diff
// and how $KUBE_EDITOR is split.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kubectlTool } from '../../../../src/core/tools/kubectl';
import { splitWords } from '../../../../src/core/tools/kubectl/editor';
import { unifiedDiff } from '../../../../src/core/tools/kubectl/lineDiff';
import { threeWayPatch, twoWayPatch, type Json } from '../../../../src/core/tools/kubectl/strategicMerge';
import { patchBody } from '../../../../src/core/tools/kubectl/verbs/patch';

const plan = (line: string) => kubectlTool.parse(line.split(' '), {}).plan;

describe('confirmations: which commands change state, and what they name', () => {
  it('writes ask, reads and dry runs do not', () => {
    for (const line of ['kubectl scale deployment tiktok-toe --replicas=5', 'kubectl apply -f k8s/x.yaml', 'kubectl rollout restart statefulset postgresql', 'kubectl rollout undo deployment/x', 'kubectl edit configmap x', 'kubectl delete pod x', 'kubectl label cm x a=b', 'kubectl set image deploy/x c=i:1', 'kubectl rollout pause deploy/x']) {
      assert.equal(plan(line).mutates, true, line);
    }
    for (const line of ['kubectl rollout status deployment/x', 'kubectl rollout history deployment/x', 'kubectl scale deploy x --replicas=1 --dry-run=server', 'kubectl apply -f x.yaml --dry-run=client', 'kubectl delete pod x --dry-run=server', 'kubectl rollout undo deploy/x --dry-run=server', 'kubectl patch cm x -p {} --dry-run=server']) {
      assert.equal(plan(line).mutates, false, line);
    }
  });

  it('names the verb and the object', () => {
    assert.equal(plan('kubectl scale deployment tiktok-toe --replicas=5').action, 'scale deployment/tiktok-toe');
    assert.equal(plan('kubectl scale deployment/tiktok-toe --replicas=5').action, 'scale deployment/tiktok-toe');
    assert.equal(plan('kubectl apply -f k8s/database/read-replica.yaml').action, 'apply -f k8s/database/read-replica.yaml');
    assert.equal(plan('kubectl rollout restart statefulset postgresql').action, 'rollout restart statefulset/postgresql');
    assert.equal(plan('kubectl label configmap app-config tier=web').action, 'label configmap/app-config');
    assert.equal(plan('kubectl set image deployment/tiktok-toe tiktok-toe=x:1').action, 'set image deployment/tiktok-toe');
    assert.equal(plan('kubectl delete pods -l app=x').action, 'delete pods -l app=x');
  });
});

describe('client-side patches', () => {
  const container = (image: string, extra: { [key: string]: Json } = {}): Json => ({ name: 'app', image, ...extra });
  const deployment = (containers: Json[]): { [key: string]: Json } => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { template: { spec: { containers } } } });

  it('apply ignores what only the server set, and patches containers by name', () => {
    const config = deployment([container('app:1')]);
    const live = deployment([container('app:1', { imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log' })]);
    assert.deepEqual(threeWayPatch(config, config, live, 'Deployment', true), {});
    const next = deployment([container('app:2')]);
    assert.deepEqual(threeWayPatch(config, next, live, 'Deployment', true), {
      spec: { template: { spec: { containers: [{ image: 'app:2', name: 'app' }], '$setElementOrder/containers': [{ name: 'app' }] } } },
    });
  });

  it('apply deletes what was removed from the last applied configuration, and keeps what others added', () => {
    const original = { metadata: { name: 'x' }, data: { a: '1', b: '2' } };
    const modified = { metadata: { name: 'x' }, data: { a: '1' } };
    const current = { metadata: { name: 'x', labels: { team: 'sre' } }, data: { a: '1', b: '2', c: '3' } };
    assert.deepEqual(threeWayPatch(original, modified, current, 'ConfigMap', true), { data: { b: null } });
  });

  it('removed list items get a delete directive; lists without a key are replaced', () => {
    const before = deployment([{ name: 'app', image: 'a', args: ['-v'] }, { name: 'sidecar', image: 's' }]);
    const after = deployment([{ name: 'app', image: 'a', args: ['-v', '-x'] }]);
    assert.deepEqual(twoWayPatch(before, after, 'Deployment', true), {
      spec: { template: { spec: { containers: [{ args: ['-v', '-x'], name: 'app' }, { $patch: 'delete', name: 'sidecar' }], '$setElementOrder/containers': [{ name: 'app' }] } } },
    });
  });

  it('custom resources get a plain merge patch', () => {
    assert.deepEqual(twoWayPatch({ spec: { items: [{ name: 'a' }], x: 1 } }, { spec: { items: [{ name: 'b' }] } }, 'Thing', false), { spec: { items: [{ name: 'b' }], x: null } });
  });

  it('kubectl patch sends JSON as typed and converts YAML', () => {
    assert.equal(patchBody('{"data":{"a":"b"}'), '{"data":{"a":"b"}');
    assert.equal(patchBody('data: {X: "1", on: yes}'), '{"data":{"X":"1","true":true}}');
  });
});

describe('edit', () => {
  it('records a unified diff of the change', () => {
    const before = 'a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\nh: 8\n';
    const after = before.replace('e: 5', 'e: 50');
    assert.equal(unifiedDiff(before, after, 'old', 'new'), '--- old\n+++ new\n@@ -2,7 +2,7 @@\n b: 2\n c: 3\n d: 4\n-e: 5\n+e: 50\n f: 6\n g: 7\n h: 8\n');
    assert.equal(unifiedDiff(before, before, 'old', 'new'), '');
  });

  it('splits $KUBE_EDITOR into words without a shell', () => {
    assert.deepEqual(splitWords('code --wait'), ['code', '--wait']);
    assert.deepEqual(splitWords(`"/opt/My Editor/bin/edit" -w 'a b' c\\ d $HOME`), ['/opt/My Editor/bin/edit', '-w', 'a b', 'c d', '$HOME']);
  });
});
