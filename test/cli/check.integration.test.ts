// `runbook check` on the sample notebook against a sandbox per scenario:
// every threshold's verdict (or not-measured), the exit status, --json,
// --sustained with shortened durations, and exit 3 when a command fails.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkCommand, checkRunbook, type CheckReport } from '../../src/cli/check';
import { runRunbook } from '../../src/cli/run';
import { healthCommand } from '../../src/cli/health';
import type { HealthModel, HealthNode } from '../../src/core/health';
import { parseRunbook, serializeRunbook } from '../../src/core/markdown';
import { readRecord } from '../../src/core/records';
import { runProgram } from '../support/engine';
import { PROJECT_ROOT } from '../support/shared';
import { SCENARIOS, startSandbox, type Sandbox, type Scenario } from '../sandbox/index';

const FILE = join(PROJECT_ROOT, 'notebooks', 'scaling-playbook.runbook.md');
const TEXT = readFileSync(FILE, 'utf8');
const FAST = { streamWindowMs: 300 };

type Expected = 'ok' | 'warning' | 'critical' | 'not-measured';
/** The user's runbook's bounds, written out here so the test does not judge with the code under test. */
const above = (value: number, warning: number, critical: number): Expected => (value >= critical ? 'critical' : value >= warning ? 'warning' : 'ok');
const below = (value: number, warning: number, critical: number): Expected => (value < critical ? 'critical' : value < warning ? 'warning' : 'ok');

function expectedVerdicts(s: Scenario): Record<string, { level: Expected; value?: number }> {
  return {
    'Application Servers/cpu': { level: above(s.appCpuPercent, 70, 85), value: s.appCpuPercent },
    'Application Servers/memory': { level: above(s.appMemoryPercent, 75, 90), value: s.appMemoryPercent },
    'Application Servers/requests': { level: 'not-measured' },
    'Database/connections': { level: above(s.dbConnectionsPercent, 80, 90), value: s.dbConnectionsPercent },
    'Database/cpu': { level: above(s.dbCpuPercent, 70, 85), value: s.dbCpuPercent },
    'Database/storage': { level: above(s.dbStoragePercent, 75, 90), value: s.dbStoragePercent },
    'Cache/memory': { level: above(s.cacheMemoryPercent, 75, 90), value: s.cacheMemoryPercent },
    'Cache/hits': { level: below(s.cacheHitRatePercent, 85, 70), value: s.cacheHitRatePercent },
  };
}

function table(report: CheckReport): string {
  return report.verdicts.map((v) => `${v.group}/${v.metric}: ${v.level}${v.measurement ? ` ${v.measurement.value}${v.measurement.unit}` : ''}`).join('\n');
}

const EXIT: Record<string, number> = { normal: 0, warning: 1, critical: 2 };

for (const name of ['normal', 'warning', 'critical'] as const) {
  describe(`runbook check, ${name} scenario`, () => {
    const scenario = SCENARIOS[name];
    let sandbox: Sandbox;
    let env: Record<string, string | undefined>;
    before(async () => {
      // Every service: the notebook's reading commands include redis-cli cluster info and aws.
      sandbox = await startSandbox({ scenario, quiet: true });
      env = { ...process.env, ...sandbox.env };
    });
    after(async () => {
      await sandbox?.stop();
    });

    it('gives every threshold of the runbook its verdict, or not-measured', async () => {
      const report = await checkRunbook(FILE, TEXT, { env, ...FAST });
      const expected = expectedVerdicts(scenario);
      assert.deepEqual(report.failures, [], 'no command failed');
      assert.deepEqual(Object.keys(expected), report.verdicts.map((v) => `${v.group}/${v.metric}`));
      for (const v of report.verdicts) {
        const want = expected[`${v.group}/${v.metric}`];
        assert.equal(v.level, want.level, `${v.group} ${v.metric}: ${v.text}\n${table(report)}`);
        if (want.value !== undefined) assert.ok(Math.abs(v.measurement!.value - want.value) <= 2, `${v.group} ${v.metric}: measured ${v.measurement!.value}, scenario ${want.value}`);
        if (v.level === 'not-measured') assert.equal(v.measurement, undefined);
        // One sample of a 5m threshold is never sustained.
        if (v.level === 'warning' || v.level === 'critical') assert.match(v.text, /not yet sustained \((5m|15m)\)/);
      }
      assert.equal(report.exitCode, EXIT[name]);
      assert.equal(report.level, name === 'normal' ? 'ok' : name);
      assert.deepEqual(report.findings, []);
    });

    it('exits with the highest verdict, printing the table; --json prints the report (the CLI in its own process)', async () => {
      const cli = (args: string[]) => runProgram(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src', 'cli', 'main.ts'), 'check', ...args, FILE], { ...env, RUNBOOK_CHECK_STREAM_WINDOW_MS: '300' }, 120_000);
      const lines: string[] = [];
      const code = await checkCommand(FILE, { env, ...FAST }, { out: (l) => lines.push(l), err: (l) => lines.push(l) });
      const text = { exitCode: code, stdout: lines.join('\n') + '\n' };
      assert.equal(text.exitCode, EXIT[name]);
      assert.match(text.stdout, /^GROUP +METRIC +THRESHOLD +MEASURED +ON +LINE +VERDICT\n/);
      assert.match(text.stdout, /\nApplication Servers +requests +warning 1000\/sec, critical 2000\/sec, 1m +- +- +- +not measured\n/);
      assert.match(text.stdout, /Skipped \d+ commands .*\n(.*\n)*  line 167  kubectl edit configmap pgbouncer-config  \(changes state\)\n/);
      assert.match(text.stdout, new RegExp(`\\n${name === 'normal' ? 'ok' : name} \\(exit ${EXIT[name]}\\): ran \\d+ cells or commands, one sample\\n$`));

      const json = await cli(['--json']);
      assert.equal(json.exitCode, EXIT[name]);
      const report = JSON.parse(json.stdout) as CheckReport;
      assert.deepEqual(Object.keys(report), ['file', 'level', 'exitCode', 'incomplete', 'sustainedOnly', 'rounds', 'verdicts', 'findings', 'cells', 'skipped', 'inline', 'failures', 'diagnostics']);
      assert.equal(report.exitCode, EXIT[name]);
      assert.equal(report.verdicts.length, 8);
      const cpu = report.verdicts.find((v) => v.group === 'Application Servers' && v.metric === 'cpu')!;
      assert.equal(cpu.threshold, 'warning 70%, critical 85%, 5m');
      assert.match(cpu.measurement!.subject, /^tiktok-toe-[a-z0-9]+-[a-z0-9]{5}$/);
      assert.equal(typeof cpu.line, 'number');
      assert.ok(report.cells.length >= 15 && report.cells.every((c) => c.status === 'ok'), JSON.stringify(report.cells.filter((c) => c.status !== 'ok')));
      assert.ok(report.cells.some((c) => c.verdict?.measurements.some((m) => m.metric === 'hits')));
    });

    it('measures storage when a cell reads the database size (with the PVC capacity from kubectl get pvc)', async () => {
      const withSize = `${TEXT}\n\`\`\`sql\nSELECT pg_database_size(current_database());\n\`\`\`\n`;
      const report = await checkRunbook(FILE, withSize, { env, ...FAST });
      const storage = report.verdicts.find((v) => v.metric === 'storage')!;
      assert.equal(storage.level, above(scenario.dbStoragePercent, 75, 90), storage.text);
      assert.ok(Math.abs(storage.measurement!.value - scenario.dbStoragePercent) <= 3, storage.text);
      assert.equal(storage.measurement!.subject, 'data-postgresql-0');
    });

    if (name === 'warning') {
      it('--sustained samples until the breaches have lasted their (shortened) durations', async () => {
        const report = await checkRunbook(FILE, TEXT, { env, ...FAST, sustained: true, durationScale: 0.001, intervalMs: 200 });
        assert.ok(report.rounds >= 2, `${report.rounds} rounds`);
        const breached = report.verdicts.filter((v) => v.level === 'warning');
        assert.equal(breached.length, 7, table(report));
        for (const v of breached) {
          assert.equal(v.sustained, true, v.text);
          assert.equal(v.sustainedLevel, 'warning');
          assert.match(v.text, /^warning — sustained for/);
        }
        assert.equal(report.exitCode, 1);
      });
    }

    if (name === 'critical') {
      it('--sustained does not count a breach before its duration has passed (interrupted while waiting: the report so far)', async () => {
        // Durations shortened to 5m × 0.01 = 3 s with samples 60 s apart, interrupted after the first sample:
        // nothing has lasted, so nothing counts yet.
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), 8000);
        const report = await checkRunbook(FILE, TEXT, { env, ...FAST, sustained: true, durationScale: 0.01, intervalMs: 60_000, signal: controller.signal });
        clearTimeout(timer);
        assert.equal(report.rounds, 1);
        assert.ok(report.verdicts.some((v) => v.level === 'critical' && !v.sustained));
        assert.equal(report.level, 'ok');
        assert.equal(report.exitCode, 0);
      });
    }

    if (name === 'normal') {
      it('runbook exec --thresholds stops --repeat at a critical verdict unless --continue-on-critical', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'runbook-exec-'));
        try {
          const file = join(dir, 'low.runbook.md');
          writeFileSync(file, '## Thresholds\n### Database\n```yaml\ncpu: {warning: 20%, critical: 30%, duration: 1m}\n```\n');
          const exec = (extra: string[]) => runProgram(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src', 'cli', 'main.ts'), 'exec', '--thresholds', file, '--repeat', '3', ...extra, '--', 'kubectl top pods'], env, 60_000);
          const stopped = await exec([]);
          assert.equal(stopped.exitCode, 0, stopped.stderr);
          assert.equal(stopped.stdout.match(/^NAME/gm)?.length, 1);
          assert.match(stopped.stderr, new RegExp(`runbook: Database: critical — not yet sustained \\(1m\\): cpu ${scenario.dbCpuPercent}% on postgresql-0`));
          assert.match(stopped.stderr, /runbook: stopped after run 1 of 3 at a critical verdict \(--continue-on-critical keeps going\)\n/);
          const kept = await exec(['--continue-on-critical']);
          assert.equal(kept.stdout.match(/^NAME/gm)?.length, 3);
          assert.doesNotMatch(kept.stderr, /stopped after/);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });

      it('exits 3 when a command it ran failed (a host that does not resolve), still judging the rest', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'runbook-check-'));
        try {
          const file = join(dir, 'broken.runbook.md');
          writeFileSync(file, TEXT.replaceAll('https://api.tiktok-toe.com/health', 'https://api.tiktok-toe.invalid/health'));
          const out: string[] = [];
          const code = await checkCommand(file, { env, json: true, ...FAST }, { out: (l) => out.push(l), err: () => {} });
          assert.equal(code, 3);
          const report = JSON.parse(out.join('\n')) as CheckReport;
          assert.equal(report.incomplete, true);
          assert.deepEqual(report.failures.map((f) => [f.command, f.exitCode]), [
            ['curl https://api.tiktok-toe.invalid/health', 6],
            ['curl -w "%{time_total}\\n" -o /dev/null -s https://api.tiktok-toe.invalid/health', 6],
          ]);
          assert.equal(report.verdicts.find((v) => v.group === 'Cache' && v.metric === 'hits')!.level, 'ok');
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }

    it('runbook health: every threshold of the runbook judged as check judges it, or not measured; the exit code from the highest level', async () => {
      const out: string[] = [];
      const code = await healthCommand(FILE, { json: true, watch: false, contexts: [], env, pollIntervalSeconds: 60, metricsIntervalSeconds: 60 }, { out: (l) => out.push(l), err: (l) => out.push(l) });
      const model = JSON.parse(out.join('\n')) as HealthModel;
      assert.equal(code, EXIT[name], out.join('\n'));
      assert.equal(model.exitCode, code);
      assert.deepEqual(model.roots.map((r) => r.kind), ['kubernetes', 'postgres', 'redis', 's3', 'http']);
      const thresholds = new Map<string, string | undefined>();
      const visit = (node: HealthNode) => {
        if (node.kind === 'threshold') thresholds.set(node.name, node.level);
        node.children?.forEach(visit);
      };
      model.roots.forEach(visit);
      // As check judges them; and the request rate, which the health view reads from the endpoint the runbook names.
      const expected = { ...expectedVerdicts(scenario), 'Application Servers/requests': { level: above(scenario.requestsPerSecond, 1000, 2000) } };
      for (const [key, want] of Object.entries(expected)) assert.equal(thresholds.get(key), want.level, `${key}: ${thresholds.get(key)}`);
      const find = (node: HealthNode, wanted: string): HealthNode | undefined => node.name === wanted ? node : node.children?.map((c) => find(c, wanted)).find(Boolean);
      const deployment = find(model.roots[0], 'deployment/tiktok-toe');
      assert.match(deployment?.label ?? '', /^\d+\/\d+$/);
    });

    it('runbook run --read-only --record: exits with the highest verdict, and the record holds every run', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'runbook-record-'));
      try {
        const out = join(dir, `${name}.incident.md`);
        const code = await recordRun(out, { readOnly: true, yes: false, env });
        assert.equal(code, EXIT[name]);
        const text = readFileSync(out, 'utf8');
        assert.equal(serializeRunbook(parseRunbook(text)), text, 'the record round-trips');
        const read = readRecord(text);
        const { ok, warning, critical } = read.header!.verdicts;
        const runs = read.cells.flatMap((c) => c.runs);
        assert.ok(runs.every((r) => !r.edited), 'nothing recorded reads as edited');
        if (name === 'critical') {
          // Run All stops at the first critical verdict: it is the last run recorded.
          assert.ok(critical > 0, JSON.stringify(read.header!.verdicts));
          assert.equal(runs[runs.length - 1].run.result.verdict?.level, 'critical');
          assert.ok(read.events.some((e) => e.kind === 'skipped' && /the run stopped at cell/.test(e.reason)));
          return;
        }
        assert.equal(critical, 0);
        assert.ok(ok > 0);
        if (name === 'normal') assert.equal(warning, 0);
        else assert.ok(warning > 0);
        // The changes were skipped and listed.
        assert.ok(read.events.some((e) => e.kind === 'skipped' && e.command === 'kubectl scale deployment tiktok-toe --replicas=5' && e.reason === 'changes state'));
        assert.ok(runs.some((r) => r.run.result.status === 'skipped' && /kubectl scale deployment tiktok-toe --replicas=5/.test(r.run.result.command)));
        assert.deepEqual([...new Set(read.header!.targets.map((t) => t.kind))].sort(), ['cloudfront', 'http', 'kubernetes', 'postgres', 'redis', 's3']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    if (name === 'normal') {
      // Last in this sandbox's tests: it changes the sandbox's state.
      it('runbook run --yes --record runs the changes against the sandbox and records them', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'runbook-record-'));
        try {
          const out = join(dir, 'changes.incident.md');
          const etag = await runProgram(process.execPath, [join(PROJECT_ROOT, 'bin', 'runbook.js'), 'exec', '--', 'aws cloudfront get-distribution-config --id $CLOUDFRONT_DISTRIBUTION_ID --query ETag --output text'], env, 60_000);
          assert.equal(etag.exitCode, 0, etag.stderr);
          // The editor steps save unchanged (`true` as the editor); the scripts need a terminal and are listed, not failures.
          const code = await recordRun(out, { readOnly: false, yes: true, env: { ...env, KUBE_EDITOR: 'true' }, vars: { etag: etag.stdout.trim() } });
          const read = readRecord(readFileSync(out, 'utf8'));
          const ran = read.cells.flatMap((c) => c.runs).map((r) => r.run.result);
          const failed = ran.filter((r) => r.status === 'failed' || r.status === 'declined');
          assert.deepEqual(failed.map((r) => r.command), [], 'no step failed');
          assert.ok([0, 1, 2].includes(code), `exit ${code}`);
          for (const change of ['kubectl scale deployment tiktok-toe --replicas=5', 'ALTER SYSTEM SET max_wal_senders = 10;', 'aws cloudfront create-invalidation']) {
            const run = ran.find((r) => r.command.includes(change));
            assert.equal(run?.status, 'ok', `${change}: ${JSON.stringify(run)}`);
          }
          assert.ok(read.events.some((e) => e.kind === 'confirmation' && e.answer && /kubectl scale deployment tiktok-toe --replicas=5/.test(e.question)));
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  });
}

/** `runbook run --record OUT` of the sample runbook, in this process. */
function recordRun(out: string, options: { readOnly: boolean; yes: boolean; env: Record<string, string | undefined>; vars?: Record<string, string> }): Promise<number> {
  const quiet = () => {};
  return runRunbook(FILE, {
    vars: options.vars ?? {}, yes: options.yes, readOnly: options.readOnly, continueOnFailure: options.yes, continueOnCritical: options.yes, json: false,
    record: out, env: options.env, streamWindowMs: 300,
  }, { out: quiet, err: quiet, stdout: quiet, stderr: quiet });
}
