import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { checkSettingsFromEnv } from '../../src/cli/check';
import { planCell, readOnlySkipReason, type PlanRow } from '../../src/core/engine';
import { Runbook } from '../../src/core/runbook';
import { createRegistry } from '../../src/core/tools';
import { PROJECT_ROOT } from '../support/shared';

const FILE = join(PROJECT_ROOT, 'notebooks', 'scaling-playbook.runbook.md');

describe('runbook check: what it runs (the engine\'s read-only plan of each cell)', () => {
  const text = readFileSync(FILE, 'utf8');
  const runbook = Runbook.fromMarkdown(text);
  const registry = createRegistry();
  let rows: (PlanRow & { fileLine: number; reason: string | undefined })[] = [];
  before(async () => {
    const planned = await Promise.all(runbook.codeCells.map(async (cell) => (await planCell(cell.text, cell.language, registry, {})).map((row) => ({ ...row, fileLine: cell.line! + row.line, reason: readOnlySkipReason(row) }))));
    rows = planned.flat();
  });
  const lines = text.split('\n');

  it('runs the commands that only read, in reading and mixed cells alike; never a state change, an edit or a terminal command', () => {
    const runs = rows.filter((r) => !r.reason).map((r) => r.command);
    assert.ok(runs.includes('kubectl get hpa') && runs.includes('kubectl describe hpa tiktok-toe'));
    assert.ok(runs.includes('watch kubectl top pods'));
    assert.ok(runs.includes('kubectl get pods -l app=tiktok-toe -w'));
    assert.ok(runs.includes('SELECT count(*) FROM pg_stat_activity;'));
    assert.ok(runs.includes('kubectl rollout status statefulset postgresql'), 'the reading command of a mixed cell runs');
    for (const run of runs) assert.doesNotMatch(run, /\b(scale|patch|apply|edit|rollout restart|rollout undo|ALTER SYSTEM|pg_reload_conf|--cluster rebalance)\b|\.sh\b/, run);
  });

  it('skips the others, saying why, at their lines in the file', () => {
    const reason = (command: string) => rows.find((r) => r.command === command)?.reason;
    assert.equal(reason('kubectl edit configmap pgbouncer-config'), 'changes state');
    assert.equal(reason('kubectl scale deployment tiktok-toe --replicas=10'), 'changes state');
    assert.equal(reason('kubectl rollout restart statefulset postgresql'), 'changes state');
    // A script's effect is unseen: it counts as a change that needs a terminal.
    assert.match(reason('./scripts/backup/backup.sh') ?? '', /^changes state and .*local script/);
    for (const r of rows.filter((row) => row.reason && !row.command.includes('\n'))) assert.equal(lines[r.fileLine - 1].trim(), r.command, r.command);
  });

  it('reads its test knobs from the environment', () => {
    assert.deepEqual(checkSettingsFromEnv({ RUNBOOK_CHECK_INTERVAL_MS: '200', RUNBOOK_CHECK_DURATION_SCALE: '0.001', RUNBOOK_CHECK_STREAM_WINDOW_MS: 'x' }), { streamWindowMs: undefined, intervalMs: 200, durationScale: 0.001 });
  });
});

describe('runbook check: a runbook with thresholds and nothing to run', () => {
  it('reports diagnostics at their file lines, every threshold not measured, exit 0', async () => {
    const { checkRunbook } = await import('../../src/cli/check');
    const text = '# Runbook\n\n## Monitoring Thresholds\n\n### Cache\n```yaml\nmemory:\n  warning: 75 percent\n  critical: 90%\nhitz: {warning: <85%}\n```\n';
    const report = await checkRunbook('x.md', text, { env: {} });
    assert.deepEqual(report.diagnostics.map((d) => [d.fileLine, d.column, d.message.split(';')[0]]), [
      [8, 11, "memory.warning: unknown unit 'percent' in '75 percent'"],
      [10, 0, "unknown metric 'hitz' for Cache (redis)"],
    ]);
    assert.equal(text.split('\n')[7], '  warning: 75 percent');
    assert.deepEqual(report.verdicts.map((v) => [v.metric, v.level]), [['memory', 'not-measured']]);
    assert.deepEqual([report.exitCode, report.level, report.cells.length], [0, 'ok', 0]);
  });
});
