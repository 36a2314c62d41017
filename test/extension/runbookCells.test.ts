// The notebook's cells as the runner and the thresholds reader get them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isFrontMatterCell, runbookOfCells } from '../../src/extension/runbookCells';

test('every cell is passed in order with its index; markdown stays markdown, the front matter is marked', () => {
  const frontMatter = { runbook: { start: 0, end: 10, fence: { marker: '---', role: 'frontmatter', language: 'yaml' } } };
  const yamlFence = { runbook: { start: 20, end: 40, fence: { marker: '```', language: 'yaml' } } };
  const runbook = runbookOfCells([
    { markdown: false, languageId: 'yaml', text: 'title: t', metadata: frontMatter },
    { markdown: true, languageId: 'markdown', text: '### Database' },
    { markdown: false, languageId: 'yaml', text: 'cpu:\n  warning: 70%', metadata: yamlFence },
    { markdown: false, languageId: 'shellscript', text: 'kubectl top pods' },
  ]);
  assert.deepEqual(runbook.cells, [
    { index: 0, kind: 'code', language: 'yaml', text: 'title: t', frontMatter: true },
    { index: 1, kind: 'markdown', language: 'markdown', text: '### Database' },
    { index: 2, kind: 'code', language: 'yaml', text: 'cpu:\n  warning: 70%' },
    { index: 3, kind: 'code', language: 'shellscript', text: 'kubectl top pods' },
  ]);
  assert.deepEqual(runbook.groups.map((g) => [g.name, g.component, g.metrics.map((m) => m.metric)]), [['Database', 'postgres', ['cpu']]]);
  assert.deepEqual(runbook.codeCells.map((c) => c.index), [2, 3]);
});

test("only the serializer's front matter role counts", () => {
  assert.equal(isFrontMatterCell(undefined), false);
  assert.equal(isFrontMatterCell({ runbook: { fence: { marker: '---' } } }), false);
  assert.equal(isFrontMatterCell({ runbook: { fence: { role: 'frontmatter' } } }), true);
});
