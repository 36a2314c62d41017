// Inline commands in the workbench, as a person uses them: the packaged
// extension against the sandbox, a runbook whose prose names `kubectl get
// pods` and `kubectl scale …`; the rendered Markdown cell shows a ▶ after each,
// a click on the first shows the pods below the paragraph, a click on the
// scale asks in a modal dialog, which is declined; the file keeps its bytes.
//   node --import tsx test/e2e/ui-inline.ts      (needs the .vsix: npm run package)

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { findRunButton, outputBelow, startInlineWorkbench, type InlineWorkbench } from './inlineWorkbench';
import { closingLine, Steps, type CheckResult } from './results';
import { quickOpen, shot } from './ui-smoke';
import { ensureTools } from './tools';

const PODS = 'kubectl get pods -l app=tiktok-toe';
const SCALE = 'kubectl scale deployment tiktok-toe --replicas=5';
const FILE = 'inline-commands.runbook.md';
const RUNBOOK = [
  '# Web is slow',
  '',
  `List the pods with \`${PODS}\`; if there are too few,`,
  `\`${SCALE}\`. Plain \`kubectl\` is prose.`,
  '',
  '```bash',
  'kubectl get hpa',
  '```',
  '',
].join('\n');

const finished = (shown: { summary: string }) => shown.summary !== '' && !shown.summary.startsWith('Running');

export async function runInlineUi(options: { log?: (line: string) => void } = {}): Promise<{ results: CheckResult[]; timings: Record<string, number> }> {
  const log = options.log ?? console.log;
  const steps = new Steps('inline commands (ui)', log);
  const t0 = Date.now();
  const timings: Record<string, number> = {};
  let workbench: InlineWorkbench | undefined;
  try {
    await steps.step('the workbench opens a runbook with inline commands against the sandbox', async () => {
      workbench = await startInlineWorkbench('inline', 'runbooks', { [FILE]: { text: RUNBOOK } });
      await quickOpen(workbench.page, FILE);
      await workbench.page.locator('.notebook-editor .code-cell-row').first().waitFor({ state: 'visible', timeout: 120_000 });
      timings.openMs = Date.now() - t0;
    });
    await steps.step('the rendered Markdown cell has a ▶ after each inline command and none after plain `kubectl`', async () => {
      const { page } = workbench!;
      await findRunButton(page, PODS, 30_000);
      await findRunButton(page, SCALE, 5_000);
      const plain = await findRunButton(page, 'kubectl', 0).then(() => true, () => false);
      if (plain) throw new Error('a ▶ follows the prose `kubectl`');
    });
    await steps.step('a click on the ▶ of `kubectl get pods` shows the pods below the paragraph', async () => {
      const { page } = workbench!;
      const started = Date.now();
      const button = await findRunButton(page, PODS, 5_000);
      await button.click();
      const shown = await outputBelow(page, button, finished, 30_000);
      timings.podsMs = Date.now() - started;
      log(`          shown below the ${shown.after}: ${JSON.stringify(shown.summary)} ${JSON.stringify(shown.text.slice(0, 120))}`);
      if (shown.after !== 'p' || !shown.afterText.includes(PODS)) throw new Error(`the output follows ${shown.after} "${shown.afterText}", not the command's paragraph`);
      if (!/^NAME +READY +STATUS/.test(shown.text) || !/tiktok-toe-\S+ +\d+\/\d+ +Running/.test(shown.text)) throw new Error(`not kubectl's pod list: ${JSON.stringify(shown)}`);
      if (!/: ok, exit 0$/.test(shown.summary)) throw new Error(`summary: ${shown.summary}`);
      await shot(page, 'inline-pods.png');
    });
    await steps.step('a click on the ▶ of `kubectl scale` asks first in a modal dialog; declined, it does not run', async () => {
      const { page } = workbench!;
      const button = await findRunButton(page, SCALE, 5_000);
      await button.click();
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible', timeout: 15_000 });
      const asked = (await dialog.innerText()).replace(/\s+/g, ' ');
      log(`          asked: ${JSON.stringify(asked.slice(0, 200))}`);
      if (!asked.includes('changes state') || !asked.includes(SCALE)) throw new Error(`the dialog does not ask about the scale: ${asked}`);
      await shot(page, 'inline-scale-asks.png');
      await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
      const shown = await outputBelow(page, button, finished, 15_000);
      log(`          shown: ${JSON.stringify(shown.summary)}`);
      if (!shown.summary.startsWith(`${SCALE}: declined`) || /scaled/.test(shown.text)) throw new Error(`the declined scale ran, or shows no decline: ${JSON.stringify(shown)}`);
    });
    await steps.step('the runbook file keeps its bytes and the editor is not dirty', async () => {
      const { page, workspace } = workbench!;
      if (!readFileSync(join(workspace, FILE)).equals(Buffer.from(RUNBOOK))) throw new Error('the runbook file changed');
      if (await isDirty(page, FILE)) throw new Error('the notebook editor is dirty');
    });
  } finally {
    if (workbench) await shot(workbench.page, 'inline-last.png').catch(() => undefined);
    await workbench?.stop();
  }
  timings.totalMs = Date.now() - t0;
  return { results: steps.results, timings };
}

async function isDirty(page: Page, fileName: string): Promise<boolean> {
  return (await page.locator('.tabs-container .tab.dirty', { hasText: fileName }).count()) > 0;
}

if (require.main === module) {
  ensureTools();
  runInlineUi()
    .then(({ results, timings }) => {
      console.log(`timings: ${JSON.stringify(timings)}`);
      console.log(closingLine(results));
      process.exit(results.some((r) => r.state !== 'passed') ? 1 : 0);
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
