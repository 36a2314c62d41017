// Words for verdicts in the cell status bar and the notebook summary.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellStatusText, cellTooltip, formatValue, summaryWords } from '../../src/extension/verdictText';
import type { CellVerdict, Verdict } from '../../src/core/thresholds/types';

function v(group: string, metric: string, level: Verdict['level'], extra: Partial<Verdict> = {}): Verdict {
  return { group, metric, level, sustained: level !== 'ok' && level !== 'not-measured', text: `${level}: ${metric}`, ...extra };
}

const cpu = { component: 'kubernetes', metric: 'cpu', value: 91.26, unit: '%', subject: 'pod/web-1', detail: '456m of 500m requested' } as const;

test('the cell item names the level, and an unsustained breach says for how long it must last', () => {
  const sustained: CellVerdict = { level: 'warning', verdicts: [v('App', 'cpu', 'warning')], findings: [], measurements: [] };
  assert.equal(cellStatusText(sustained), '$(warning) warning');
  const pending: CellVerdict = {
    level: 'critical',
    verdicts: [v('App', 'cpu', 'critical', { sustained: false, text: 'critical — not yet sustained (5m): cpu 91%' })],
    findings: [],
    measurements: [],
  };
  assert.equal(cellStatusText(pending), '$(error) critical — not yet sustained (5m)');
  assert.equal(cellStatusText({ level: 'ok', verdicts: [v('App', 'cpu', 'ok')], findings: [], measurements: [] }), '$(pass) ok');
});

test('the cell tooltip lists each threshold with its value and bound, and each measurement', () => {
  const verdict: CellVerdict = {
    level: 'critical',
    verdicts: [
      v('Application Servers', 'memory', 'ok', { measurement: { ...cpu, metric: 'memory', value: 40 } }),
      v('Application Servers', 'cpu', 'critical', { measurement: cpu, bound: { value: 85, unit: '%', direction: 'above', text: '85%' }, since: '2026-11-28T07:00:05.000Z' }),
    ],
    findings: [{ component: 'kubernetes', level: 'warning', subject: 'pod/web-2', message: 'not ready' }],
    measurements: [cpu],
  };
  const lines = cellTooltip(verdict).split('\n');
  assert.equal(lines[0], 'Runbook verdict: critical');
  const cpuLine = lines.findIndex((l) => l.includes('Application Servers · cpu: critical'));
  const memoryLine = lines.findIndex((l) => l.includes('Application Servers · memory: ok'));
  assert.ok(cpuLine > 0 && memoryLine > cpuLine, lines.join('\n'));
  assert.match(lines[cpuLine], /91\.3% on pod\/web-1, threshold critical ≥ 85% \(since 07:00:05 UTC\)/);
  assert.ok(lines.includes('  warning: pod/web-2: not ready'));
  assert.ok(lines.includes('  cpu 91.3% — pod/web-1 (456m of 500m requested)'));
});

test('values keep their unit', () => {
  assert.equal(formatValue(1200, '/sec'), '1200/sec');
  assert.equal(formatValue(0.345, 's'), '0.3s');
  assert.equal(formatValue(3, ''), '3');
});

test('the summary counts verdicts by level, worst first, and its tooltip lists every threshold', () => {
  const verdicts = [
    v('App', 'cpu', 'critical'),
    v('App', 'memory', 'critical'),
    v('Database', 'connections', 'warning'),
    v('Database', 'cpu', 'not-measured'),
    v('Cache', 'memory', 'not-measured'),
    v('Cache', 'hits', 'not-measured'),
  ];
  const words = summaryWords(verdicts);
  assert.equal(words.text, '$(error) Runbook: 2 critical, 1 warning, 3 not measured');
  assert.equal(words.level, 'critical');
  const lines = words.tooltip.split('\n');
  for (const verdict of verdicts) assert.ok(lines.some((l) => l.startsWith(`${verdict.group} · ${verdict.metric}: `)), `${verdict.group} ${verdict.metric}`);
  assert.ok(lines.includes('Cache · hits: not measured'));
  assert.equal(summaryWords([v('App', 'cpu', 'ok'), v('App', 'memory', 'not-measured')]).text, '$(pass) Runbook: 1 ok, 1 not measured');
  assert.equal(summaryWords([v('App', 'memory', 'not-measured')]).text, '$(dashboard) Runbook: 1 not measured');
});
