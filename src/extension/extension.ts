// Wires the extension together; no logic lives here.

import * as vscode from 'vscode';
import { DEFAULT_MAX_RUNBOOK_BYTES } from '../core/markdown';
import { RunbookController } from './controller';
import { HealthCommands } from './healthCommands';
import { HealthView } from './healthView';
import { InlineCommands } from './inlineCommands';
import type { InlineCommandRunner } from './inlineRunner';
import { KubeStatusBar } from './kubeStatusBar';
import { loadEngine } from './engine';
import { LazyRunner } from './lazyRunner';
import { createLog } from './log';
import { NotebookRecords } from './notebookRecords';
import { NotebookRunbooks } from './notebookRunbooks';
import { NotebookVerdicts } from './notebookVerdicts';
import { NotebookVerdictSummary } from './notebookVerdictSummary';
import { NOTEBOOK_TYPE, RunbookSerializer } from './serializer';
import { RecordCommands } from './recordCommands';
import { RestoredVerdicts } from './restoredVerdicts';
import { registerRunAndAdvance } from './runAndAdvance';
import { registerOpenSample } from './sampleRunbook';
import { NotebookSessions } from './sessions';
import { registerOpenFullOutput } from './openFullOutput';
import { registerRunInTerminal } from './terminal';
import { ConfirmationAnswers, type RunbookApi } from './testApi';
import { ThresholdDiagnostics } from './thresholdDiagnostics';
import { VerdictStatusBar } from './verdictStatusBar';
import { WalkthroughProgress } from './walkthroughProgress';

export function activate(context: vscode.ExtensionContext): RunbookApi | undefined {
  const maxBytes = () => {
    const megabytes = vscode.workspace.getConfiguration('runbook').get<number>('maxFileSizeMB');
    return megabytes && megabytes > 0 ? megabytes * 1024 * 1024 : DEFAULT_MAX_RUNBOOK_BYTES;
  };
  const log = createLog();
  const sessions = new NotebookSessions(log);
  // The tests' hooks exist only when VS Code runs the extension in test mode.
  const answers = context.extensionMode === vscode.ExtensionMode.Test ? new ConfirmationAnswers() : undefined;
  const runbooks = new NotebookRunbooks(log);
  const verdicts = new NotebookVerdicts();
  const records = new NotebookRecords(sessions, runbooks, log);
  const runner = new LazyRunner((engine) => engine.createNotebookRunner(context, { sessions, runbooks, verdicts, records, log, answers }));
  let inlineRunner: InlineCommandRunner | undefined;
  const inline = new InlineCommands(() => (inlineRunner ??= loadEngine().createInlineRunner(context, { sessions, runbooks, verdicts, records, log, answers })));
  const cellVerdicts = new VerdictStatusBar(verdicts);
  const summary = new NotebookVerdictSummary(verdicts, runbooks, log);
  const health = new HealthView(runbooks, sessions, log);
  const healthCommands = new HealthCommands(health, runbooks);
  const kubeStatus = new KubeStatusBar(sessions, runbooks);
  const walkthrough = new WalkthroughProgress(verdicts);
  context.subscriptions.push(
    log,
    sessions,
    runbooks,
    verdicts,
    records,
    // Outputs are transient: running a runbook never changes the runbook file (a record is written from cell metadata).
    vscode.workspace.registerNotebookSerializer(NOTEBOOK_TYPE, new RunbookSerializer(maxBytes), { transientOutputs: true }),
    new RunbookController(runner),
    inline,
    kubeStatus,
    new ThresholdDiagnostics(runbooks),
    cellVerdicts,
    summary,
    new RestoredVerdicts(verdicts),
    new RecordCommands(records, log, maxBytes),
    registerRunInTerminal(),
    registerOpenFullOutput(),
    health,
    healthCommands,
    registerRunAndAdvance(),
    registerOpenSample(context),
    walkthrough,
  );
  return answers?.api({
    kubeStatus: () => kubeStatus.shown,
    cellStatus: (cell) => {
      const [item] = cellVerdicts.provideCellStatusBarItems(cell);
      return item ? { text: item.text, tooltip: item.tooltip ?? '' } : undefined;
    },
    summary: () => summary.shown,
  }, {
    model: () => health.tree.current,
    message: () => health.tree.message,
    item: (path) => {
      if (!health.tree.node(health.tree.id(path))) return undefined;
      const item = health.tree.getTreeItem(health.tree.id(path));
      const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : (item.tooltip ?? '');
      return { label: String(item.label ?? ''), description: String(item.description ?? ''), tooltip, contextValue: item.contextValue ?? '' };
    },
    monitoring: () => health.monitoring,
    judged: () => health.judged()?.uri,
    describe: (path) => healthCommands.describe(health.tree.id(path)),
    openStep: (path) => healthCommands.openStep(health.tree.id(path)),
  }, {
    verdictShown: () => walkthrough.verdictShown,
  });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
