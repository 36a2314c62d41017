// An inline command's run in an incident record: where it goes (after its
// paragraph and the runs already there, at the paragraph's indentation), and
// how the record reads back: the run stays part of the prose (its output
// fence is no code cell), the bytes round-trip, and nothing in it counts as
// an inline command.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findInlineCommands, runAnchor, withRunAfterParagraph } from '../../../src/core/inline';
import { parseRunbook, serializeRunbook } from '../../../src/core/markdown';

/** A run block as the recorder writes it, with the summary naming the command in a code span. */
function runBlock(prefix: string, command: string): string {
  return ['', '<!-- runbook:run eyJ2IjoxfQ== -->', `**ok** · \`${command}\` · exit 0`, '', '````text', 'NAME   READY', '```', '````', '<!-- /runbook:run -->']
    .map((line) => (line === '' ? prefix.trimEnd() : prefix + line))
    .join('\n');
}

describe('where an inline command\'s run goes', () => {
  const cell = ['# Pods', '', '1. Check `kubectl get pods`', '   and the events.', '2. Then', '', '> Quoted `oc get pods -A`', '', '| a | `aws s3 ls` |', '|---|---|', '| x | y |', '', 'Last `kubectl logs web-1`'].join('\n');

  it('after the paragraph, the list item or quote, or the table, at its indentation', () => {
    assert.deepEqual(runAnchor(cell, 2), { before: 4, prefix: '   ' });
    assert.deepEqual(runAnchor(cell, 6), { before: 7, prefix: '> ' });
    assert.deepEqual(runAnchor(cell, 8), { before: 11, prefix: '' });
    assert.deepEqual(runAnchor(cell, 12), { before: 13, prefix: '' });
    assert.equal(runAnchor(cell, 1), undefined, 'a blank line holds no span');
  });

  it('after the runs already written there: runs are appended', () => {
    const withRun = ['Check `kubectl get pods`.', runBlock('', 'kubectl get pods'), '', 'Next.'].join('\n');
    assert.deepEqual(runAnchor(withRun, 0), { before: 10, prefix: '' });
  });
});

describe('writing an inline command\'s run', () => {
  it('goes inside the list item after its paragraph, a blank line either side; a second run follows the first', () => {
    const cell = ['1. Check `kubectl get pods`', '   now.', '2. Then `kubectl get nodes`'].join('\n');
    const block = (n: number) => `${runBlock('   ', `kubectl get pods #${n}`)}\n`;
    const once = withRunAfterParagraph(cell, 0, block(1));
    assert.equal(once, ['1. Check `kubectl get pods`', '   now.', runBlock('   ', 'kubectl get pods #1'), '', '2. Then `kubectl get nodes`'].join('\n'));
    const twice = withRunAfterParagraph(once, 0, block(2));
    assert.equal(twice, ['1. Check `kubectl get pods`', '   now.', runBlock('   ', 'kubectl get pods #1'), runBlock('   ', 'kubectl get pods #2'), '', '2. Then `kubectl get nodes`'].join('\n'));
    // Read again: the same two inline commands, each at its line; the runs are prose.
    assert.deepEqual(findInlineCommands(twice).map((c) => [c.line, c.command]), [[1, 'kubectl get pods'], [22, 'kubectl get nodes']]);
    assert.deepEqual(parseRunbook(twice).cells.map((c) => c.kind), ['markdown']);
  });

  it('at the end of the cell, after the last paragraph', () => {
    assert.equal(withRunAfterParagraph('Run `kubectl get pods`.', 0, `${runBlock('', 'x')}\n`), `Run \`kubectl get pods\`.\n${runBlock('', 'x')}`);
  });

  it('leaves the text alone when the span\'s line holds no paragraph', () => {
    assert.equal(withRunAfterParagraph('a\n\nb', 1, 'x\n'), 'a\n\nb');
  });
});

describe('a record with inline runs, read again', () => {
  const text = ['# Pods', '', 'Check `kubectl get pods -A`.', runBlock('', 'kubectl get pods -A'), '', '- In a list: `kubectl get nodes`', runBlock('  ', 'kubectl get nodes'), '', '```bash', 'kubectl get hpa', '```', ''].join('\r\n');

  it('keeps each run in the prose: the only code cell is the fenced one', () => {
    const cells = parseRunbook(text).cells;
    assert.deepEqual(cells.map((c) => c.kind), ['markdown', 'code']);
    assert.equal(cells[1].value, 'kubectl get hpa');
    assert.match(cells[0].value, /<!-- \/runbook:run -->\n\n- In a list/);
  });

  it('round-trips byte for byte', () => {
    assert.equal(serializeRunbook(parseRunbook(text)), text);
  });

  it('finds the inline commands of the prose, none in the runs', () => {
    assert.deepEqual(findInlineCommands(text).map((c) => [c.line, c.command]), [[3, 'kubectl get pods -A'], [14, 'kubectl get nodes']]);
  });

  it('a run marker inside a fence is the fence\'s text', () => {
    const doc = ['```markdown', '<!-- runbook:run x -->', '```', '', '```bash', 'kubectl get pods', '```', '<!-- /runbook:run -->', ''].join('\n');
    assert.deepEqual(parseRunbook(doc).cells.filter((c) => c.kind === 'code').map((c) => c.value), ['<!-- runbook:run x -->', 'kubectl get pods']);
  });
});
