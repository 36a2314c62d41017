// kubectl's go-template output, native vs the real kubectl on the same
// simulator: secrets read with base64decode, lists ranged over, printf,
// index, maps printed as Go prints them, missing keys, template errors, and
// every verb that takes a template. Nothing here changes the cluster (writes
// are server-side dry runs), so each pair of runs sees the same state.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from '../../../../src/core/engine';
import { maskedBy, runNative, runReal } from '../../../support/engine';
import { kubeFixture } from '../../../support/kubeSim';

const NL = '{{"\\n"}}';

const COMMANDS = [
  // Reading a secret.
  `kubectl get secret postgresql-credentials -o go-template='{{.data.password | base64decode}}'`,
  `kubectl get secret postgresql-credentials -o go-template='{{range $k, $v := .data}}{{$k}}={{$v | base64decode}}${NL}{{end}}'`,
  `kubectl get secret redis-auth -o go-template='{{index .data "password" | base64decode}}' | wc -c`,
  // Lists: the template runs once over the List.
  `kubectl get pods -o go-template='{{range .items}}{{.metadata.name}}${NL}{{end}}'`,
  `kubectl get pods -o go-template='{{range .items}}{{if eq .status.phase "Running"}}{{.metadata.name}} {{len .spec.containers}}${NL}{{end}}{{end}}'`,
  `kubectl get deploy,svc -o go-template='{{.kind}} {{len .items}}:{{range .items}} {{.kind}}/{{.metadata.name}}{{end}}'`,
  `kubectl get pods -l app=nothing -o go-template='{{.kind}} {{len .items}}'`,
  `kubectl get pods --sort-by=.metadata.name -o go-template='{{range $i, $p := .items}}{{if $i}},{{end}}{{$p.metadata.name}}{{end}}'`,
  // printf, index, maps, missing keys.
  `kubectl get deploy tiktok-toe -o go-template='{{printf "%s: %d/%v replicas (%T) %5.1f%%" .metadata.name .status.readyReplicas .spec.replicas .spec.replicas 99.5}}'`,
  `kubectl get deploy tiktok-toe -o go-template='{{index .spec.template.spec.containers 0 "image"}} {{(index .status.conditions 0).type}}'`,
  `kubectl get deploy tiktok-toe -o go-template='{{.metadata.labels}} {{.spec.selector}} {{.spec.template.spec.containers}}'`,
  `kubectl get cm app-config -o go-template='{{.data}}'`,
  `kubectl get deploy tiktok-toe -o go-template='{{.metadata.nope}} {{.status.nope.deeper}}'`,
  `kubectl get deploy tiktok-toe -o go-template='{{.metadata.nope}}' --allow-missing-template-keys=false`,
  // Template errors.
  `kubectl get deploy tiktok-toe -o go-template='{{.metadata.labels'`,
  `kubectl get deploy tiktok-toe -o go-template='{{nosuchfunc .kind}}'`,
  `kubectl get deploy tiktok-toe -o go-template='{{.kind}} {{.spec.replicas.foo}}'`,
  `kubectl get deploy tiktok-toe -o go-template='{{index .spec.template.spec.containers 3}}'`,
  `kubectl get deploy tiktok-toe -o go-template`,
  `kubectl get deploy tiktok-toe nosuchdeploy -o go-template='{{len .items}}'`,
  // The other ways to ask for a template.
  `kubectl get deploy tiktok-toe -o template='{{.kind}}'`,
  `kubectl get deploy tiktok-toe --template='{{.kind}}'`,
  `kubectl get deploy tiktok-toe -o go-template --template='{{.metadata.name}}'`,
  `kubectl get deploy tiktok-toe -o go-template='{{.kind}}' --template='{{.metadata.name}}'`,
  `kubectl get pods -o go-template-file=nosuch.tmpl`,
  // Other verbs.
  `kubectl config view -o go-template='{{.kind}} {{len .contexts}} {{index .contexts 0 "name"}}'`,
  `kubectl config view --template='{{range .contexts}}{{.name}}${NL}{{end}}'`,
  `kubectl events -o go-template='{{.kind}} {{len .items}}'`,
  `kubectl events -o go-template='{{range .items}}{{.reason}}${NL}{{end}}'`,
  `kubectl wait deploy/tiktok-toe --for=condition=Available -o go-template='{{.kind}} {{.metadata.name}}'`,
  `kubectl scale deploy tiktok-toe --replicas=3 --dry-run=server -o go-template='{{.kind}} {{.spec.replicas}}'`,
  `kubectl label deploy tiktok-toe team=web --dry-run=server -o go-template='{{.metadata.labels}}'`,
  `kubectl patch deploy tiktok-toe -p '{"spec":{"replicas":3}}' --dry-run=server --template='{{.spec.replicas}}'`,
  `kubectl scale deploy tiktok-toe --replicas=3 --dry-run=server -o go-template='{{.kind'`,
  `kubectl annotate deploy nosuchdeploy note=x --dry-run=server -o go-template='{{.kind'`,
  `kubectl set image deploy/tiktok-toe tiktok-toe=nginx --dry-run=server -o badformat`,
];

test(`kubectl go-templates: ${COMMANDS.length} commands, native output identical to kubectl's`, async () => {
  const kube = await kubeFixture();
  const session = new Session(process.cwd(), kube.env);
  for (const command of COMMANDS) {
    const real = await runReal(command, kube.env);
    const ours = await runNative(command, { env: kube.env, session });
    // Secret values are masked in what we print (the session knows them once read): the real output, masked alike.
    assert.deepEqual({ stdout: ours.stdout, stderr: ours.stderr, exitCode: ours.exitCode }, maskedBy(session, real), command);
  }
  await session.dispose();
});

test('-o go-template-file reads the template from the cell working directory', async () => {
  const kube = await kubeFixture();
  const dir = mkdtempSync(join(tmpdir(), 'runbook-template-'));
  writeFileSync(join(dir, 'pods.tmpl'), '{{range .items}}{{.metadata.name}}: {{.status.phase}}\n{{end}}');
  for (const format of ['go-template-file=pods.tmpl', 'templatefile=pods.tmpl', 'go-template-file --template=pods.tmpl']) {
    const command = `cd ${dir} && kubectl get pods -o ${format}`;
    const real = await runReal(command, kube.env);
    const ours = await runNative(command, { env: kube.env });
    assert.equal(real.exitCode, 0, real.stderr);
    assert.deepEqual({ stdout: ours.stdout, stderr: ours.stderr }, { stdout: real.stdout, stderr: real.stderr }, format);
  }
  rmSync(dir, { recursive: true, force: true });
});

test('get -w prints each object with the template, as kubectl prints the listed ones', async () => {
  const kube = await kubeFixture();
  const template = `{{.kind}} {{.metadata.name}}${NL}`;
  // What kubectl prints for the same objects, one at a time.
  const expected = (await runReal(`kubectl get pods -l app=tiktok-toe -o go-template='{{range .items}}${template}{{end}}'`, kube.env)).stdout;
  const lines = expected.split('\n').length - 1;
  assert.ok(lines > 0);
  const stop = new AbortController();
  let seen = '';
  const ours = await runNative(`kubectl get pods -l app=tiktok-toe -w -o go-template='${template}'`, {
    env: kube.env,
    signal: stop.signal,
    onStdout: (text) => {
      seen += text;
      if (seen.split('\n').length - 1 >= lines) stop.abort();
    },
  });
  assert.equal(ours.stdout, expected);
  assert.equal(ours.stderr, '');
});
