// Thresholds and verdicts in the real workbench, against a sandbox whose load
// crosses every critical level (run.ts starts it with SANDBOX_SCENARIO
// critical and names it in `runbook.envFile`): diagnostics on threshold
// blocks, the cell status bar verdict and its tooltip, the verdict in the
// structured result, the notebook summary, and Run All stopping at a critical
// verdict unless `runbook.stopOnCritical` is off.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import { parseEnvFile } from '../../../src/core/connections';
import type { RunbookApi, VerdictsTestingApi } from '../../../src/extension/testApi';
import { EXTENSION_ID, RESULT_MIME, closeAllEditors, codeCells, executeCell, fixture, openRunbook, outputTexts, samplePath, selectController, setCellText, waitFor } from './helpers';
import { note } from './report';

interface VerdictRecord {
  level: string;
  verdicts: { group: string; metric: string; level: string; sustained: boolean; since?: string; text: string; measurement?: { value: number; subject: string } }[];
}

let count = 0;

/** The sample's front matter and "Monitoring Thresholds" section, then the given steps. */
function runbookText(steps: string[]): string {
  const sample = readFileSync(samplePath(), 'utf8');
  const end = sample.indexOf('\n## Automatic Scaling');
  assert.ok(end > 0, 'the sample has an "Automatic Scaling" section after its thresholds');
  const body = steps.map((text, i) => `${i + 1}. Step ${i + 1}\n\n\`\`\`bash\n${text}\n\`\`\`\n`).join('\n');
  return `${sample.slice(0, end)}\n\n## Steps\n\n${body}`;
}

async function open(text: string): Promise<vscode.NotebookDocument> {
  const file = fixture(`verdicts-${++count}.runbook.md`, text);
  const notebook = await openRunbook(file.uri);
  await selectController(notebook);
  return notebook;
}

function ended(cell: vscode.NotebookCell): boolean {
  return cell.executionSummary?.success !== undefined && cell.outputs.length > 0;
}

/** Runs one cell and waits for this execution (not an earlier one) to end. */
async function runCell(notebook: vscode.NotebookDocument, cell: vscode.NotebookCell): Promise<vscode.NotebookCell> {
  const before = notebook.cellAt(cell.index).executionSummary?.timing?.startTime;
  await executeCell(notebook, cell.index);
  return waitFor(
    `cell ${cell.index} to end`,
    () => {
      const now = notebook.cellAt(cell.index);
      const timing = now.executionSummary?.timing;
      return ended(now) && timing?.endTime !== undefined && timing.startTime !== before ? now : undefined;
    },
    30_000,
  );
}

function verdictOf(cell: vscode.NotebookCell): VerdictRecord | undefined {
  const [json] = outputTexts(cell, RESULT_MIME);
  assert.ok(json, `no ${RESULT_MIME} output`);
  return (JSON.parse(json) as { verdict?: VerdictRecord }).verdict;
}

async function verdictsApi(): Promise<VerdictsTestingApi> {
  const extension = vscode.extensions.getExtension<RunbookApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  const api = (await extension.activate()).testing.verdicts;
  assert.ok(api, 'activate() returns no verdicts testing API');
  return api;
}

function diagnostics(cell: vscode.NotebookCell): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(cell.document.uri).filter((d) => d.source === 'runbook thresholds');
}

suite('thresholds and verdicts (sandbox in the critical scenario)', () => {
  suiteSetup(async () => {
    assert.ok(vscode.workspace.getConfiguration('runbook').get<string>('envFile'), 'runbook.envFile is not set: the runner should point it at the sandbox');
  });
  suiteTeardown(closeAllEditors);

  test('problems in threshold blocks are diagnostics on their YAML cell that say what was expected, and clear when fixed', async () => {
    const text = [
      '# Broken thresholds',
      '',
      '## Monitoring Thresholds',
      '',
      '### Application Servers',
      '```yaml',
      'cpu:',
      '  warning: 70 percent',
      '  critical: 85%',
      'cpus:',
      '  warning: 80%',
      '```',
      '',
      '### Cache',
      '```yaml',
      'memory: [unclosed',
      '```',
      '',
      '1. Deployments',
      '',
      '```bash',
      'kubectl get deploy tiktok-toe',
      '```',
      '',
    ].join('\n');
    const notebook = await open(text);
    const [app, cache, step] = codeCells(notebook);
    const appProblems = await waitFor('diagnostics on the Application Servers block', () => (diagnostics(app).length >= 2 ? diagnostics(app) : undefined));
    const messages = appProblems.map((d) => d.message);
    const unit = appProblems.find((d) => /unknown unit/.test(d.message));
    assert.ok(unit, messages.join('\n'));
    assert.match(unit.message, /expected a percentage/);
    assert.equal(unit.range.start.line, 1, 'on the `warning: 70 percent` line');
    assert.equal(unit.severity, vscode.DiagnosticSeverity.Error);
    const metric = appProblems.find((d) => /unknown metric 'cpus'/.test(d.message));
    assert.ok(metric, messages.join('\n'));
    assert.match(metric.message, /did you mean 'cpu'.*Expected one of: cpu, memory/);
    assert.equal(metric.range.start.line, 3);
    const yaml = await waitFor('a diagnostic on the Cache block', () => diagnostics(cache)[0]);
    assert.match(yaml.message, /invalid YAML.*expected metric blocks/);
    assert.deepEqual(diagnostics(step), [], 'the bash step has no threshold diagnostics');

    // A runbook with broken thresholds still runs its steps.
    const ran = await runCell(notebook, step);
    assert.equal(ran.executionSummary?.success, true, 'the step ran despite the broken thresholds');

    await setCellText(app, 'cpu:\n  warning: 70%\n  critical: 85%\n');
    await waitFor('the fixed block to lose its diagnostics', () => diagnostics(notebook.cellAt(app.index)).length === 0, 5000);
    assert.equal(diagnostics(notebook.cellAt(cache.index)).length, 1, 'the Cache block is still broken');
  });

  test('a cell that measures a breach shows its verdict in the cell status bar, the result and the notebook summary', async () => {
    const api = await verdictsApi();
    const notebook = await open(runbookText(['kubectl get hpa', 'kubectl get deploy']));
    const [, , , , hpa] = codeCells(notebook);
    assert.equal(hpa.document.getText(), 'kubectl get hpa');
    assert.equal(api.cellStatus(hpa), undefined, 'no verdict before the cell ran');
    const before = await waitFor('the notebook summary', () => api.summary());
    assert.match(before.text, /Runbook: 8 not measured$/, before.text);

    const cell = await runCell(notebook, hpa);
    assert.equal(cell.executionSummary?.success, true);
    const verdict = verdictOf(cell);
    assert.ok(verdict, 'the structured result has a verdict');
    assert.equal(verdict.level, 'critical');
    const cpu = verdict.verdicts.find((v) => v.group === 'Application Servers' && v.metric === 'cpu');
    assert.ok(cpu, JSON.stringify(verdict));
    assert.equal(cpu.level, 'critical');
    assert.equal(cpu.sustained, false, 'a first reading cannot have lasted 5m');
    assert.ok((cpu.measurement?.value ?? 0) >= 85, JSON.stringify(cpu.measurement));

    const status = await waitFor('the cell status bar verdict', () => api.cellStatus(notebook.cellAt(hpa.index)));
    assert.equal(status.text, '$(error) critical — not yet sustained (5m)');
    const tooltip = status.tooltip.split('\n');
    const cpuLine = tooltip.find((l) => l.includes('Application Servers · cpu: critical'));
    assert.ok(cpuLine, status.tooltip);
    assert.match(cpuLine, new RegExp(`${cpu.measurement?.value}% on ${cpu.measurement?.subject}, threshold critical ≥ 85%`));
    assert.ok(tooltip.some((l) => l.includes('Application Servers · memory: critical')), status.tooltip);

    const summary = await waitFor('the summary to count the breach', () => (/critical/.test(api.summary()?.text ?? '') ? api.summary() : undefined));
    assert.equal(summary.text, '$(error) Runbook: 2 critical, 6 not measured');
    for (const threshold of ['Application Servers · cpu: critical', 'Application Servers · requests: not measured', 'Database · storage: not measured', 'Cache · hits: not measured']) {
      assert.ok(summary.tooltip.includes(threshold), `${threshold} in\n${summary.tooltip}`);
    }
    note('verdictStatus', status.text);
    note('verdictSummary', summary.text);

    // Run again: the notebook session remembers when the breach began.
    await new Promise((r) => setTimeout(r, 1100));
    const again = await runCell(notebook, notebook.cellAt(hpa.index));
    const cpuAgain = verdictOf(again)?.verdicts.find((v) => v.group === 'Application Servers' && v.metric === 'cpu');
    assert.ok(cpu.since && cpuAgain?.since, JSON.stringify(cpuAgain));
    assert.equal(cpuAgain.since, cpu.since, 'the breach began at the first run');
    assert.equal(cpuAgain.sustained, false);

    // Clearing the outputs clears the verdict.
    await vscode.commands.executeCommand('notebook.clearAllCellsOutputs');
    await waitFor('the verdict to clear', () => api.cellStatus(notebook.cellAt(hpa.index)) === undefined, 5000);
  });

  test('Run All stops at a critical verdict; with runbook.stopOnCritical off it keeps going', async () => {
    const api = await verdictsApi();
    const notebook = await open(runbookText(['kubectl get hpa', 'kubectl get deploy tiktok-toe']));
    const [, , , , hpa, after] = codeCells(notebook);
    await vscode.commands.executeCommand('notebook.execute', notebook.uri);
    await waitFor('the hpa cell to end', () => ended(notebook.cellAt(hpa.index)), 30_000);
    // Give a wrongly continuing run the time to start the next cell.
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(notebook.cellAt(hpa.index).executionSummary?.success, true, 'a critical verdict is not a failed cell');
    assert.match(api.cellStatus(notebook.cellAt(hpa.index))?.text ?? '', /critical/);
    assert.equal(notebook.cellAt(after.index).executionSummary?.executionOrder, undefined, 'the cell after the critical verdict did not run');
    assert.equal(notebook.cellAt(after.index).outputs.length, 0);
    // The threshold blocks themselves ran first (YAML cells are code cells): none of them stopped the run.
    assert.ok(notebook.cellAt(codeCells(notebook)[1].index).executionSummary !== undefined, 'the threshold cells before it ran');

    const settings = vscode.workspace.getConfiguration('runbook');
    await settings.update('stopOnCritical', false, vscode.ConfigurationTarget.Workspace);
    try {
      await vscode.commands.executeCommand('notebook.execute', notebook.uri);
      const done = await waitFor('the cell after the critical one to run', () => (ended(notebook.cellAt(after.index)) ? notebook.cellAt(after.index) : undefined), 30_000);
      assert.equal(done.executionSummary?.success, true);
      assert.match(outputTexts(done, 'text/plain').join(''), /tiktok-toe/);
    } finally {
      await settings.update('stopOnCritical', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('a cell gets the same result and verdict in the notebook and from runbook check (one runner)', async () => {
    const text = runbookText(['kubectl top pods -l app=tiktok-toe']);
    const notebook = await open(text);
    const step = codeCells(notebook).at(-1)!;
    const cell = await runCell(notebook, step);
    const [json] = outputTexts(cell, RESULT_MIME);
    const inNotebook = JSON.parse(json) as Record<string, unknown>;

    // The same file through the CLI, in its own process, against the same sandbox.
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const envFile = vscode.workspace.getConfiguration('runbook').get<string>('envFile')!;
    const env = { ...process.env, ...parseEnvFile(readFileSync(envFile, 'utf8'), process.env).values };
    const cli = spawnSync(process.execPath, [join(extension.extensionPath, 'bin', 'runbook.js'), 'check', '--json', notebook.uri.fsPath], { env, encoding: 'utf8', timeout: 60_000 });
    assert.ok(cli.stdout, `runbook check printed nothing: ${cli.stderr}`);
    const report = JSON.parse(cli.stdout) as { cells: { result: Record<string, unknown> }[] };
    assert.equal(report.cells.length, 1, cli.stdout);
    const fromCheck = report.cells[0].result;

    assert.equal((inNotebook.verdict as VerdictRecord | undefined)?.level, 'critical', 'the critical scenario breaches the app\'s CPU');
    assert.deepEqual(withoutClock(fromCheck), withoutClock(inNotebook));
  });
});

/** A result without what depends on when it ran: start times, durations, when a verdict was judged and a breach began. */
function withoutClock(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutClock);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !['startedAt', 'durationMs', 'at', 'since'].includes(key)).map(([key, v]) => [key, withoutClock(v)]));
}
