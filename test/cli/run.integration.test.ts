// `runbook run` as a user runs it: the built CLI, in its own process, against
// the Kubernetes API simulator; each exit code of the README's table.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from '../support/build';
import { runProgram } from '../support/engine';
import { kubeFixture } from '../support/kubeSim';
import { PROJECT_ROOT } from '../support/shared';
import { acquireSandbox } from '../sandbox/testing';

const CLI = join(PROJECT_ROOT, 'bin', 'runbook.js');

const READ = 'kubectl get deploy tiktok-toe -o jsonpath={.spec.replicas}';
const CHANGE = 'kubectl scale deployment tiktok-toe --replicas=7';

function runbookFile(dir: string, name: string, steps: string[], thresholds = ''): string {
  const file = join(dir, name);
  writeFileSync(file, `# Steps\n${thresholds}\n${steps.map((s, i) => `${i + 1}. Step\n\n   \`\`\`bash\n   ${s}\n   \`\`\`\n`).join('\n')}`);
  return file;
}

test('runbook run: each exit code of the table', async () => {
  ensureBuilt();
  const kube = await kubeFixture();
  const dir = mkdtempSync(join(tmpdir(), 'runbook-run-'));
  const run = (args: string[]) => runProgram(process.execPath, [CLI, 'run', ...args], kube.env, 60_000);
  try {
    const mixed = runbookFile(dir, 'mixed.runbook.md', [READ, CHANGE, READ]);

    // --read-only: the change is skipped and listed, not a failure; the reads run.
    const readOnly = await run(['--read-only', mixed]);
    assert.equal(readOnly.exitCode, 0, readOnly.stderr);
    const replicas = readOnly.stdout;
    assert.match(replicas, /^(\d+)\1$/, 'both reads printed the same replica count: nothing changed');
    assert.match(readOnly.stderr, /runbook: skipped 'kubectl scale deployment tiktok-toe --replicas=7': changes state\n/);
    assert.match(readOnly.stderr, /runbook: ok \(exit 0\): ran 2 cells, skipped 1 command\n$/);

    // Without --yes and without a terminal, the change is refused: exit 3, and Run All stops there.
    const refused = await run([mixed]);
    assert.equal(refused.exitCode, 3, refused.stderr);
    assert.match(refused.stderr, /pass --yes to run it without asking/);
    assert.match(refused.stderr, /runbook: stopped at a failed cell \(cell \d+\); the cells after it were not run\n/);
    assert.equal(refused.stdout, replicas.slice(0, replicas.length / 2), 'only the first read ran');

    // --json: each cell's result, the level and the exit code.
    const json = await run(['--read-only', '--json', mixed]);
    const report = JSON.parse(json.stdout) as { exitCode: number; level: string; cells: { line: number; result: { status: string; commands: { command: string; status: string }[] } }[]; skipped: { line: number; reason: string }[] };
    assert.equal(report.exitCode, 0);
    assert.deepEqual(report.cells.map((c) => [c.line, c.result.status]), [[6, 'ok'], [18, 'ok']]);
    assert.deepEqual(report.skipped, [{ line: 12, command: CHANGE, reason: 'changes state' }]);

    // Verdicts: the highest level is the exit code (the app's CPU against bounds below and above it).
    const cpu = (warning: string, critical: string) => `\n## Monitoring Thresholds\n\n### Application Servers\n\`\`\`yaml\ncpu: {warning: ${warning}, critical: ${critical}}\n\`\`\`\n`;
    const steps = ['kubectl get deployment tiktok-toe', 'kubectl top pods -l app=tiktok-toe'];
    const critical = await run(['--read-only', runbookFile(dir, 'critical.runbook.md', steps, cpu('1%', '2%'))]);
    assert.equal(critical.exitCode, 2, critical.stderr);
    assert.match(critical.stderr, /runbook: Application Servers: critical/);
    const warning = await run(['--read-only', runbookFile(dir, 'warning.runbook.md', steps, cpu('1%', '500%'))]);
    assert.equal(warning.exitCode, 1, warning.stderr);
    const ok = await run(['--read-only', runbookFile(dir, 'ok.runbook.md', steps, cpu('400%', '500%'))]);
    assert.equal(ok.exitCode, 0, ok.stderr);

    // A value nobody gave: exit 3, naming --var.
    const lacking = runbookFile(dir, 'lacking.runbook.md', ['kubectl get deploy $DEPLOYMENT']);
    const noValue = await run([lacking]);
    assert.equal(noValue.exitCode, 3, noValue.stderr);
    assert.match(noValue.stderr, /pass --var DEPLOYMENT=VALUE/);

    // A file that cannot be read: exit 4.
    const missing = await run([join(dir, 'missing.runbook.md')]);
    assert.equal(missing.exitCode, 4);
    assert.match(missing.stderr, /missing\.runbook\.md: cannot read: ENOENT/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('runbook run --json holds every line of an output too large for a cell to keep', async () => {
  ensureBuilt();
  const sandbox = await acquireSandbox();
  const dir = mkdtempSync(join(tmpdir(), 'runbook-run-large-'));
  try {
    const lines = 5000;
    const file = runbookFile(dir, 'large.runbook.md', [`psql -At -c "SELECT 'line ' || i FROM generate_series(1, ${lines}) i"`]);
    const json = await runProgram(process.execPath, [CLI, 'run', '--json', file], { ...sandbox.env, TMPDIR: dir }, 60_000);
    assert.equal(json.exitCode, 0, json.stderr);
    const report = JSON.parse(json.stdout) as { cells: { result: { text: string; fullOutput?: unknown } }[] };
    const text = report.cells[0].result.text;
    assert.equal(text.split('\n').length - 1, lines, 'every line, not the last 1,000');
    assert.ok(text.startsWith('line 1\nline 2\n') && text.endsWith(`line ${lines}\n`));
    assert.equal(report.cells[0].result.fullOutput, undefined, 'no path to a file that is gone once the command exits');
    assert.deepEqual(readdirSync(dir).filter((name) => name.startsWith('runbook-output-')), [], 'the spool folder went with the command');
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sandbox.stop();
  }
});
