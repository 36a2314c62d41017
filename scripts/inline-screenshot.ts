// media/inline.png: an alert runbook that writes its commands in the prose
// (the Cortex mixin's playbooks, from the corpus), opened as a notebook in the
// workbench with the packaged extension against the sandbox; the ▶ after
// `kubectl get events` in the CortexIngesterRestarts paragraph clicked, and its
// output shown below that paragraph.
//   npm run screenshot:inline      (npm run package first)

import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRunButton, outputBelow, startInlineWorkbench, type InlineWorkbench } from '../test/e2e/inlineWorkbench';
import { closingLine, Steps } from '../test/e2e/results';
import { quickOpen, shot } from '../test/e2e/ui-smoke';
import { PROJECT_ROOT, ensureTools } from '../test/e2e/tools';

const CORPUS_FILE = join(PROJECT_ROOT, '..', 'shared', 'corpus', 'files', 'grafana__cortex-jsonnet__cortex-mixin__docs__playbooks.md');
const FILE = 'cortex-playbooks.runbook.md';
const COMMAND = 'kubectl get events';

async function main(): Promise<boolean> {
  const steps = new Steps('inline screenshot');
  let workbench: InlineWorkbench | undefined;
  try {
    await steps.step(`\`${COMMAND}\` in the Cortex playbooks runs from its ▶ and shows its output below the paragraph`, async () => {
      workbench = await startInlineWorkbench('inline-shot', 'runbooks', { [FILE]: { copyOf: CORPUS_FILE } });
      const { page } = workbench;
      await quickOpen(page, FILE);
      await page.locator('.notebook-editor .code-cell-row').first().waitFor({ state: 'visible', timeout: 120_000 });
      const button = await findRunButton(page, COMMAND, 30_000);
      await button.click();
      const shown = await outputBelow(page, button, (s) => s.summary !== '' && !s.summary.startsWith('Running'), 30_000);
      console.log(`          ${JSON.stringify(shown.summary)} ${JSON.stringify(shown.text.slice(0, 200))}`);
      if (!/: ok, exit 0$/.test(shown.summary)) throw new Error(`the run did not succeed: ${JSON.stringify(shown)}`);
      await page.mouse.move(900, 880);
      await page.waitForTimeout(1000);
      copyFileSync(await shot(page, 'inline.png'), join(PROJECT_ROOT, 'media', 'inline.png'));
    });
  } finally {
    await workbench?.stop();
  }
  console.log(closingLine(steps.results));
  return steps.results.every((r) => r.state === 'passed');
}

ensureTools();
main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
