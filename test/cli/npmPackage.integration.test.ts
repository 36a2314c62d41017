// `runbook check` from the npm package: installed into an empty prefix, it
// judges a runbook against a Kubernetes API simulator as the repository's
// command does on the same state.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt } from '../support/build';
import { runProgram } from '../support/engine';
import { kubeFixture } from '../support/kubeSim';
import { packAndInstall, type InstalledPackage } from '../support/npmPackage';
import { PROJECT_ROOT } from '../support/shared';

const RUNBOOK = `---
thresholds:
  Application Servers: {kubernetes: deployment/tiktok-toe}
---
# Web tier

### Application Servers
\`\`\`yaml
cpu:
  warning: 70%
  critical: 85%
memory:
  warning: 75%
  critical: 90%
\`\`\`

1. Use per pod:
   \`\`\`bash
   kubectl top pods -l app=tiktok-toe
   \`\`\`
`;

interface Report {
  exitCode: number;
  level: string;
  verdicts: { group: string; metric: string; level: string }[];
}

let pkg: InstalledPackage;
before(async () => {
  ensureBuilt();
  pkg = await packAndInstall();
});
after(() => pkg?.remove());

test('runbook check from the npm package judges as the repository\'s command does', async () => {
  const kube = await kubeFixture('warning');
  const file = join(pkg.workDir, 'web.runbook.md');
  writeFileSync(file, RUNBOOK);
  const installed = await pkg.runbook(['check', '--json', file], kube.env);
  const repository = await runProgram(process.execPath, [join(PROJECT_ROOT, 'bin', 'runbook.js'), 'check', '--json', file], kube.env);
  assert.ok([0, 1, 2].includes(installed.exitCode), installed.stderr);
  const [ours, theirs] = [installed, repository].map((r) => JSON.parse(r.stdout) as Report);
  const levels = (report: Report) => report.verdicts.map((v) => `${v.group}/${v.metric}: ${v.level}`);
  assert.deepEqual(levels(ours).map((l) => l.replace(/: .*/, '')), ['Application Servers/cpu', 'Application Servers/memory']);
  assert.ok(levels(ours).every((l) => !l.endsWith('not-measured')), levels(ours).join('\n'));
  assert.deepEqual(levels(ours), levels(theirs));
  assert.equal(installed.exitCode, repository.exitCode);
  assert.equal(ours.level, theirs.level);
});
