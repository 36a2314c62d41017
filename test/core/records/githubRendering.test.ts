// How GitHub shows an incident record: rendered as GitHub renders Markdown
// (GFM, front matter, raw HTML kept: GitHub keeps <details> and drops
// comments from view), each run's summary and output stay inside the list
// item or blockquote of their cell, the hidden metadata never shows, and a
// long output is folded in an intact <details>.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { micromark } from 'micromark';
import { frontmatter, frontmatterHtml } from 'micromark-extension-frontmatter';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { closest, comments, elements, hasClass, parseHtml, visibleText, type HtmlElement } from '../../support/htmlTree';
import { sampleRecord } from './sampleRecord';
import { HOSTILE, LONG, PODS, RUNBOOK, RUNS } from './sampleRunbook';

function asGitHub(markdown: string): HtmlElement {
  return parseHtml(micromark(markdown, { extensions: [gfm(), frontmatter()], htmlExtensions: [gfmHtml(), frontmatterHtml()], allowDangerousHtml: true }));
}

async function rendered(): Promise<{ record: string; page: HtmlElement }> {
  const { text } = await sampleRecord(RUNBOOK, RUNS, { note: 'Paged by on-call' });
  return { record: text, page: asGitHub(text) };
}

/** The element holding a code block whose text is `code`. */
function codeBlock(page: HtmlElement, code: string): HtmlElement {
  const found = elements(page, (e) => e.tag === 'pre' && visibleText(e) === code);
  assert.equal(found.length, 1, `one block holds ${JSON.stringify(code)}`);
  return found[0];
}

const summaries = (page: HtmlElement) => elements(page, (e) => e.tag === 'p' && /^Run \d+ · /.test(visibleText(e)));

test('a fence in a numbered step keeps its summary and output inside the same list item', async () => {
  const { page } = await rendered();
  const step = closest(codeBlock(page, 'kubectl get pods\n'), 'li');
  assert.ok(step, 'the cell is in a list item');
  const output = codeBlock(page, PODS);
  assert.equal(closest(output, 'li'), step);
  const summary = summaries(page).find((p) => visibleText(p).startsWith('Run 1 '));
  assert.ok(summary);
  assert.equal(closest(summary, 'li'), step);
  const next = closest(codeBlock(page, 'kubectl scale deployment web --replicas=5\n'), 'li');
  assert.ok(next && next !== step);
  assert.equal(closest(codeBlock(page, 'deployment.apps/web scaled\n'), 'li'), next);
  assert.equal(elements(page, (e) => e.tag === 'ol').length, 1, 'the recorded runs do not break the numbered list');
  assert.deepEqual(elements(page, (e) => e.tag === 'ol')[0].children.filter((c) => 'tag' in c).length, 2);
});

test('a fence in a blockquote keeps its folded output inside the blockquote, in an intact <details>', async () => {
  const { page } = await rendered();
  const quote = closest(codeBlock(page, 'kubectl logs deploy/web\n'), 'blockquote');
  assert.ok(quote);
  const output = codeBlock(page, LONG + HOSTILE + '\n');
  const details = closest(output, 'details');
  assert.ok(details, 'the long output is folded');
  assert.equal(closest(details, 'blockquote'), quote);
  const summary = elements(details, (e) => e.tag === 'summary');
  assert.deepEqual(summary.map(visibleText), [`Output: ${LONG.split('\n').length} lines`]);
  assert.ok(summaries(quote).some((p) => visibleText(p).startsWith('Run 3 ')));
});

test('the outputs at the top level stay after their fence, stderr in a block of its own', async () => {
  const { page } = await rendered();
  const top = codeBlock(page, 'kubectl top pods\n');
  assert.equal(closest(top, 'li'), undefined);
  const stderr = codeBlock(page, RUNS[4].result.stderr!);
  assert.match(stderr.children.find((c): c is HtmlElement => 'tag' in c)?.attrs.class ?? '', /^language-text/);
  const order = elements(page, (e) => e.tag === 'pre').map(visibleText);
  assert.ok(order.indexOf('kubectl top pods\n') < order.indexOf(RUNS[4].result.stderr!));
});

test('no metadata shows: no base64 payload, no marker text; each summary line does', async () => {
  const { page, record } = await rendered();
  const shown = visibleText(page);
  assert.doesNotMatch(shown, /runbook:run|runbook:timeline/);
  const payloads = [...record.matchAll(/<!-- runbook:(?:run|timeline) (\S+) -->/g)].map((m) => m[1]);
  assert.equal(payloads.length, RUNS.length + 1);
  for (const payload of payloads) {
    assert.ok(!shown.includes(payload.slice(0, 24)), 'the payload is not visible');
    assert.ok(comments(page).some((c) => c.includes(payload)), 'it is kept in a comment');
  }
  assert.deepEqual(summaries(page).map((p) => visibleText(p).split(' · ').slice(0, 2).join(' · ')), [
    'Run 1 · ✅ ok', 'Run 2 · ✅ ok', 'Run 3 · ✅ ok', 'Run 4 · 🛑 critical', 'Run 5 · ❌ failed',
  ]);
  // What the verdict found shows under its summary, as a list item.
  assert.ok(elements(page, (e) => e.tag === 'li').some((li) => visibleText(li) === 'cpu 93% ≥ 85%'));
  const table = elements(page, (e) => e.tag === 'table');
  assert.equal(table.length, 1, 'the timeline is a table');
  assert.equal(elements(table[0], (e) => e.tag === 'tr').length - 1, [...record.matchAll(/^\| 20\d\d-/gm)].length);
  assert.ok(elements(page, (e) => hasClass(e, 'language-text')).length >= RUNS.length - 1);
});
