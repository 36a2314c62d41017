// media/record.png and media/record-export.png: the sample runbook run for
// real against the sandbox (read-only, as `runbook run --read-only` runs it,
// going on past failures and critical verdicts) with the incident recorder
// subscribed, then the record shown two ways in headless Chromium: as GitHub
// renders Markdown (micromark with GFM and front matter, raw HTML kept, in a
// small GitHub-like stylesheet) and as `runbook export --html` writes it.
//   npm run screenshot:records     (SANDBOX_SCENARIO=normal|warning|critical; default warning)
// The record and both pages are kept in .artifacts/records/.

import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { micromark } from 'micromark';
import { frontmatter, frontmatterHtml } from 'micromark-extension-frontmatter';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { cliRunner, sessionWithVars } from '../src/cli/runbookFile';
import { terminalHooks } from '../src/cli/terminalHooks';
import { IncidentRecorder, RecordDocument, exportRecordHtml, newRecordPath, startRecord } from '../src/core/records';
import { Runbook } from '../src/core/runbook';
import { launchBrowser, type HeadlessBrowser } from '../test/e2e/browser';
import { PROJECT_ROOT, artifactsDir } from '../test/e2e/tools';
import { SCENARIOS, scenarioFromEnv, startSandbox } from '../test/sandbox/index';

const OPERATOR = 'Dana Reyes';
const VIEWPORT = { width: 1180, height: 1500 };

async function recordSampleRun(workspace: string, env: Record<string, string | undefined>): Promise<{ id: string; text: string }> {
  const runbookPath = join(workspace, 'scaling-playbook.runbook.md');
  const runbookText = readFileSync(runbookPath, 'utf8');
  const started = startRecord(runbookPath, runbookText, newRecordPath(runbookPath, new Date()), OPERATOR, new Date());
  mkdirSync(join(workspace, 'incidents'), { recursive: true });
  const doc = new RecordDocument(started.text);
  const save = async (text: string, sidecars: { name: string; text: string }[]) => {
    writeFileSync(started.path, text);
    for (const s of sidecars) writeFileSync(join(workspace, 'incidents', s.name), s.text);
  };
  const runbook = Runbook.fromMarkdown(started.text);
  const session = sessionWithVars(workspace, {}, env);
  // The runner's results are masked already; the recorder masks its own words (questions, notes) with the session's secrets.
  const recorder = new IncidentRecorder(doc.target(save), {
    runbook: () => runbook, who: OPERATOR, masker: { mask: (t) => session.mask(t), maskDeep: (v) => v }, maxOutputBytes: 64 * 1024, recordName: started.header.id,
  });
  await recorder.note('Paged: p95 latency above 800 ms on the web tier; stepping through the scaling playbook read-only first.');
  const runner = cliRunner(runbook, session, terminalHooks({ yes: false }), { continueOnFailure: true, stopOnCritical: false, readOnly: true, streamWindowMs: 3000, alwaysSample: true });
  runner.on(recorder.listener);
  try {
    // The steps, as Run All runs them; the threshold and manifest blocks (YAML, JSON) are not commands.
    const steps = runbook.codeCells.filter((c) => c.language !== 'yaml' && c.language !== 'json');
    await runner.run(steps.map((c) => c.index), { signal: new AbortController().signal });
  } finally {
    await session.dispose();
  }
  await recorder.note('Web tier back under its thresholds after the autoscaler reached 8 pods; no manual change needed.');
  await recorder.end('resolved');
  return { id: started.header.id, text: doc.text() };
}

/** The record as GitHub shows a Markdown file, near enough for a picture. */
function githubLikePage(record: string, id: string): string {
  const body = micromark(record, { extensions: [gfm(), frontmatter()], htmlExtensions: [gfmHtml(), frontmatterHtml()], allowDangerousHtml: true });
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${GITHUB_STYLE}</style></head><body><div class="file"><div class="file-header">incidents/${id}.incident.md</div><article class="markdown-body">${body}</article></div></body></html>`;
}

const GITHUB_STYLE = `
body { margin: 0; background: #fff; color: #1f2328; font: 16px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
.file { max-width: 1012px; margin: 24px auto; border: 1px solid #d1d9e0; border-radius: 6px; }
.file-header { padding: 10px 16px; background: #f6f8fa; border-bottom: 1px solid #d1d9e0; font-size: 14px; font-weight: 600; }
.markdown-body { padding: 32px; }
.markdown-body h1, .markdown-body h2 { border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; }
.markdown-body h1 { font-size: 2em; } .markdown-body h2 { font-size: 1.5em; } .markdown-body h3 { font-size: 1.25em; }
.markdown-body code, .markdown-body pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 85%; }
.markdown-body :not(pre) > code { background: #eff1f3; border-radius: 6px; padding: .2em .4em; }
.markdown-body pre { background: #f6f8fa; border-radius: 6px; padding: 16px; overflow: auto; line-height: 1.45; }
.markdown-body pre code { font-size: 100%; }
.markdown-body table { border-collapse: collapse; display: block; overflow: auto; }
.markdown-body th, .markdown-body td { border: 1px solid #d1d9e0; padding: 6px 13px; }
.markdown-body tr:nth-child(2n) { background: #f6f8fa; }
.markdown-body blockquote { margin: 0; padding: 0 1em; color: #59636e; border-left: .25em solid #d1d9e0; }
.markdown-body details summary { cursor: pointer; }
.markdown-body a { color: #0969da; text-decoration: none; }
`;

async function screenshot(browser: HeadlessBrowser, html: string, file: string, anchor: string | undefined): Promise<void> {
  const context = await browser.browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.setContent(html, { waitUntil: 'load' });
  if (anchor) {
    const target = page.locator(anchor).first();
    await target.evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => window.scrollBy(0, -16));
  }
  await page.screenshot({ path: file });
  await context.close();
}

async function main(): Promise<void> {
  const scenario = process.env.SANDBOX_SCENARIO ? scenarioFromEnv() : SCENARIOS.warning;
  const out = artifactsDir('records');
  const workspace = mkdtempSync(join(out, 'workspace-'));
  cpSync(join(PROJECT_ROOT, 'notebooks'), workspace, { recursive: true });
  const sandbox = await startSandbox({ quiet: true, scenario });
  let recorded: { id: string; text: string };
  try {
    recorded = await recordSampleRun(workspace, { ...process.env, ...sandbox.env });
  } finally {
    await sandbox.stop();
  }
  const record = recorded.text;
  writeFileSync(join(out, 'sample.incident.md'), record);
  const pages = { 'record.png': githubLikePage(record, recorded.id), 'record-export.png': exportRecordHtml(record) };
  writeFileSync(join(out, 'record.html'), pages['record.png']);
  writeFileSync(join(out, 'record-export.html'), pages['record-export.png']);
  const browser = await launchBrowser();
  try {
    await screenshot(browser, pages['record.png'], join(out, 'record.png'), 'h3:has-text("Is the autoscaler keeping up?")');
    await screenshot(browser, pages['record-export.png'], join(out, 'record-export.png'), undefined);
    // For a look at the export's outputs (not in media/): the same steps as record.png.
    await screenshot(browser, pages['record-export.png'], join(out, 'record-export-steps.png'), 'h3:has-text("Is the autoscaler keeping up?")');
  } finally {
    await browser.close();
  }
  for (const name of ['record.png', 'record-export.png']) copyFileSync(join(out, name), join(PROJECT_ROOT, 'media', name));
  rmSync(workspace, { recursive: true, force: true });
  console.log(`media/record.png, media/record-export.png written; the record and pages are in ${out}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
