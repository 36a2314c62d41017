// The HTML export of an incident record: one self-contained page whose only
// allowed resource is its own stylesheet, everything from the record escaped,
// the header and the timeline first, each cell's runs under its code.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportRecordHtml, readRecord, startRecord } from '../../../src/core/records';
import { parseRunbook } from '../../../src/core/markdown';
import { PROJECT_ROOT } from '../../support/shared';
import { closest, comments, elements, hasClass, parseHtml, visibleText, type HtmlElement } from '../../support/htmlTree';
import { result, sampleRecord } from './sampleRecord';
import { HOSTILE, LONG, PODS, RUNBOOK, RUNS } from './sampleRunbook';

const NOTE = 'Paged by <b>on-call</b>';

async function exported(): Promise<{ record: string; html: string; page: HtmlElement }> {
  const { text } = await sampleRecord(RUNBOOK, RUNS, { note: NOTE });
  const html = exportRecordHtml(text);
  return { record: text, html, page: parseHtml(html) };
}

const runs = (page: HtmlElement) => elements(page, (e) => hasClass(e, 'run'));
const text = (e: HtmlElement) => visibleText(e);

test('the page allows nothing but its own stylesheet, by the hash of its exact text', async () => {
  const { page } = await exported();
  const styles = elements(page, (e) => e.tag === 'style');
  assert.equal(styles.length, 1);
  const hash = createHash('sha256').update(text(styles[0]), 'utf8').digest('base64');
  const csp = elements(page, (e) => e.tag === 'meta' && e.attrs['http-equiv']?.toLowerCase() === 'content-security-policy');
  assert.equal(csp.length, 1);
  assert.equal(csp[0].attrs.content, `default-src 'none'; style-src 'sha256-${hash}'`);
  assert.equal(elements(page, (e) => e.tag === 'head')[0].children.filter((c) => 'tag' in c)[0], csp[0].parent?.children.find((c) => 'tag' in c && c.tag === 'meta'), 'the policy comes first');
});

test('no scripts, no event handlers, no resources, no hidden comments', async () => {
  const { html, page, record } = await exported();
  assert.doesNotMatch(html, /<script/i);
  const all = elements(page);
  assert.ok(all.length > 50);
  assert.deepEqual(all.flatMap((e) => Object.keys(e.attrs).filter((a) => a.startsWith('on')).map((a) => `${e.tag} ${a}`)), []);
  assert.deepEqual(all.filter((e) => ['script', 'img', 'iframe', 'object', 'embed', 'link', 'form', 'input'].includes(e.tag)).map((e) => e.tag), []);
  assert.deepEqual(all.flatMap((e) => (e.attrs.href ?? '').match(/^\s*javascript:/i) ?? []), []);
  assert.deepEqual(comments(page), []);
  assert.doesNotMatch(text(page), /runbook:run|runbook:timeline/);
  for (const payload of record.matchAll(/<!-- runbook:(?:run|timeline) (\S+)/g)) assert.ok(!html.includes(payload[1].slice(0, 40)), 'no base64 payload');
});

test('outputs holding <script>, --> and </pre> are shown as text, in their own <pre>', async () => {
  const { html, page } = await exported();
  const [, , logs, , failed] = runs(page);
  const stdout = elements(logs, (e) => e.tag === 'pre' && hasClass(e, 'stdout'));
  assert.equal(stdout.length, 1);
  assert.equal(text(stdout[0]), LONG + HOSTILE + '\n', 'the whole output, as printed');
  const stderr = elements(failed, (e) => e.tag === 'pre' && hasClass(e, 'stderr'));
  assert.equal(stderr.length, 1);
  assert.equal(text(stderr[0]), RUNS[4].result.stderr);
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; --&gt; &lt;/pre&gt; &lt;!-- x'));
  assert.equal(html.split('</pre>').length - 1, elements(page, (e) => e.tag === 'pre').length, 'every </pre> closes one of ours');
});

test('raw HTML in the prose is escaped, Markdown is rendered', async () => {
  const { page } = await exported();
  const article = elements(page, (e) => e.tag === 'article')[0];
  const heading = elements(article, (e) => e.tag === 'h1')[0];
  assert.equal(text(heading), 'Web tier <img src=x onerror="alert(1)">');
  const paragraph = elements(article, (e) => e.tag === 'p')[0];
  assert.equal(text(paragraph), 'Prose with <b onclick="alert(1)">raw HTML</b> and a link.');
  assert.deepEqual(elements(article, (e) => e.tag === 'b'), []);
  assert.equal(elements(article, (e) => e.tag === 'ol').length, 1, 'the numbered steps are one list');
});

test('the header and the timeline come first, with what the record says', async () => {
  const { page, record } = await exported();
  const { header, events } = readRecord(record);
  assert.ok(header);
  const main = elements(page, (e) => e.tag === 'main')[0];
  const order = main.children.filter((c): c is HtmlElement => 'tag' in c).map((c) => c.attrs.class ?? c.tag);
  assert.deepEqual(order, ['record-header', 'record-timeline', 'runbook']);
  const head = elements(main, (e) => hasClass(e, 'record-header'))[0];
  const fields = new Map(elements(head, (e) => e.tag === 'dt').map((dt) => [text(dt), text(dt.parent!.children[dt.parent!.children.indexOf(dt) + 1] as HtmlElement)]));
  assert.equal(text(elements(head, (e) => e.tag === 'h1')[0]), header.title);
  assert.equal(fields.get('Status'), header.status);
  assert.equal(fields.get('Operator'), header.operator);
  assert.equal(fields.get('Runbook'), header.runbook.path);
  assert.equal(fields.get('Runbook sha256'), header.runbook.sha256);
  assert.equal(fields.get('Targets'), header.targets.map((t) => `${t.kind}: ${t.label}`).join(''));
  assert.equal(fields.get('Verdicts'), `${header.verdicts.ok} ok${header.verdicts.warning} warning${header.verdicts.critical} critical`);
  assert.match(fields.get('Started') ?? '', new RegExp(`^${header.started.slice(0, 10)} ${header.started.slice(11, 19)} UTC$`));
  const rows = elements(main, (e) => hasClass(e, 'record-timeline')).flatMap((t) => elements(t, (e) => e.tag === 'tr')).slice(1);
  assert.equal(rows.length, events.length);
  assert.equal(rows.filter((r) => /^Ran /.test(text(elements(r, (e) => e.tag === 'td')[2]))).length, RUNS.length);
  assert.ok(rows.some((r) => text(r).includes(`Note: ${NOTE}`)), 'the note, escaped');
});

test("each run sits under its cell's code, inside the step's list item or the blockquote, coloured by its outcome", async () => {
  const { page } = await exported();
  const all = runs(page);
  assert.equal(all.length, RUNS.length);
  assert.deepEqual(all.map((r) => r.attrs.class), ['run outcome-ok', 'run outcome-ok', 'run outcome-ok', 'run outcome-critical', 'run outcome-failed']);
  const [pods, scale, logs, top] = all;
  const step = closest(pods, 'li')!;
  assert.match(text(step), /^\s*Check the pods:/);
  assert.ok(text(step).includes('kubectl get pods'));
  assert.equal(text(elements(pods, (e) => e.tag === 'pre')[0]), PODS);
  assert.notEqual(closest(scale, 'li'), step, 'the next step has its own output');
  assert.match(text(elements(scale, (e) => hasClass(e, 'note'))[0]), /^Asked: scale deployment\/web .* → yes$/);
  assert.ok(closest(logs, 'blockquote'));
  assert.equal(closest(top, 'li'), undefined);
  assert.equal(closest(top, 'blockquote'), undefined);
  assert.match(text(elements(top, (e) => hasClass(e, 'summary'))[0]), /^Run 4 · 🛑 critical · /);
  assert.deepEqual(elements(top, (e) => e.tag === 'li').map(text), ['cpu 93% ≥ 85%']);
});

test('an output changed by hand is marked as edited after it was recorded; a long one links its sidecar', async () => {
  const { text: record, sidecars } = await sampleRecord(RUNBOOK, RUNS, { maxOutputBytes: 200 });
  assert.equal(sidecars.length, 1, 'the long log went to a sidecar');
  const edited = record.replace('web-2       1/1     Running', 'web-2       1/1     Healthy');
  assert.notEqual(edited, record);
  const page = parseHtml(exportRecordHtml(edited));
  const all = runs(page);
  assert.deepEqual(all.map((r) => elements(r, (e) => hasClass(e, 'edited')).length), [1, 0, 0, 0, 0]);
  assert.match(text(elements(all[0], (e) => hasClass(e, 'edited'))[0]), /edited after it was recorded/);
  const links = elements(all[2], (e) => e.tag === 'a');
  assert.deepEqual(links.map((a) => [a.attrs.href, text(a)]), [[`./${encodeURIComponent(sidecars[0])}`, sidecars[0]]]);
});

test('a record whose hidden blocks were tampered with still exports escaped', async () => {
  const { text: record } = await sampleRecord(RUNBOOK, RUNS);
  const forged = Buffer.from(JSON.stringify({ v: 1, run: '<script>1</script>', at: '<b>', durationMs: 1, who: '<i onclick=x>', result: { status: '<u>', command: 'x' }, text: { sha256: '', bytes: '<s>', eol: true, sidecar: { path: '"><script>', sha256: '', bytes: '<em>' } } })).toString('base64');
  const tampered = record.replace(/(<!-- runbook:run )\S+/, `$1${forged}`);
  const html = exportRecordHtml(tampered);
  assert.doesNotMatch(html, /<script|<b>|<i |<u>|<s>|<em>/);
  assert.deepEqual(elements(parseHtml(html)).flatMap((e) => Object.keys(e.attrs).filter((a) => a.startsWith('on'))), []);
});

test("every code cell of the sample runbook is in the export, in order, with its code as written", () => {
  const path = join(PROJECT_ROOT, 'notebooks', 'scaling-playbook.runbook.md');
  const runbook = readFileSync(path, 'utf8');
  const record = startRecord(path, runbook, join(PROJECT_ROOT, 'notebooks', 'incidents', 'x.incident.md'), 'alice', new Date()).text;
  const page = parseHtml(exportRecordHtml(record));
  const cells = parseRunbook(runbook).cells.filter((c) => c.kind === 'code' && c.origin?.fence?.role !== 'frontmatter');
  const shown = elements(page, (e) => hasClass(e, 'cell')).map((cell) => text(elements(cell, (e) => e.tag === 'code')[0]));
  assert.ok(cells.length > 30);
  assert.deepEqual(shown, cells.map((c) => c.value));
  const nested = cells.filter((c) => c.origin?.fence?.prefix !== '').length;
  assert.ok(nested > 0 && nested < cells.length);
  assert.equal(elements(page, (e) => e.tag === 'li' && elements(e, (c) => hasClass(c, 'cell')).length === 1).length, nested, 'each fence indented in a step is inside its list item');
});

test('a run that passed over commands says which and why', async () => {
  const change = 'kubectl scale deployment web --replicas=5';
  const skipped = result(change, '', { status: 'skipped' });
  skipped.commands = skipped.commands!.map((c) => ({ ...c, status: 'skipped', reason: 'changes state <read-only>' }));
  const { text: record } = await sampleRecord(RUNBOOK, [{ codeCell: 1, result: skipped }]);
  const [run] = runs(parseHtml(exportRecordHtml(record)));
  assert.equal(run.attrs.class, 'run outcome-other');
  assert.deepEqual(elements(run, (e) => hasClass(e, 'note')).map(text), [`Not run: ${change} (changes state <read-only>)`]);
  assert.deepEqual(elements(run, (e) => e.tag === 'pre'), [], 'no output to show');
});

test("the runbook's headings have GitHub's ids, so its contents links lead to them", () => {
  const path = join(PROJECT_ROOT, 'notebooks', 'scaling-playbook.runbook.md');
  const runbook = readFileSync(path, 'utf8');
  const page = parseHtml(exportRecordHtml(startRecord(path, runbook, join(PROJECT_ROOT, 'notebooks', 'incidents', 'x.incident.md'), 'alice', new Date()).text));
  const ids = new Set(elements(page, (e) => /^h[1-6]$/.test(e.tag) && e.attrs.id !== undefined).map((e) => e.attrs.id));
  const links = elements(page, (e) => e.tag === 'a' && (e.attrs.href ?? '').startsWith('#')).map((a) => a.attrs.href.slice(1));
  assert.ok(links.length >= 9);
  assert.deepEqual(links.filter((id) => !ids.has(id)), []);
  const repeated = startRecord('/nonexistent/r.runbook.md', '# Steps\n\n## Steps\n\n## Café & `Co.`\n', '/nonexistent/incidents/r.incident.md', 'alice', new Date()).text;
  const article = elements(parseHtml(exportRecordHtml(repeated)), (e) => e.tag === 'article')[0];
  assert.deepEqual(elements(article, (e) => /^h[1-6]$/.test(e.tag)).map((e) => e.attrs.id), ['steps', 'steps-1', 'café--co']);
});
