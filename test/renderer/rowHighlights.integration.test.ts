// Rows marked in real kubectl output: each command runs through the engine
// against the Kubernetes simulator under critical load, its result is judged
// against thresholds every app pod, the HPA and the database volume breach,
// and the renderer's description must mark exactly the lines that print a
// breaching subject. A row offset off by one marks a neighbour's line instead.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CellResult } from '../../src/core/results/cellResult';
import { BreachTracker, judgeCell, readThresholds } from '../../src/core/thresholds';
import { describeResult } from '../../src/renderer/resultView';
import { cellsOf } from '../core/thresholds/cells';
import { runNative } from '../support/engine';
import { kubeFixture } from '../support/kubeSim';

const RUNBOOK = `---
thresholds:
  Application Servers: {kubernetes: deployment/tiktok-toe}
  Database: {postgres: primary, kubernetes: statefulset/postgresql}
---
## Thresholds
### Application Servers
\`\`\`yaml
cpu: {warning: 10%}
memory: {warning: 10%}
restarts: {warning: 0}
\`\`\`
### Database
\`\`\`yaml
storage: {warning: 1%}
\`\`\`
`;

const { groups } = readThresholds(cellsOf(RUNBOOK));

async function judged(commandLine: string, env: Record<string, string | undefined>): Promise<CellResult> {
  const native = await runNative(commandLine, { env });
  assert.equal(native.exitCode, 0, `${commandLine}: ${native.stderr}`);
  const result: CellResult = { tool: 'kubectl', command: commandLine, status: 'ok', text: native.stdout, commands: native.run.commands };
  const tracker = new BreachTracker();
  // The database's size, as a psql cell before it would have measured it: the PVC rows then measure storage.
  tracker.databaseSizes.set('tiktoktoe', 2 ** 30);
  result.verdict = judgeCell(groups, result, tracker);
  return result;
}

/** The subjects of breaches that came from table rows. */
function rowSubjects(result: CellResult): Set<string> {
  const v = result.verdict;
  const breached = (level?: string) => level === 'warning' || level === 'critical';
  const fromRows = [...(v?.measurements ?? []), ...(v?.findings ?? [])].filter((x) => x.row && breached(x.level));
  return new Set(fromRows.map((x) => x.subject));
}

/** The one line that prints a subject (as a column, or as `kind/name` when several types are shown). */
function lineOf(lines: string[], subject: string): number {
  const found = lines.flatMap((line, i) => (line.split(/\s+/).some((t) => t === subject || t.endsWith(`/${subject}`)) ? [i] : []));
  assert.equal(found.length, 1, `one line prints ${subject}: ${JSON.stringify(found)}`);
  return found[0];
}

function assertMarksExactly(result: CellResult, minimum: number): void {
  const view = describeResult(result);
  const lines = view.rows.map((r) => r.text);
  const subjects = rowSubjects(result);
  assert.ok(subjects.size >= minimum, `${result.command}: ${subjects.size} breaching rows, expected at least ${minimum}\n${result.text}`);
  const expected = new Map<number, string[]>();
  for (const subject of subjects) {
    const line = lineOf(lines, subject);
    expected.set(line, [...(expected.get(line) ?? []), subject]);
  }
  const marked = view.rows.flatMap((r, i) => (r.level ? [i] : []));
  assert.deepEqual(marked, [...expected.keys()].sort((a, b) => a - b), `${result.command}: marked lines\n${result.text}`);
  for (const [line, names] of expected) {
    for (const name of names) assert.ok(view.rows[line].title?.includes(name), `${result.command}: line ${line} (${lines[line]}) is marked for ${name}: ${view.rows[line].title}`);
  }
}

test('breaching rows are marked on the lines that print them, whatever the columns and headers', async () => {
  const kube = await kubeFixture('critical');
  const cases: [string, number][] = [
    ['kubectl top pods', 2],
    ['kubectl top pods --no-headers', 2],
    ['kubectl top pods -A', 2],
    ['kubectl top pods --sort-by=memory', 2],
    ['kubectl get pods', 2],
    ['kubectl get pods -o wide', 2],
    ['kubectl get pods --no-headers', 2],
    ['kubectl get pods -A', 2],
    ['kubectl get hpa', 1],
    ['kubectl get hpa -o wide', 1],
    // Two tables from one command: the second's rows come after the first's, a blank line and a header.
    ['kubectl get pvc,hpa', 2],
    // A second command: its rows count from the line its own output began.
    ['kubectl get deploy; kubectl top pods', 2],
  ];
  for (const [commandLine, minimum] of cases) assertMarksExactly(await judged(commandLine, kube.env), minimum);
});

test('rows that went through a pipe are not marked, though the verdict stands', async () => {
  const kube = await kubeFixture('critical');
  const result = await judged('kubectl top pods | grep tiktok', kube.env);
  assert.ok(rowSubjects(result).size >= 2, result.text);
  assert.equal(result.verdict?.level, 'warning');
  assert.deepEqual(describeResult(result).rows.filter((r) => r.level), []);
});
