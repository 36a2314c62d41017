// `runbook exec` and `runbook plan` as a user runs them: the built CLI, in
// its own process, against the Kubernetes API simulator.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ensureBuilt } from '../support/build';
import { bracketed } from '../support/bracketed';
import { runProgram, runReal } from '../support/engine';
import { kubeFixture } from '../support/kubeSim';
import { PROJECT_ROOT, SEED_RUNBOOK, sharedMissing } from '../support/shared';

const CLI = join(PROJECT_ROOT, 'bin', 'runbook.js');

function runbook(args: string[], env: Record<string, string | undefined>) {
  return runProgram(process.execPath, [CLI, ...args], env, 60_000);
}

test('runbook exec prints what kubectl prints, on the same streams, with its exit code', async () => {
  ensureBuilt();
  const kube = await kubeFixture();
  for (const command of ['kubectl get pods -l app=tiktok-toe', 'kubectl get hpa', 'kubectl get deploy tiktok-toe -o wide', 'kubectl get pods nosuchpod', 'kubectl get nosuchtype']) {
    // The real kubectl runs before and after ours: the ages match one of its two outputs (bracketed.ts).
    const { ours, theirs: real } = await bracketed(() => runbook(['exec', '--', command], kube.env), () => runReal(command, kube.env));
    assert.equal(ours.stdout, real.stdout, command);
    assert.equal(ours.stderr, real.stderr, command);
    assert.equal(ours.exitCode, real.exitCode, command);
  }
});

test('runbook exec --repeat reports median and p95 on stderr', async () => {
  const kube = await kubeFixture();
  const r = await runbook(['exec', '--repeat', '5', '--', 'kubectl get pods'], kube.env);
  assert.equal(r.exitCode, 0);
  assert.match(r.stderr, /^median \d+\.\d\d ms, p95 \d+\.\d\d ms over 5 runs\n$/);
  assert.equal(r.stdout.split('\n').filter((l) => l.startsWith('NAME')).length, 5);
});

test('without --yes and without a terminal, a state-changing command is refused by name', async () => {
  const kube = await kubeFixture();
  const r = await runbook(['exec', '--', 'kubectl scale deployment tiktok-toe --replicas=4'], kube.env);
  assert.notEqual(r.exitCode, 0);
  assert.match(r.stderr, /^runbook: refused: 'kubectl scale deployment tiktok-toe --replicas=4' changes state .*pass --yes/m);
});

test('a usage error in a state-changing command is printed as the real CLI prints it, before any confirmation', async () => {
  const kube = await kubeFixture();
  for (const command of ['kubectl scale deployment tiktok-toe', 'kubectl scale deployment tiktok-toe --replicas=-1', 'kubectl patch deployment tiktok-toe', 'kubectl patch deployment tiktok-toe -p {} --type yaml', 'kubectl scale deployment tiktok-toe --replicas=x', 'aws s3 rm', 'aws s3 cp onlyone', 'aws s3api delete-object --bucket b', 'aws cloudfront create-invalidation --paths /x']) {
    // No --yes and no terminal: a confirmation would be refused ("pass --yes"); the usage error comes first.
    const ours = await runbook(['exec', '--', command], kube.env);
    const real = await runReal(command, kube.env);
    assert.equal(klogTime(ours.stderr), klogTime(real.stderr), command);
    assert.equal(ours.stdout, real.stdout, command);
    assert.equal(ours.exitCode, real.exitCode, command);
  }
});

/** A klog line's time and process id (`E1207 06:29:16.180233   25661 run.go:72]`) differ between two runs by nature. */
function klogTime(text: string): string {
  return text.replace(/^E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /gm, 'E0000 00:00:00.000000 PID ');
}

test('an unset variable is an error naming --var; --var fills it', async () => {
  const kube = await kubeFixture();
  const missing = await runbook(['exec', '--', 'kubectl get deploy $APP'], kube.env);
  assert.equal(missing.exitCode, 1);
  assert.match(missing.stderr, /APP is not set; pass --var APP=VALUE/);
  const filled = await runbook(['exec', '--var', 'APP=tiktok-toe', '--', 'kubectl get deploy $APP -o name'], kube.env);
  assert.equal(filled.stdout, 'deployment.apps/tiktok-toe\n');
});

test('runbook plan --json gives one row per command of the user runbook', { skip: sharedMissing() }, async () => {
  ensureBuilt();
  const r = await runbook(['plan', '--json', SEED_RUNBOOK], process.env);
  assert.equal(r.exitCode, 0, r.stderr);
  const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.ok(rows.length >= 45, `${rows.length} rows`);
  for (const row of rows) {
    assert.deepEqual(Object.keys(row), ['file', 'line', 'command', 'tool', 'native', 'terminal', 'reason', 'mutates', 'effect', 'source']);
    assert.equal(row.source, 'cell', String(row.command));
    assert.equal(row.mutates, row.effect !== 'read', String(row.command));
  }
  const scale = rows.find((row) => row.command === 'kubectl scale deployment tiktok-toe --replicas=5');
  assert.deepEqual({ line: scale?.line, tool: scale?.tool, mutates: scale?.mutates, effect: scale?.effect }, { line: 121, tool: 'kubectl', mutates: true, effect: 'change' });
  const backup = rows.find((row) => row.command === './scripts/backup/backup.sh');
  assert.deepEqual([backup?.terminal, backup?.effect], [true, 'change']);
  const sql = rows.filter((row) => row.tool === 'sql');
  assert.equal(sql.length, 2);
});
