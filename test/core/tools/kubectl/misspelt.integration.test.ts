// A misspelt kubectl command or subcommand, through our engine and through
// the real kubectl on the same simulated cluster: the same stdout, stderr
// (cobra's "Did you mean this?" list) and exit code. A command kubectl has
// but we do not run natively, or a plugin on PATH, still goes to a terminal.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { planCell } from '../../../../src/core/engine';
import { createRegistry } from '../../../../src/core/tools';
import { isKubectlCommand, KUBECTL_COMMANDS } from '../../../../src/core/tools/kubectl/commandNames';
import { runNative, runReal } from '../../../support/engine';
import { kubeFixture, type KubeFixture } from '../../../support/kubeSim';

const probe = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '/dev/null' }, timeout: 20_000 });
const skip = probe.error ? `the real kubectl is not on PATH (${probe.error.message}); nothing to compare with` : false;

const MISSPELT = [
  'kubectl gte pods',
  'kubectl GTE pods',
  'kubectl descibe deploy tiktok-toe',
  'kubectl lgos tiktok-toe',
  'kubectl ro',
  'kubectl a',
  'kubectl c',
  'kubectl hlep',
  'kubectl api-resource',
  'kubectl xyzzy',
  `kubectl 'g"té' pods`,
  'kubectl gte pods -n default --bogus',
  'kubectl -n default gte pods',
  'kubectl --context=sandbox gte pods',
  'kubectl rollout statsu deployment/tiktok-toe',
  'kubectl rollout statsu deployment/tiktok-toe -w',
  'kubectl rollout -n default statsu',
  'kubectl config use-contxt sandbox',
  'kubectl config get-contxts',
  'kubectl set imgae deployment/tiktok-toe web=nginx:2',
  'kubectl set envv deployment/tiktok-toe A=1',
  'kubectl top pdo',
  'kubectl top nodse --no-headers',
  'kubectl create deploymnet web',
  'kubectl create deploymnet web --image=nginx',
  'kubectl version foo bar',
];

/** Every command with two letters swapped (`gte`), or its last letter dropped when that is too short: cobra's suggestions for each. */
const SWAPPED = KUBECTL_COMMANDS.map((name) => (name.length > 2 ? `${name[0]}${name[2]}${name[1]}${name.slice(3)}` : name.slice(0, -1)))
  .filter((typo) => !isKubectlCommand(typo))
  .map((typo) => `kubectl ${typo}`);

describe('misspelt kubectl commands', { skip }, () => {
  let kube: KubeFixture;
  before(async () => {
    kube = await kubeFixture();
  });

  for (const line of [...MISSPELT, ...SWAPPED]) {
    it(`${line}: kubectl's own error and exit code`, async () => {
      const real = await runReal(line, kube.env);
      const ours = await runNative(line, { env: kube.env });
      assert.notEqual(real.exitCode, 0, `the real kubectl accepted ${line}`);
      assert.deepEqual({ stdout: ours.stdout, stderr: ours.stderr, exitCode: ours.exitCode }, real);
      assert.equal(ours.run.commands[0].status, 'failed');
    });
  }

  it('runbook plan counts a misspelt command as native, and a real one we do not run as not', async () => {
    const rows = await planCell('kubectl gte pods\nkubectl rollout statsu deploy/web\nkubectl set imgae deploy/web a=b\nkubectl auth can-i get pods\nkubectl drain node-1', 'shellscript', createRegistry(), kube.env);
    assert.deepEqual(
      rows.map((r) => [r.command, r.native, r.mutates, r.effect]),
      [
        ['kubectl gte pods', true, false, 'read'],
        ['kubectl rollout statsu deploy/web', true, false, 'read'],
        ['kubectl set imgae deploy/web a=b', true, false, 'read'],
        ['kubectl auth can-i get pods', false, false, 'read'],
        ['kubectl drain node-1', false, true, 'destructive'],
      ],
    );
  });

  describe('with a kubectl-gte plugin on PATH', () => {
    let dir: string;
    let env: Record<string, string | undefined>;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'kubectl-plugin-'));
      writeFileSync(join(dir, 'kubectl-gte'), '#!/bin/sh\necho "plugin gte: $*"\n');
      chmodSync(join(dir, 'kubectl-gte'), 0o755);
      env = { ...kube.env, PATH: `${dir}:${kube.env.PATH}` };
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('kubectl runs the plugin; we offer a terminal instead of an error', async () => {
      const real = await runReal('kubectl gte pods', env);
      assert.deepEqual(real, { stdout: 'plugin gte: pods\n', stderr: '', exitCode: 0 });
      const ours = await runNative('kubectl gte pods', { env });
      assert.equal(ours.exitCode, 127);
      assert.equal(ours.run.commands[0].status, 'not-run');
      assert.match(ours.stderr, /kubectl gte is a kubectl plugin/);
    });
  });
});
