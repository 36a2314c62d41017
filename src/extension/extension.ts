// Wires the extension together; no logic lives here.

import * as vscode from 'vscode';
import { DEFAULT_MAX_RUNBOOK_BYTES } from '../core/markdown';
import { RunbookController } from './controller';
import { KubeStatusBar } from './kubeStatusBar';
import { LazyRunner } from './lazyRunner';
import { createLog } from './log';
import { ConfirmationAnswers, type RunbookApi } from './prompts';
import { NOTEBOOK_TYPE, RunbookSerializer } from './serializer';
import { NotebookSessions } from './sessions';
import { registerRunInTerminal } from './terminal';

export function activate(context: vscode.ExtensionContext): RunbookApi {
  const maxBytes = () => {
    const megabytes = vscode.workspace.getConfiguration('runbook').get<number>('maxFileSizeMB');
    return megabytes && megabytes > 0 ? megabytes * 1024 * 1024 : DEFAULT_MAX_RUNBOOK_BYTES;
  };
  const log = createLog();
  const sessions = new NotebookSessions(log);
  const answers = new ConfirmationAnswers();
  const runner = new LazyRunner((engine) => engine.createEngineRunner(context, sessions, log, answers));
  context.subscriptions.push(
    log,
    sessions,
    // Outputs are transient: running a runbook never changes the runbook file.
    vscode.workspace.registerNotebookSerializer(NOTEBOOK_TYPE, new RunbookSerializer(maxBytes), { transientOutputs: true }),
    new RunbookController(runner),
    new KubeStatusBar(sessions),
    registerRunInTerminal(),
  );
  // Only the extension's tests use it (see RunbookApi).
  return answers.api();
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
