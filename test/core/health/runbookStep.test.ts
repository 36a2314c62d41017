import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runbookStepCell } from '../../../src/core/health/runbookStep';
import { Runbook } from '../../../src/core/runbook';
import { PROJECT_ROOT } from '../../support/shared';

const sample = Runbook.fromMarkdown(readFileSync(join(PROJECT_ROOT, 'notebooks', 'scaling-playbook.runbook.md'), 'utf8'));

test('a threshold node opens the YAML cell of its group', () => {
  for (const group of sample.groups) {
    const metric = group.metrics[0].metric;
    const index = runbookStepCell(sample.cells, sample.groups, { kind: 'threshold', name: `${group.name}/${metric}` });
    assert.equal(index, group.cellIndex, group.name);
    assert.equal(sample.cells[index!].language, 'yaml');
    assert.match(sample.cells[index!].text, new RegExp(`^${metric}:`, 'm'));
  }
});

test('a component root opens the heading of the group bound to that component', () => {
  for (const [kind, heading] of [['kubernetes', 'Application Servers'], ['postgres', 'Database'], ['redis', 'Cache']] as const) {
    const index = runbookStepCell(sample.cells, sample.groups, { kind, name: 'root' });
    assert.ok(index !== undefined, kind);
    assert.equal(sample.cells[index].kind, 'markdown', kind);
    assert.match(sample.cells[index].text, new RegExp(`^#+ ${heading}$`, 'm'), kind);
  }
});

test('nodes no group covers open nothing', () => {
  assert.equal(runbookStepCell(sample.cells, sample.groups, { kind: 'threshold', name: 'Nowhere/cpu' }), undefined);
  assert.equal(runbookStepCell(sample.cells, sample.groups, { kind: 'deployment', name: 'deployment/tiktok-toe' }), undefined);
  assert.equal(runbookStepCell(sample.cells, sample.groups, { kind: 's3', name: 's3' }), undefined);
  assert.equal(runbookStepCell([], [], { kind: 'postgres', name: 'db' }), undefined);
});

test('without a heading cell above it, a root opens the YAML cell itself', () => {
  const runbook = Runbook.fromMarkdown('## Monitoring Thresholds\n\n### Database\n```yaml\nconnections: {warning: 80%, critical: 90%}\n```\n');
  const group = runbook.groups.find((g) => g.component === 'postgres');
  assert.ok(group);
  const cells = runbook.cells.map((c, i) => (i < group.cellIndex ? { ...c, text: 'no heading here' } : c));
  assert.equal(runbookStepCell(cells, runbook.groups, { kind: 'postgres', name: 'db' }), group.cellIndex);
});
