// kubectl get, native vs the real kubectl on the same simulator: every form a
// runbook uses, compared byte for byte (ages too: the real kubectl runs before
// and after ours, see bracketed.ts). Prints the parity figure; fails below 95 %.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from '../../../../src/core/engine';
import { bracketed } from '../../../support/bracketed';
import { runNative, runReal } from '../../../support/engine';
import { kubeFixture } from '../../../support/kubeSim';

const COMMANDS = [
  'kubectl get hpa',
  'kubectl get hpa tiktok-toe -o wide',
  'kubectl get events --field-selector reason=Scaling',
  'kubectl get pods -l app=tiktok-toe',
  'kubectl get pods -l app=tiktok-toe -o wide',
  'kubectl get pvc',
  'kubectl get pods',
  'kubectl get po --show-labels',
  'kubectl get pods --no-headers',
  'kubectl get pods -L app',
  'kubectl get pods -A',
  'kubectl get deploy',
  'kubectl get deployments.apps tiktok-toe',
  'kubectl get deployment/tiktok-toe',
  'kubectl get deploy,svc',
  'kubectl get sts',
  'kubectl get statefulset postgresql -o yaml',
  'kubectl get cm app-config -o json',
  'kubectl get cm app-config -o yaml',
  'kubectl get configmaps -o name',
  'kubectl get nodes',
  'kubectl get nodes -o wide',
  'kubectl get ns',
  'kubectl get svc -o wide',
  'kubectl get rs',
  'kubectl get controllerrevisions',
  'kubectl get clusters',
  'kubectl get secrets',
  'kubectl get all',
  'kubectl get pods -o jsonpath={.items[*].metadata.name}',
  "kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{\"\\t\"}{.status.phase}{\"\\n\"}{end}'",
  'kubectl get pods -o custom-columns=NAME:.metadata.name,PHASE:.status.phase,NODE:.spec.nodeName',
  'kubectl get deploy tiktok-toe -o jsonpath={.spec.replicas}',
  'kubectl get pods --sort-by=.metadata.name',
  'kubectl get pods --field-selector status.phase=Running',
  'kubectl get pods -n kube-system',
  'kubectl get pods -l app=nothing',
  'kubectl get pods -l app=nothing -o json',
  'kubectl get pods nosuchpod',
  'kubectl get pods nosuchpod --ignore-not-found',
  'kubectl get nosuchtype',
  'kubectl get pods -o badformat',
  'kubectl get pods --foo',
  'kubectl get',
  'kubectl get pods -l app=tiktok-toe | grep Running | wc -l',
  "kubectl get pods -o wide | awk '{print $1, $3}'",
  'kubectl get events --sort-by=.metadata.creationTimestamp | tail -n 3',
];

test(`kubectl get: ${COMMANDS.length} commands, native output identical to kubectl's`, async () => {
  const kube = await kubeFixture();
  const session = new Session(process.cwd(), kube.env);
  const differences: string[] = [];
  for (const command of COMMANDS) {
    const { ours, theirs: real, same } = await bracketed(
      () => runNative(command, { env: kube.env, session }),
      () => runReal(command, kube.env),
    );
    if (!same) {
      differences.push(`${command}\n--- kubectl (exit ${real.exitCode})\n${real.stdout}${real.stderr}--- native (exit ${ours.exitCode})\n${ours.stdout}${ours.stderr}`);
    }
  }
  await session.dispose();
  const identical = COMMANDS.length - differences.length;
  console.log(`kubectl get parity: ${identical}/${COMMANDS.length} identical (${((100 * identical) / COMMANDS.length).toFixed(1)} %)`);
  for (const d of differences) console.log(d);
  assert.ok(identical / COMMANDS.length >= 0.95, `only ${identical}/${COMMANDS.length} identical:\n${differences.join('\n')}`);
});
