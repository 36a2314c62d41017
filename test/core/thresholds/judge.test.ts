import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CellResult } from '../../../src/core/results/cellResult';
import type { Target } from '../../../src/core/results/commandResult';
import type { HpaData, ToolData, TopPod } from '../../../src/core/results/toolData';
import { BreachTracker, judgeCell, readThresholds, summarizeNotebook, type CellVerdict, type Verdict } from '../../../src/core/thresholds';
import { PROJECT_ROOT } from '../../support/shared';
import { cellsOf } from './cells';

const { groups } = readThresholds(cellsOf(readFileSync(join(PROJECT_ROOT, 'notebooks', 'scaling-playbook.runbook.md'), 'utf8')));
const T0 = new Date('2026-11-28T07:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

function result(data: ToolData[], target?: Target): CellResult {
  return { tool: 'x', command: 'x', status: 'ok', text: '', commands: [{ command: 'x', tool: 'x', status: 'ok', exitCode: 0, startedAt: T0.toISOString(), durationMs: 1, data, target }] };
}

const pod = (name: string, cpu: number, cpuRequest: number | undefined, memory: number, memoryRequest: number | undefined, limits: { cpu?: number; memory?: number } = {}): TopPod => ({
  namespace: 'default', name, cpuMillicores: cpu, memoryBytes: memory, cpuRequestMillicores: cpuRequest, memoryRequestBytes: memoryRequest, cpuLimitMillicores: limits.cpu, memoryLimitBytes: limits.memory, containers: [],
});
const Mi = 2 ** 20;
const topPods = (appCpu: number) => result([{ kind: 'top-pods', headerLines: 1, containerRows: false, pods: [
  pod('postgresql-0', 400, 1000, 1228 * Mi, 2048 * Mi),
  pod('redis-0', 50, 250, 512 * Mi, 1024 * Mi),
  pod('tiktok-toe-86f8994c75-5nl92', appCpu, 500, 281 * Mi, 512 * Mi),
  pod('tiktok-toe-86f8994c75-9hczq', 250, 500, 281 * Mi, undefined, { memory: 1024 * Mi }),
] }]);
const verdict = (cell: CellVerdict | undefined, group: string, metric: string): Verdict => {
  const v = cell?.verdicts.find((x) => x.group === group && x.metric === metric);
  assert.ok(v, `no verdict for ${group} ${metric}`);
  return v;
};
const hpaData = (current: number): HpaData => ({ kind: 'hpa', name: 'tiktok-toe', namespace: 'default', target: 'Deployment/tiktok-toe', currentReplicas: 3, desiredReplicas: 3, minReplicas: 2, maxReplicas: 10, metrics: [{ type: 'Resource', resource: 'cpu', current, target: 70, unit: '%' }] });
const pg: Target = { kind: 'postgres', label: 'database tiktoktoe on 127.0.0.1:5432 as postgres', details: { host: '127.0.0.1', port: '5432', database: 'tiktoktoe' } };
const redis: Target = { kind: 'redis', label: 'redis 127.0.0.1:6379 db 0', details: { host: '127.0.0.1', port: '6379' } };

describe('judging a cell', () => {
  it('kubectl top pods: app pods against Application Servers, postgres pods against Database, by the binding', () => {
    const cell = judgeCell(groups, topPods(455), new BreachTracker(), T0);
    const cpu = verdict(cell, 'Application Servers', 'cpu');
    assert.equal(cpu.level, 'critical');
    assert.equal(cpu.measurement?.subject, 'tiktok-toe-86f8994c75-5nl92');
    assert.equal(cpu.measurement?.value, 91);
    assert.equal(cpu.measurement?.detail, '455m of 500m requested');
    assert.equal(cpu.sustained, false);
    assert.match(cpu.text, /^critical — not yet sustained \(5m\): cpu 91% on tiktok-toe-86f8994c75-5nl92/);
    assert.equal(verdict(cell, 'Database', 'cpu').level, 'ok');
    assert.equal(verdict(cell, 'Database', 'cpu').measurement?.value, 40);
    // Memory: of the request, or of the limit when nothing is requested.
    const memory = cell!.measurements.filter((m) => m.metric === 'memory' && m.group === 'Application Servers');
    assert.deepEqual(memory.map((m) => [m.subject, m.value, m.detail]), [
      ['tiktok-toe-86f8994c75-5nl92', 54.9, '281Mi of 512Mi requested'],
      ['tiktok-toe-86f8994c75-9hczq', 27.4, '281Mi of 1024Mi limit'],
    ]);
    // Redis pods belong to no group by default (the Cache group is bound to Redis itself).
    assert.ok(cell!.measurements.some((m) => m.subject === 'redis-0' && m.group === undefined && m.level === undefined));
    // The renderer finds breaching rows by subject.
    const breaching = cell!.measurements.filter((m) => m.level === 'critical').map((m) => m.subject);
    assert.deepEqual(breaching, ['tiktok-toe-86f8994c75-5nl92']);
    assert.equal(cell!.level, 'critical');
  });

  it('without front matter the Database group takes pods named like postgres, the app group the named deployments', () => {
    const md = `## Thresholds\n### App servers\n\`\`\`yaml\ncpu: {warning: 70%}\n\`\`\`\n### Database\n\`\`\`yaml\ncpu: {warning: 30%}\n\`\`\`\n## Scale\n\`\`\`bash\nkubectl scale deploy/tiktok-toe --replicas=3\n\`\`\`\n`;
    const own = readThresholds(cellsOf(md)).groups;
    const cell = judgeCell(own, topPods(400), new BreachTracker(), T0);
    assert.equal(verdict(cell, 'App servers', 'cpu').level, 'warning');
    assert.equal(verdict(cell, 'Database', 'cpu').level, 'warning');
    assert.equal(verdict(cell, 'Database', 'cpu').measurement?.subject, 'postgresql-0');
  });

  it('kubectl get hpa and describe hpa: utilisation against the target workload group; at maxReplicas is a warning finding', () => {
    const table = result([{ kind: 'table', resource: 'horizontalpodautoscalers', columns: ['Name', 'Reference', 'Targets', 'MinPods', 'MaxPods', 'Replicas', 'Age'], rows: [['tiktok-toe', 'Deployment/tiktok-toe', 'cpu: 78%/70%, memory: 55%/75%', '3', 10, 10, '12d']], headerLines: 1 }]);
    const cell = judgeCell(groups, table, new BreachTracker(), T0);
    assert.equal(verdict(cell, 'Application Servers', 'cpu').level, 'warning');
    assert.equal(verdict(cell, 'Application Servers', 'cpu').measurement?.subject, 'tiktok-toe');
    assert.equal(verdict(cell, 'Application Servers', 'memory').level, 'ok');
    assert.deepEqual(cell!.findings.map((f) => [f.level, f.subject, f.group]), [['warning', 'tiktok-toe', 'Application Servers']]);
    const described = judgeCell(groups, result([hpaData(91)]), new BreachTracker(), T0);
    assert.equal(verdict(described, 'Application Servers', 'cpu').level, 'critical');
    assert.deepEqual(described!.findings, []);
  });

  it('kubectl get pods (and -w): crash loops, not ready, recent restarts are findings; old restarts are not', () => {
    const columns = ['Name', 'Ready', 'Status', 'Restarts', 'Age'];
    const cell = judgeCell(groups, result([
      { kind: 'table', resource: 'pods', columns, rows: [
        ['tiktok-toe-86f8994c75-aaaaa', '0/1', 'CrashLoopBackOff', '5 (30s ago)', '2d'],
        ['tiktok-toe-86f8994c75-bbbbb', '0/1', 'Running', '0', '2d'],
        ['tiktok-toe-86f8994c75-ccccc', '1/1', 'Running', '1 (5h4m ago)', '2d'],
        ['tiktok-toe-86f8994c75-ddddd', '0/1', 'Pending', '0', '1s'],
      ], headerLines: 1 },
      { kind: 'watch-event', type: 'MODIFIED', rows: [['tiktok-toe-86f8994c75-ddddd', '1/1', 'Running', '0', '5s']], headerLines: 0 },
    ]), new BreachTracker(), T0);
    assert.deepEqual(cell!.findings.map((f) => [f.level, f.subject, f.message]), [
      ['critical', 'tiktok-toe-86f8994c75-aaaaa', 'tiktok-toe-86f8994c75-aaaaa is CrashLoopBackOff'],
      ['warning', 'tiktok-toe-86f8994c75-aaaaa', 'tiktok-toe-86f8994c75-aaaaa restarted 5 times, the last 30s ago'],
      ['warning', 'tiktok-toe-86f8994c75-bbbbb', 'tiktok-toe-86f8994c75-bbbbb is running but not ready (0/1)'],
    ]);
    assert.ok(cell!.findings.every((f) => f.group === 'Application Servers' && f.command === 0));
    // Each finding names its row: under the header, in the table's order.
    assert.deepEqual(cell!.findings.map((f) => f.row), [{ index: 0, headerLines: 1 }, { index: 0, headerLines: 1 }, { index: 1, headerLines: 1 }]);
    // A pod a watch event updated is on the event's line: after the header and the table's four rows.
    assert.deepEqual(cell!.measurements.find((m) => m.subject === 'tiktok-toe-86f8994c75-ddddd')?.row, { index: 0, headerLines: 5 });
    assert.equal(cell!.level, 'critical');
  });

  it('connections, replication, Redis memory and hit rate, response time', () => {
    const tracker = new BreachTracker();
    const connections = judgeCell(groups, result([{ kind: 'postgres-connections', count: 42, maxConnections: 50 }], pg), tracker, T0);
    assert.equal(verdict(connections, 'Database', 'connections').level, 'warning');
    assert.equal(verdict(connections, 'Database', 'connections').measurement?.value, 84);
    assert.equal(verdict(connections, 'Database', 'connections').measurement?.subject, 'tiktoktoe');
    const replication = judgeCell(groups, result([{ kind: 'postgres-replication', replicas: 1, lagBytes: 0 }], pg), tracker, T0);
    assert.deepEqual(replication!.measurements.map((m) => [m.metric, m.value]), [['replicas', 1], ['replication_lag', 0]]);
    assert.equal(replication!.verdicts.length, 0);
    const memory = judgeCell(groups, result([{ kind: 'redis-memory', usedMemory: 930, maxMemory: 1000 }], redis), tracker, T0);
    assert.equal(verdict(memory, 'Cache', 'memory').level, 'critical');
    assert.equal(verdict(memory, 'Cache', 'memory').measurement?.subject, '127.0.0.1:6379');
    const noLimit = judgeCell(groups, result([{ kind: 'redis-memory', usedMemory: 930, maxMemory: 0 }], redis), tracker, T0);
    assert.equal(noLimit, undefined);
    const hits = judgeCell(groups, result([{ kind: 'redis-stats', keyspaceHits: 16, keyspaceMisses: 4, hitRate: 0.8 }], redis), tracker, T0);
    assert.equal(verdict(hits, 'Cache', 'hits').level, 'warning');
    assert.match(verdict(hits, 'Cache', 'hits').text, /hits 80% on 127\.0\.0\.1:6379.*; warning < 85%/);
    const http = judgeCell(groups, result([{ kind: 'http', status: 200, timeTotalSeconds: 0.0296, timeConnectSeconds: 0.001, sizeDownload: 2, url: 'https://api.tiktok-toe.com/health' }]), tracker, T0);
    assert.deepEqual(http!.measurements.map((m) => [m.metric, m.value, m.unit, m.subject]), [['response_time', 0.0296, 's', 'https://api.tiktok-toe.com/health']]);
    const failing = judgeCell(groups, result([{ kind: 'http', status: 503, timeTotalSeconds: 0.01, timeConnectSeconds: 0.001, sizeDownload: 2, url: 'https://x/health' }]), tracker, T0);
    assert.equal(failing!.findings[0].level, 'critical');
  });

  it('response time against a threshold in ms', () => {
    const md = `## Thresholds\n### Application Servers\n\`\`\`yaml\nresponse_time: {warning: 20ms, critical: 1s}\n\`\`\`\n`;
    const own = readThresholds(cellsOf(md)).groups;
    const cell = judgeCell(own, result([{ kind: 'http', status: 200, timeTotalSeconds: 0.0296, timeConnectSeconds: 0.001, sizeDownload: 2, url: 'https://api/health' }]), new BreachTracker(), T0);
    assert.equal(verdict(cell, 'Application Servers', 'response_time').level, 'warning');
  });

  it('storage: database size over the PVC capacity, whichever cell comes last', () => {
    const pvc = (capacity: string) => result([{ kind: 'table', resource: 'persistentvolumeclaims', columns: ['Name', 'Status', 'Volume', 'Capacity'], rows: [['data-redis-0', 'Bound', 'pvc-2', '8Gi'], ['data-postgresql-0', 'Bound', 'pvc-1', capacity]], headerLines: 1 }]);
    const size = result([{ kind: 'postgres-database-size', bytes: 80 * 2 ** 30, database: 'tiktoktoe' }], pg);
    const tracker = new BreachTracker();
    assert.equal(judgeCell(groups, pvc('100Gi'), tracker, T0), undefined, 'no size known yet: nothing measured');
    const first = judgeCell(groups, size, tracker, T0);
    assert.equal(verdict(first, 'Database', 'storage').level, 'warning');
    assert.equal(verdict(first, 'Database', 'storage').measurement?.value, 80);
    const after = judgeCell(groups, pvc('200Gi'), tracker, T0);
    assert.equal(verdict(after, 'Database', 'storage').level, 'ok');
    assert.equal(verdict(after, 'Database', 'storage').measurement?.subject, 'data-postgresql-0');
    assert.deepEqual(verdict(after, 'Database', 'storage').measurement?.row, { index: 1, headerLines: 1 }, 'the second row, under the header');
  });
});

describe('durations', () => {
  it('one sample is not sustained; the breach is sustained once the duration has passed; dropping a level restarts that level', () => {
    const tracker = new BreachTracker();
    const cpu = (appCpu: number, ms: number) => verdict(judgeCell(groups, topPods(appCpu), tracker, at(ms)), 'Application Servers', 'cpu');
    const first = cpu(455, 0);
    assert.deepEqual([first.level, first.sustained, first.sustainedLevel, first.since], ['critical', false, 'ok', T0.toISOString()]);
    const almost = cpu(460, 299_999);
    assert.deepEqual([almost.level, almost.sustained], ['critical', false]);
    const sustained = cpu(460, 300_000);
    assert.deepEqual([sustained.level, sustained.sustained, sustained.sustainedLevel], ['critical', true, 'critical']);
    assert.match(sustained.text, /^critical — sustained for 5m \(5m\)/);
    // Down to warning: the warning breach began at T0, so it is sustained; critical starts over.
    const warning = cpu(390, 310_000);
    assert.deepEqual([warning.level, warning.sustained, warning.since], ['warning', true, T0.toISOString()]);
    const again = cpu(455, 320_000);
    assert.deepEqual([again.level, again.sustained, again.sustainedLevel], ['critical', false, 'warning']);
    assert.match(again.text, /not yet sustained \(5m; warning sustained\)/);
    // Back to ok clears it all.
    assert.deepEqual([cpu(100, 330_000).level, cpu(455, 340_000).sustainedLevel], ['ok', 'ok']);
  });

  it('each subject has its own breach clock', () => {
    const tracker = new BreachTracker();
    judgeCell(groups, topPods(455), tracker, at(0));
    const later = judgeCell(groups, result([{ kind: 'top-pods', headerLines: 1, containerRows: false, pods: [pod('tiktok-toe-86f8994c75-9hczq', 455, 500, 1, 512 * Mi)] }]), tracker, at(300_000));
    assert.equal(verdict(later, 'Application Servers', 'cpu').sustained, false);
  });
});

describe('the notebook summary', () => {
  it("the worst of the cells' verdicts per threshold; thresholds no cell measured are not-measured, never ok", () => {
    const tracker = new BreachTracker();
    const cells = [judgeCell(groups, topPods(100), tracker, at(0)), undefined, judgeCell(groups, topPods(200), tracker, at(1000))];
    const summary = summarizeNotebook(groups, cells);
    const byKey = Object.fromEntries(summary.verdicts.map((v) => [`${v.group}/${v.metric}`, v.level]));
    assert.deepEqual(byKey, {
      'Application Servers/cpu': 'ok',
      'Application Servers/memory': 'ok',
      'Application Servers/requests': 'not-measured',
      'Database/connections': 'not-measured',
      'Database/cpu': 'ok',
      'Database/storage': 'not-measured',
      'Cache/memory': 'not-measured',
      'Cache/hits': 'not-measured',
    });
    assert.equal(summary.level, 'ok');
    const requests = summary.verdicts.find((v) => v.metric === 'requests')!;
    assert.equal(requests.sustained, false);
    assert.match(requests.reason ?? '', /metrics system/);
    assert.equal(summary.verdicts[0].at, at(1000).toISOString(), 'the later cell of the same level');
    const hpa = judgeCell(groups, result([hpaData(50)]), tracker, at(2000));
    const worst = summarizeNotebook(groups, [judgeCell(groups, topPods(455), tracker, at(1500)), hpa]);
    assert.equal(worst.verdicts[0].level, 'critical', 'a later ok average does not clear a pod over the line');
    assert.equal(worst.level, 'critical');
  });
});
