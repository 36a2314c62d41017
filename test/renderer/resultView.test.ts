// The renderer's description of a result: rows as printed, breached rows
// marked, verdict lines under the output. Fixtures are small hand-made results.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeResult, splitLines } from '../../src/renderer/resultView';
import type { CellResult } from '../../src/core/results/cellResult';
import type { CommandResult } from '../../src/core/results/commandResult';
import type { CellVerdict, Finding, Measurement, Verdict } from '../../src/core/thresholds/types';

const TOP = ['NAME                    CPU(cores)   MEMORY(bytes)', 'web-7d9f-abc            455m         300Mi', 'web-7d9f-def            390m         310Mi', 'web-7d9f-ghi            250m         280Mi', ''].join('\n');

/** A measurement from row `index` of command `command`'s table (one header line unless told). */
function measurement(subject: string, value: number, index?: number, where: { command?: number; headerLines?: number } = {}): Measurement {
  const row = index === undefined ? undefined : { index, headerLines: where.headerLines ?? 1 };
  return { component: 'kubernetes', metric: 'cpu', value, unit: '%', subject, row, command: where.command ?? 0 };
}

function verdict(level: Verdict['level'], subject: string, value: number, index?: number, where: { command?: number; headerLines?: number } = {}): Verdict {
  const m = measurement(subject, value, index, where);
  return { group: 'Application Servers', metric: 'cpu', level, measurement: m, sustained: level !== 'ok', text: `${level}: cpu ${value}% on ${subject}` };
}

function command(outputLine: number | undefined, text = 'kubectl top pods'): CommandResult {
  return { command: text, tool: 'kubectl', status: 'ok', exitCode: 0, startedAt: '2026-11-28T07:00:00.000Z', durationMs: 5, outputLine };
}

function result(text: string, cellVerdict?: CellVerdict, commands: CommandResult[] = [command(0)]): CellResult {
  return { tool: 'kubectl', command: commands.map((c) => c.command).join('\n'), status: 'ok', text, verdict: cellVerdict, commands };
}

const levels = (r: CellResult) => describeResult(r).rows.map((row) => row.level);

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
    verdicts: [verdict('critical', 'web-7d9f-abc', 91, 0), verdict('warning', 'web-7d9f-def', 78, 1), { ...verdict('warning', 'web-7d9f-abc', 78, 0), group: 'Other' }],
    findings: [],
    measurements: [measurement('web-7d9f-abc', 91, 0), measurement('web-7d9f-def', 78, 1), measurement('web-7d9f-ghi', 50, 2)],
  };
  const view = describeResult(result(TOP, v));
  assert.deepEqual(
    view.rows.map((r) => r.level),
    [undefined, 'critical', 'warning', undefined],
  );
  assert.match(view.rows[1].title ?? '', /cpu 91% on web-7d9f-abc/);
  assert.match(view.rows[1].title ?? '', /cpu 78% on web-7d9f-abc/);
  assert.equal(view.level, 'critical');
});

test('ok verdicts highlight nothing, and verdict lines come worst first without repeating the level', () => {
  const v: CellVerdict = { level: 'warning', verdicts: [verdict('ok', 'web-7d9f-ghi', 50, 2), verdict('warning', 'web-7d9f-def', 78, 1)], findings: [], measurements: [] };
  const view = describeResult(result(TOP, v));
  assert.deepEqual(view.rows.map((r) => r.level), [undefined, undefined, 'warning', undefined]);
  assert.deepEqual(view.verdictLines, [
    { level: 'warning', text: 'cpu 78% on web-7d9f-def' },
    { level: 'ok', text: 'cpu 50% on web-7d9f-ghi' },
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
  const v: CellVerdict = { level: 'warning', verdicts: [verdict('warning', 'web-7d9f-abc', 78, 0, { headerLines: 0 })], findings: [], measurements: [] };
  const view = describeResult(result(text, v));
  assert.equal(view.rows[0].text, '<img src=x onerror=alert(1)>  &amp;  web-7d9f-abc');
  assert.equal(view.rows[0].level, 'warning');
});

test('measurements mark every breaching row by its index, not by a line that names the subject', () => {
  const text = ['NAME        CPU(cores)', 'db-0        910m', 'web-a       455m', 'web-b       455m', 'cache-0     50m', 'Name:       web-a', ''].join('\n');
  const row = (subject: string, value: number, index: number, level?: 'warning' | 'critical', group = 'App'): Measurement => ({ ...measurement(subject, value, index), level, group: level ? group : undefined });
  const v: CellVerdict = {
    level: 'critical',
    verdicts: [{ ...verdict('critical', 'web-a', 91, 1), measurement: row('web-a', 91, 1, 'critical') }],
    findings: [],
    measurements: [row('db-0', 78, 0, 'warning', 'Database'), row('web-a', 91, 1, 'critical'), row('web-b', 91, 2, 'critical'), row('cache-0', 20, 3)],
  };
  const view = describeResult(result(text, v));
  assert.deepEqual(view.rows.map((r) => r.level), [undefined, 'warning', 'critical', 'critical', undefined, undefined]);
  assert.equal(view.rows[2].title, 'critical: cpu 91% on web-a');
  assert.match(view.rows[3].title ?? '', /critical: cpu 91% on web-b/);
});

test('-A: the row is found by index although its first column is the namespace', () => {
  const text = ['NAMESPACE     NAME     CPU(cores)', 'default       web-a    455m', 'default       web-b    100m', 'kube-system   web-b    900m', ''].join('\n');
  const v: CellVerdict = { level: 'critical', verdicts: [verdict('critical', 'web-b', 91, 2)], findings: [], measurements: [] };
  assert.deepEqual(levels(result(text, v)), [undefined, undefined, undefined, 'critical']);
});

test('--no-headers: the first row is the first line of the output', () => {
  const text = ['web-a   455m', 'web-b   100m', ''].join('\n');
  const v: CellVerdict = { level: 'critical', verdicts: [verdict('critical', 'web-a', 91, 0, { headerLines: 0 })], findings: [], measurements: [] };
  assert.deepEqual(levels(result(text, v)), ['critical', undefined]);
});

test("a command's rows count from the line its output began, after what earlier commands printed", () => {
  const text = ['deployment.apps/web scaled', 'NAME    CPU(cores)', 'web-a   455m', 'web-b   100m', ''].join('\n');
  const v: CellVerdict = { level: 'critical', verdicts: [verdict('critical', 'web-b', 91, 1, { command: 1 })], findings: [], measurements: [] };
  assert.deepEqual(levels(result(text, v, [command(0, 'kubectl scale deploy/web --replicas=2'), command(1)])), [undefined, undefined, undefined, 'critical']);
});

test('a later table of the same command: its header lines count the tables before it', () => {
  const text = ['NAME               READY', 'deployment.apps/web   2/2', '', 'NAME   REFERENCE        TARGETS', 'web    Deployment/web   cpu: 91%/70%', ''].join('\n');
  const v: CellVerdict = { level: 'critical', verdicts: [verdict('critical', 'web', 91, 0, { headerLines: 4 })], findings: [], measurements: [] };
  assert.deepEqual(levels(result(text, v)), [undefined, undefined, undefined, undefined, 'critical']);
});

test('rows of piped output are not guessed: nothing is marked when the output line is unknown', () => {
  const text = ['web-a   455m', ''].join('\n');
  const finding: Finding = { component: 'kubernetes', level: 'critical', subject: 'web-a', message: 'web-a is CrashLoopBackOff', row: { index: 0, headerLines: 1 }, command: 0 };
  const v: CellVerdict = { level: 'critical', verdicts: [verdict('critical', 'web-a', 91, 0)], findings: [finding], measurements: [] };
  const view = describeResult(result(text, v, [command(undefined, 'kubectl top pods | grep web-a')]));
  assert.deepEqual(view.rows.map((r) => r.level), [undefined]);
  assert.equal(view.level, 'critical', 'the verdict itself stands');
});

test('a finding from a row marks that row; one without a row marks no line', () => {
  const text = ['NAME    READY   STATUS', 'web-a   0/1     CrashLoopBackOff', 'web-b   1/1     Running', ''].join('\n');
  const findings: Finding[] = [
    { component: 'kubernetes', level: 'critical', subject: 'web-a', message: 'web-a is CrashLoopBackOff', row: { index: 0, headerLines: 1 }, command: 0 },
    { component: 'http', level: 'critical', subject: 'web-b', message: 'web-b answered HTTP 503' },
  ];
  const view = describeResult(result(text, { level: 'critical', verdicts: [], findings, measurements: [] }));
  assert.deepEqual(view.rows.map((r) => r.level), [undefined, 'critical', undefined]);
  assert.equal(view.rows[1].title, 'critical: web-a: web-a is CrashLoopBackOff');
});

test('a row past the end of the text marks nothing', () => {
  const v: CellVerdict = { level: 'critical', verdicts: [verdict('critical', 'web-x', 91, 7)], findings: [], measurements: [] };
  assert.deepEqual(levels(result(TOP, v)), [undefined, undefined, undefined, undefined]);
});

test('outside a table, the line that prints the value is marked rather than the one naming the subject', () => {
  const text = ['Name:                         web', 'Metrics:                      ( current / target )', '  resource cpu on pods:       91% (455m) / 70%', '  resource memory on pods:    40% (100Mi) / 75%', ''].join('\n');
  const v: CellVerdict = { level: 'critical', verdicts: [verdict('critical', 'web', 91)], findings: [], measurements: [] };
  const view = describeResult(result(text, v));
  assert.deepEqual(view.rows.map((r) => r.level), [undefined, undefined, 'critical', undefined]);
});

test("outside a table, the value is looked for only in its own command's output", () => {
  const text = ['cpu before: 91%', 'Name:   web', '  resource cpu on pods:  91% (455m) / 70%', ''].join('\n');
  const v: CellVerdict = { level: 'critical', verdicts: [verdict('critical', 'web', 91, undefined, { command: 1 })], findings: [], measurements: [] };
  assert.deepEqual(levels(result(text, v, [command(0, 'echo'), command(1, 'kubectl describe hpa web')])), [undefined, undefined, 'critical']);
});

test('of an output too large to keep, the rows shown are its last lines: a breach marks its row by its line in the whole output', () => {
  // The whole output: the header, 1,000 rows; the result keeps the last 3 rows.
  const shown = ['web-row-998             250m         280Mi', 'web-row-999             455m         300Mi', 'web-row-1000            390m         310Mi', ''].join('\n');
  const v: CellVerdict = {
    level: 'critical',
    verdicts: [verdict('critical', 'web-row-999', 91, 998), verdict('warning', 'web-row-5', 78, 4)],
    findings: [],
    measurements: [],
  };
  const big: CellResult = { ...result(shown, v), fullOutput: { stdout: { path: '/tmp/x', bytes: 40_000, lines: 1001, shownLines: 3 } } };
  assert.deepEqual(levels(big), [undefined, 'critical', undefined], 'row 999 is the second line shown; row 5 is not shown');
});
