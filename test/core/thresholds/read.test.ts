import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { componentForHeading, readThresholds } from '../../../src/core/thresholds';
import { PROJECT_ROOT, SEED_RUNBOOK, sharedMissing } from '../../support/shared';
import { cellsOf, fence } from './cells';

const SAMPLE = readFileSync(join(PROJECT_ROOT, 'notebooks', 'scaling-playbook.runbook.md'), 'utf8');

describe('reading thresholds', () => {
  it('reads the sample notebook: three groups, their components, metrics and front-matter bindings', () => {
    const cells = cellsOf(SAMPLE);
    const { groups, diagnostics } = readThresholds(cells);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(groups.map((g) => [g.name, g.component, g.bindingSource]), [
      ['Application Servers', 'kubernetes', 'front-matter'],
      ['Database', 'postgres', 'front-matter'],
      ['Cache', 'redis', 'front-matter'],
    ]);
    assert.deepEqual(groups.map((g) => g.metrics.map((m) => m.metric)), [['cpu', 'memory', 'requests'], ['connections', 'cpu', 'storage'], ['memory', 'hits']]);
    assert.deepEqual(groups[0].binding, { kubernetes: 'deployment/tiktok-toe', metrics: 'https://api.tiktok-toe.com/metrics' });
    assert.deepEqual(groups[1].binding, { postgres: 'primary', kubernetes: 'statefulset/postgresql' });
    const cpu = groups[0].metrics[0];
    assert.equal(cells[cpu.cellIndex].text.split('\n')[cpu.line], 'cpu:');
    assert.equal(cpu.durationMs, 300_000);
    assert.equal(groups[1].metrics[2].durationMs, 900_000);
    assert.equal(groups[0].metrics[2].warning?.unit, '/sec');
    assert.deepEqual(groups[2].metrics[1].critical, { value: 70, unit: '%', direction: 'below', strict: true, text: '<70%' });
    // The HPA manifest and the load balancer annotation are YAML too, but not thresholds.
    assert.equal(groups.length, 3);
  });

  it("reads the user's runbook without front matter: default bindings from its kubectl commands", { skip: sharedMissing() }, () => {
    const { groups, diagnostics } = readThresholds(cellsOf(readFileSync(SEED_RUNBOOK, 'utf8')));
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(groups.map((g) => [g.name, g.component, g.bindingSource]), [
      ['Application Servers', 'kubernetes', 'default'],
      ['Database', 'postgres', 'default'],
      ['Cache', 'redis', 'default'],
    ]);
    assert.equal(groups[0].binding?.kubernetes, 'deployment/tiktok-toe');
    assert.match(groups[1].binding?.kubernetes ?? '', /pod\/\*postgres\*/);
  });

  it('maps headings to components', () => {
    const cases: [string, string | undefined][] = [
      ['Application Servers', 'kubernetes'], ['App servers', 'kubernetes'], ['Web tier', 'kubernetes'], ['Database', 'postgres'],
      ['PostgreSQL', 'postgres'], ['Database Servers', 'postgres'], ['Cache', 'redis'], ['Redis', 'redis'], ['Health checks', 'http'],
      ['Automatic Scaling', undefined], ['Load balancer', undefined],
    ];
    for (const [heading, component] of cases) assert.equal(componentForHeading(heading), component, heading);
  });

  it('binds a group whose heading names no component through front matter', () => {
    const md = `---\nthresholds:\n  Frontend: {kubernetes: deployment/web}\n---\n## Limits\n### Frontend\n${fence('cpu: {warning: 60%, critical: 80%}')}`;
    const { groups, diagnostics } = readThresholds(cellsOf(md));
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(groups.map((g) => [g.name, g.component, g.binding?.kubernetes]), [['Frontend', 'kubernetes', 'deployment/web']]);
  });

  it('ignores YAML that is not a threshold block: manifests, config under other headings', () => {
    const md = `## Deploy\n### Web tier\n${fence('apiVersion: v1\nkind: ConfigMap')}\n### Database\n${fence('max_connections: 100')}`;
    assert.deepEqual(readThresholds(cellsOf(md)), { groups: [], diagnostics: [] });
  });
});

describe('threshold diagnostics', () => {
  const read = (yaml: string, heading = 'Application Servers') => {
    const cells = cellsOf(`## Monitoring Thresholds\n### ${heading}\n${fence(yaml)}`);
    return { cells, ...readThresholds(cells) };
  };

  it('broken YAML: a diagnostic at the error, no exception, no group', () => {
    const { groups, diagnostics, cells } = read('cpu:\n  warning: 70%\n critical: 85%\n');
    assert.equal(groups.length, 0);
    assert.equal(diagnostics.length, 1);
    const [d] = diagnostics;
    assert.equal(cells[d.cellIndex].language, 'yaml');
    assert.equal(d.severity, 'error');
    assert.deepEqual([d.line, d.column, d.endLine, d.endColumn], [2, 0, 2, 14]);
    assert.match(d.message, /^invalid YAML: All mapping items must start at the same column; expected metric blocks such as cpu: \{warning: 70%/);
    const missingColon = read('cpu:\n  warning: 70%\n  critical: 85%\n  duration 5m\n').diagnostics;
    assert.deepEqual(missingColon.map((x) => [x.line, x.column, x.endLine, x.endColumn]), [[3, 2, 3, 13]]);
  });

  it("unknown unit: '85 percent' is marked where it is written", () => {
    const { groups, diagnostics } = read('cpu:\n  warning: 70%\n  critical: 85 percent\n  duration: 5m');
    assert.equal(diagnostics.length, 1);
    assert.deepEqual([diagnostics[0].line, diagnostics[0].column, diagnostics[0].endLine, diagnostics[0].endColumn], [2, 12, 2, 22]);
    assert.match(diagnostics[0].message, /cpu\.critical: unknown unit 'percent' in '85 percent'; expected a percentage/);
    // The rest of the metric still counts.
    assert.equal(groups[0].metrics[0].warning?.text, '70%');
    assert.equal(groups[0].metrics[0].critical, undefined);
  });

  it("unknown metric 'cpuu': marked on the key, with the names expected", () => {
    const { groups, diagnostics } = read('memory: {warning: 75%}\ncpuu:\n  warning: 70%');
    assert.equal(diagnostics.length, 1);
    assert.deepEqual([diagnostics[0].line, diagnostics[0].column, diagnostics[0].endLine, diagnostics[0].endColumn], [1, 0, 1, 4]);
    assert.match(diagnostics[0].message, /unknown metric 'cpuu' for Application Servers \(kubernetes\); did you mean 'cpu'\? Expected one of: cpu, memory, requests/);
    assert.deepEqual(groups[0].metrics.map((m) => m.metric), ['memory']);
  });

  it('unknown keys, wrong units, bad durations, inverted bounds', () => {
    const { diagnostics } = read('cpu:\n  warn: 70%\n  critical: 85%\nmemory:\n  warning: 1000/sec\n  critical: 90%\n  duration: 5 minutes\nrequests:\n  warning: 2000/sec\n  critical: 1000/sec');
    const messages = diagnostics.map((d) => `${d.line}:${d.severity}:${d.message}`);
    assert.equal(messages.length, 4, messages.join('\n'));
    assert.match(messages[0], /^1:error:unknown key 'warn' under 'cpu'; expected warning, critical or duration/);
    assert.match(messages[1], /^4:error:memory\.warning: memory takes a percentage \(85%\); got '1000\/sec'/);
    assert.match(messages[2], /^6:error:memory\.duration: '5 minutes' is not a duration/);
    assert.match(messages[3], /^7:warning:requests: critical '1000\/sec' is reached before warning '2000\/sec'/);
  });

  it('front matter: unknown components and groups with no heading', () => {
    const md = `---\nthresholds:\n  Database: {postgress: primary}\n  Queue: {kubernetes: deployment/q}\n---\n## Thresholds\n### Database\n${fence('connections: {warning: 80%}')}`;
    const { groups, diagnostics } = readThresholds(cellsOf(md));
    assert.equal(groups.length, 1);
    assert.deepEqual(diagnostics.map((d) => [d.cellIndex, d.line, d.severity]), [[0, 1, 'error'], [0, 2, 'warning']]);
    assert.match(diagnostics[0].message, /unknown component 'postgress' in thresholds\.Database; expected one of: kubernetes, postgres, redis, http/);
    assert.match(diagnostics[1].message, /thresholds\.Queue: no heading 'Queue' with a threshold block/);
  });
});
