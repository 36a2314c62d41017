// The first run in the real workbench: the "Get started with runbooks"
// walkthrough is listed and opens, what each step completes on happens
// (Open Sample Runbook opens a copy of the sample; a verdict sets the context
// key), every command has the Runbook category and is registered, and
// runbook.runAndAdvance (Shift+Enter) selects the next code cell.
//   trusted window: everything but the verdict; verdicts window (a sandbox in
//   the critical scenario): the verdict, before any other suite shows one.

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { suite, suiteTeardown, test } from 'mocha';
import type { RunbookApi } from '../../../src/extension/testApi';
import { VERDICT_SHOWN_CONTEXT } from '../../../src/extension/walkthroughProgress';
import { EXTENSION_ID, SAMPLE_NAME, closeAllEditors, codeCells, executeCell, fixture, openRunbook, samplePath, selectController, waitFor } from './helpers';

interface Step {
  id: string;
  completionEvents: string[];
}

function extension(): vscode.Extension<RunbookApi> {
  const found = vscode.extensions.getExtension<RunbookApi>(EXTENSION_ID);
  assert.ok(found, `${EXTENSION_ID} is not loaded`);
  return found;
}

function walkthrough(): { id: string; title: string; steps: Step[] } {
  const [first] = extension().packageJSON.contributes.walkthroughs as { id: string; title: string; steps: Step[] }[];
  assert.ok(first, 'the extension contributes a walkthrough');
  return first;
}

function tabLabels(): string[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tab.label));
}

if (process.env.RUNBOOK_E2E_SUITE !== 'verdicts') {
  suite('first run: the walkthrough, commands and Shift+Enter', () => {
    suiteTeardown(closeAllEditors);

    test('the walkthrough is listed: VS Code opens it by the extension\'s id and its own', async () => {
      const { id, title } = walkthrough();
      assert.equal(title, 'Get started with runbooks');
      await closeAllEditors();
      await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${id}`, false);
      const label = await waitFor('the walkthrough editor', () => tabLabels().find((l) => /Welcome|Walkthrough/.test(l)));
      assert.ok(label);
      await closeAllEditors();
    });

    test('every step completes on something the running extension provides', async () => {
      await extension().activate();
      const commands = await vscode.commands.getCommands(true);
      for (const step of walkthrough().steps) {
        for (const event of step.completionEvents) {
          const [kind, name] = event.split(/:(.*)/s);
          if (kind === 'onCommand') assert.ok(commands.includes(name), `${step.id}: ${name} is registered`);
          else if (kind === 'onView') assert.ok(commands.includes(`${name}.focus`), `${step.id}: VS Code knows the view ${name}`);
          else if (kind === 'onSettingChanged') assert.notEqual(vscode.workspace.getConfiguration().inspect(name)?.defaultValue, undefined, `${step.id}: ${name} is a registered setting`);
          else if (kind === 'onContext') assert.equal(name, VERDICT_SHOWN_CONTEXT, `${step.id}: the key the extension sets`);
          else assert.fail(`${step.id}: unexpected completion event ${event}`);
        }
      }
    });

    test('every contributed command has the Runbook category and is registered once the extension runs', async () => {
      await extension().activate();
      const registered = await vscode.commands.getCommands(true);
      const contributed = extension().packageJSON.contributes.commands as { command: string; category?: string }[];
      for (const { command, category } of contributed) {
        assert.equal(category, 'Runbook', command);
        assert.ok(registered.includes(command), `${command} is registered`);
      }
    });

    test('Open Sample Runbook opens a copy of the sample as a runbook notebook, and opens the same copy again', async () => {
      const file = await vscode.commands.executeCommand<vscode.Uri>('runbook.openSample');
      const editor = await waitFor('the sample in a notebook editor', () => {
        const active = vscode.window.activeNotebookEditor;
        return active?.notebook.uri.toString() === file.toString() ? active : undefined;
      });
      assert.equal(editor.notebook.notebookType, 'runbook');
      assert.ok(file.path.endsWith(`/${SAMPLE_NAME}`), file.path);
      assert.notEqual(file.fsPath, samplePath(), 'not the workspace\'s file');
      // Under test the extension runs from the repository, with the user data inside it: the copy is not the shipped file.
      assert.notEqual(file.fsPath, join(extension().extensionPath, 'notebooks', SAMPLE_NAME), 'not the installed file');
      assert.match(file.path, /\/globalStorage\/[^/]+\/sample\//, 'in the extension\'s storage');
      assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)), readFileSync(samplePath(), 'utf8'));
      // The step's k8s/ files came along, so its relative paths resolve.
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(file, '..', 'k8s', 'database', 'read-replica.yaml'));

      // Edited and saved, the copy is what opens the next time.
      const edit = new vscode.WorkspaceEdit();
      edit.set(editor.notebook.uri, [vscode.NotebookEdit.insertCells(editor.notebook.cellCount, [new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, 'My note.', 'markdown')])]);
      assert.ok(await vscode.workspace.applyEdit(edit));
      await editor.notebook.save();
      await closeAllEditors();
      const again = await vscode.commands.executeCommand<vscode.Uri>('runbook.openSample');
      assert.equal(again.toString(), file.toString());
      assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile(again)), /My note\.\n?$/);
      await closeAllEditors();
    });

    test('Run Cell and Go to the Next Code Cell passes over the Markdown between steps', async () => {
      const copy = fixture('advance.runbook.md', '# Steps\n\n```bash\nkubectl version --client\n```\n\nSome prose.\n\nMore prose.\n\n```bash\nkubectl version --client -o json\n```\n');
      const notebook = await openRunbook(copy.uri);
      await selectController(notebook);
      const [first, second] = codeCells(notebook);
      assert.ok(second.index - first.index > 1, 'prose lies between the two code cells');
      const editor = vscode.window.activeNotebookEditor;
      assert.ok(editor);
      editor.selections = [new vscode.NotebookRange(first.index, first.index + 1)];
      const ranBefore = first.executionSummary?.timing?.startTime;
      await vscode.commands.executeCommand('runbook.runAndAdvance');
      await waitFor('the next code cell to be selected', () => editor.selection.start === second.index, 5_000);
      await waitFor('the first cell to have run', () => {
        const timing = notebook.cellAt(first.index).executionSummary?.timing;
        return timing?.endTime !== undefined && timing.startTime !== ranBefore;
      });
      assert.equal(notebook.cellAt(second.index).executionSummary?.timing, undefined, 'only the cell in focus ran');

      // From the last code cell there is nowhere to go: the cell runs, the selection stays.
      await vscode.commands.executeCommand('runbook.runAndAdvance');
      assert.equal(editor.selection.start, second.index);
      await waitFor('the second cell to have run', () => notebook.cellAt(second.index).executionSummary?.timing?.endTime !== undefined);
    });
  });
} else {
  suite('first run: a verdict completes the walkthrough\'s "Run a step" (verdicts window)', () => {
    suiteTeardown(closeAllEditors);

    test('the first verdict in the window sets the context key', async () => {
      const api = (await extension().activate()).testing;
      assert.ok(api.walkthrough && api.verdicts, 'activate() returns the walkthrough and verdicts testing APIs');
      assert.equal(api.walkthrough.verdictShown(), false, 'no verdict yet in this window');
      const sample = readFileSync(samplePath(), 'utf8');
      const thresholdsEnd = sample.indexOf('\n## Automatic Scaling');
      assert.ok(thresholdsEnd > 0);
      const copy = fixture('walkthrough-verdict.runbook.md', `${sample.slice(0, thresholdsEnd)}\n\n## Steps\n\n1. Autoscaler\n\n\`\`\`bash\nkubectl get hpa\n\`\`\`\n`);
      const notebook = await openRunbook(copy.uri);
      await selectController(notebook);
      const step = codeCells(notebook).find((c) => c.document.getText() === 'kubectl get hpa');
      assert.ok(step);
      await executeCell(notebook, step.index);
      await waitFor('the cell\'s verdict', () => api.verdicts!.cellStatus(notebook.cellAt(step.index)), 30_000);
      await waitFor('the context key', () => api.walkthrough!.verdictShown(), 5_000);
    });
  });
}
