// The renderer's description of a result: rows as printed, breached rows
// marked, verdict lines under the output. Fixtures are small hand-made results.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeResult, splitLines, subjectName } from '../../src/renderer/resultView';
import type { CellResult } from '../../src/core/results/cellResult';
import type { CellVerdict, Measurement, Verdict } from '../../src/core/thresholds/types';

const TOP = ['NAME                    CPU(cores)   MEMORY(bytes)', 'web-7d9f-abc            455m         300Mi', 'web-7d9f-def            390m         310Mi', 'web-7d9f-ghi            250m         280Mi', ''].join('\n');

function measurement(subject: string, value: number): Measurement {
  return { component: 'kubernetes', metric: 'cpu', value, unit: '%', subject };
}

function verdict(level: Verdict['level'], subject: string, value: number): Verdict {
  const m = measurement(subject, value);
  return { group: 'Application Servers', metric: 'cpu', level, measurement: m, sustained: level !== 'ok', text: `${level}: cpu ${value}% on ${subject}` };
}

function result(text: string, cellVerdict?: CellVerdict): CellResult {
  return { tool: 'kubectl', command: 'kubectl top pods', status: 'ok', text, verdict: cellVerdict };
}

test('without a verdict, every line is a plain row as printed', () => {
  const view = describeResult(result(TOP));
  assert.deepEqual(view.rows.map((r) => r.text), splitLines(TOP));
  assert.ok(view.rows.every((r) => r.level === undefined));
  assert.deepEqual(view.verdictLines, []);
  assert.equal(view.level, undefined);
});

test('the rows of breaching subjects get the level of their worst breach; others stay plain', () => {
  const v: CellVerdict = {
    level: 'critical',
    verdicts: [verdict('critical', 'pod/web-7d9f-abc', 91), verdict('warning', 'pod/web-7d9f-def', 78), verdict('warning', 'pod/web-7d9f-abc', 78)],
    findings: [],
    measurements: [measurement('pod/web-7d9f-abc', 91), measurement('pod/web-7d9f-def', 78), measurement('pod/web-7d9f-ghi', 50)],
  };
  const view = describeResult(result(TOP, v));
  assert.deepEqual(
    view.rows.map((r) => r.level),
    [undefined, 'critical', 'warning', undefined],
  );
  assert.match(view.rows[1].title ?? '', /cpu 91% on pod\/web-7d9f-abc/);
  assert.match(view.rows[1].title ?? '', /cpu 78% on pod\/web-7d9f-abc/);
  assert.equal(view.level, 'critical');
});

test('ok verdicts highlight nothing, and verdict lines come worst first without repeating the level', () => {
  const v: CellVerdict = { level: 'warning', verdicts: [verdict('ok', 'pod/web-7d9f-ghi', 50), verdict('warning', 'pod/web-7d9f-def', 78)], findings: [], measurements: [] };
  const view = describeResult(result(TOP, v));
  assert.deepEqual(view.rows.map((r) => r.level), [undefined, undefined, 'warning', undefined]);
  assert.deepEqual(view.verdictLines, [
    { level: 'warning', text: 'cpu 78% on pod/web-7d9f-def' },
    { level: 'ok', text: 'cpu 50% on pod/web-7d9f-ghi' },
  ]);
});

test('findings mark their subject, and a percentage finds the row when the subject is not printed', () => {
  const text = ' used_memory_pct \n-----------------\n 93%\n(1 row)\n';
  const v: CellVerdict = {
    level: 'critical',
    verdicts: [verdict('critical', 'redis 10.0.0.1:6379', 93)],
    findings: [{ component: 'kubernetes', level: 'critical', subject: 'pod/other', message: 'CrashLoopBackOff' }],
    measurements: [],
  };
  const view = describeResult(result(text, v));
  assert.deepEqual(view.rows.map((r) => r.level), [undefined, undefined, 'critical', undefined]);
  assert.deepEqual(view.verdictLines.at(-1), { level: 'critical', text: 'pod/other: CrashLoopBackOff' });
});

test('rows keep their text exactly, markup included (the DOM inserts it as text)', () => {
  const text = '<img src=x onerror=alert(1)>  &amp;  web-7d9f-abc\n';
  const v: CellVerdict = { level: 'warning', verdicts: [verdict('warning', 'pod/web-7d9f-abc', 78)], findings: [], measurements: [] };
  const view = describeResult(result(text, v));
  assert.equal(view.rows[0].text, '<img src=x onerror=alert(1)>  &amp;  web-7d9f-abc');
  assert.equal(view.rows[0].level, 'warning');
});

test('subject names are what CLI tables print', () => {
  assert.equal(subjectName('pod/tiktok-toe-7d9f-abc'), 'tiktok-toe-7d9f-abc');
  assert.equal(subjectName('database tiktoktoe'), 'tiktoktoe');
  assert.equal(subjectName('redis 127.0.0.1:6379'), '127.0.0.1:6379');
});

test('measurements that name their row mark every breaching row by its first column only', () => {
  const text = ['NAME        CPU(cores)', 'db-0        910m', 'web-a       455m', 'web-b       455m', 'cache-0     50m', 'Name:       web-a', ''].join('\n');
  const row = (subject: string, value: number, level?: 'warning' | 'critical', group = 'App') => ({ ...measurement(subject, value), row: true, level, group: level ? group : undefined });
  const v: CellVerdict = {
    level: 'critical',
    verdicts: [{ ...verdict('critical', 'web-a', 91), measurement: row('web-a', 91, 'critical') }],
    findings: [],
    measurements: [row('db-0', 78, 'warning', 'Database'), row('web-a', 91, 'critical'), row('web-b', 91, 'critical'), row('cache-0', 20)],
  };
  const view = describeResult(result(text, v));
  assert.deepEqual(view.rows.map((r) => r.level), [undefined, 'warning', 'critical', 'critical', undefined, undefined]);
  assert.equal(view.rows[2].title, 'critical: cpu 91% on web-a');
  assert.match(view.rows[3].title ?? '', /critical: cpu 91% on web-b/);
});

test('outside a table, the line that prints the value is marked rather than the one naming the subject', () => {
  const text = ['Name:                         web', 'Metrics:                      ( current / target )', '  resource cpu on pods:       91% (455m) / 70%', '  resource memory on pods:    40% (100Mi) / 75%', ''].join('\n');
  const v: CellVerdict = { level: 'critical', verdicts: [verdict('critical', 'web', 91)], findings: [], measurements: [] };
  const view = describeResult(result(text, v));
  assert.deepEqual(view.rows.map((r) => r.level), [undefined, undefined, 'critical', undefined]);
});
