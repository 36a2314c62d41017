import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkSettingsFromEnv } from '../../src/cli/check';
import { planCheck } from '../../src/cli/checkRun';
import { parseRunbook } from '../../src/core/markdown';
import { createRegistry } from '../../src/core/tools';
import { PROJECT_ROOT } from '../support/shared';

const FILE = join(PROJECT_ROOT, 'notebooks', 'scaling-playbook.runbook.md');

describe('runbook check: what it runs', () => {
  const text = readFileSync(FILE, 'utf8');
  const plan = planCheck(text, parseRunbook(text).cells, createRegistry(), {});
  const lines = text.split('\n');

  it('runs cells that only read, and the reading commands of mixed cells; never a state change, an edit or a terminal command', () => {
    const units = plan.units.map((u) => u.text);
    assert.ok(units.includes('kubectl get hpa\nkubectl describe hpa tiktok-toe'), 'a reading cell runs whole');
    assert.ok(units.includes('watch kubectl top pods'));
    assert.ok(units.includes('kubectl get pods -l app=tiktok-toe -w'));
    assert.ok(units.includes('SELECT count(*) FROM pg_stat_activity;'));
    assert.ok(units.includes('kubectl rollout status statefulset postgresql'), 'the reading command of a mixed cell runs alone');
    for (const unit of units) assert.doesNotMatch(unit, /\b(scale|patch|apply|edit|rollout restart|rollout undo|ALTER SYSTEM|pg_reload_conf|--cluster rebalance)\b|\.sh\b/, unit);
    // Each unit's line is where its command is in the file.
    for (const unit of plan.units) assert.equal(lines[unit.line - 1].trim(), unit.text.split('\n')[0], unit.text);
  });

  it('lists what it skipped and why', () => {
    const reason = (command: string) => plan.skipped.find((s) => s.command === command)?.reason;
    assert.equal(reason('kubectl edit configmap pgbouncer-config'), 'changes state');
    assert.equal(reason('kubectl scale deployment tiktok-toe --replicas=10'), 'changes state');
    assert.equal(reason('kubectl rollout restart statefulset postgresql'), 'changes state');
    assert.match(reason('./scripts/backup/backup.sh') ?? '', /^needs a terminal: .*local script/);
    for (const s of plan.skipped) assert.equal(lines[s.line - 1].trim(), s.command, s.command);
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
