// The notebook's cells as the thresholds reader gets them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isFrontMatterCell, thresholdSourceCells } from '../../src/extension/thresholdSource';

test('every cell is passed in order; markdown stays markdown, the front matter is marked', () => {
  const frontMatter = { runbook: { start: 0, end: 10, fence: { marker: '---', role: 'frontmatter', language: 'yaml' } } };
  const yamlFence = { runbook: { start: 20, end: 40, fence: { marker: '```', language: 'yaml' } } };
  const cells = thresholdSourceCells([
    { markdown: false, languageId: 'yaml', text: 'title: t', metadata: frontMatter },
    { markdown: true, languageId: 'markdown', text: '### Database' },
    { markdown: false, languageId: 'yaml', text: 'cpu:\n  warning: 70%', metadata: yamlFence },
    { markdown: false, languageId: 'shellscript', text: 'kubectl top pods' },
  ]);
  assert.deepEqual(cells, [
    { kind: 'code', language: 'yaml', text: 'title: t', frontMatter: true },
    { kind: 'markdown', language: 'markdown', text: '### Database' },
    { kind: 'code', language: 'yaml', text: 'cpu:\n  warning: 70%' },
    { kind: 'code', language: 'shellscript', text: 'kubectl top pods' },
  ]);
});

test('only the serializer\'s front matter role counts', () => {
  assert.equal(isFrontMatterCell(undefined), false);
  assert.equal(isFrontMatterCell({ runbook: { fence: { marker: '---' } } }), false);
  assert.equal(isFrontMatterCell({ runbook: { fence: { role: 'frontmatter' } } }), true);
});
