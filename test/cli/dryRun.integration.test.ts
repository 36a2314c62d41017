// Previews from the command line, as a user meets them: the built CLI in its
// own process against a Kubernetes API simulator of each test's own. A
// refusal works out no preview and points to --dry-run; --dry-run
// prints the previews, runs the reads and changes nothing, without --yes or
// --confirm-target, even on a production target.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from '../support/build';
import { runProgram, runReal } from '../support/engine';
import { kubeFixture, type KubeFixture } from '../support/kubeSim';
import { PROJECT_ROOT } from '../support/shared';

const CLI = join(PROJECT_ROOT, 'bin', 'runbook.js');
const SCALE = 'kubectl scale deployment tiktok-toe --replicas=5';
let dir: string;

before(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'runbook-dry-run-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function runbook(args: string[], env: Record<string, string | undefined>) {
  return runProgram(process.execPath, [CLI, ...args], env, 60_000);
}

async function replicas(kube: KubeFixture): Promise<string> {
  return (await runReal('kubectl get deployment tiktok-toe -o jsonpath={.spec.replicas}', kube.env)).stdout;
}

test('a refused change works out no preview (nothing is sent for one) and points to --dry-run', async () => {
  const kube = await kubeFixture();
  const r = await runbook(['exec', '--', SCALE], kube.env);
  assert.equal(r.exitCode, 1);
  assert.match(r.stderr, /^runbook: refused: 'kubectl scale deployment tiktok-toe --replicas=5' changes state \(.*\); pass --yes to run it without asking, or --dry-run to see what it would change$/m);
  assert.doesNotMatch(r.stderr, /server dry run|replicas: 5/);
  assert.equal(await replicas(kube), '3');
});

test('exec --dry-run on a production target: the preview, exit 0, no --yes or --confirm-target needed, nothing changed', async () => {
  const kube = await kubeFixture();
  const r = await runbook(['exec', '--dry-run', '--', SCALE], { ...kube.env, RUNBOOK_PRODUCTION_TARGETS: 'sandbox' });
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stderr, /^dry run: kubectl scale deployment\/tiktok-toe on context sandbox.* \(not run\)\nserver dry run: 1 object, 1 would change\n/);
  assert.match(r.stderr, /^\+  replicas: 5$/m);
  assert.doesNotMatch(r.stderr, /refused/);
  assert.equal(await replicas(kube), '3');
});

test('run --dry-run: reads run and print, each change is previewed and skipped; exit 0; nothing changed', async () => {
  const kube = await kubeFixture();
  const file = join(dir, 'scale.runbook.md');
  writeFileSync(file, `# Scale\n\n\`\`\`sh\nkubectl get deployment tiktok-toe -o name\n\`\`\`\n\n\`\`\`sh\n${SCALE}\n\`\`\`\n\n\`\`\`sh\nkubectl set image deployment/tiktok-toe tiktok-toe=ghcr.io/tiktok-toe/api:9.9.9\n\`\`\`\n`);
  const image = (await runReal(`kubectl get deployment tiktok-toe -o jsonpath='{.spec.template.spec.containers[0].image}'`, kube.env)).stdout;
  const r = await runbook(['run', '--dry-run', file], kube.env);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.stdout, 'deployment.apps/tiktok-toe\n');
  assert.match(r.stderr, /^\+  replicas: 5$/m);
  assert.match(r.stderr, /^\+        image: ghcr\.io\/tiktok-toe\/api:9\.9\.9$/m);
  assert.match(r.stderr, /runbook: skipped 'kubectl scale deployment tiktok-toe --replicas=5': dry run/);
  assert.equal(await replicas(kube), '3');
  assert.equal((await runReal(`kubectl get deployment tiktok-toe -o jsonpath='{.spec.template.spec.containers[0].image}'`, kube.env)).stdout, image);
});
