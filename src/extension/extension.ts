// Wires the extension together; no logic lives here.

import * as vscode from 'vscode';
import { DEFAULT_MAX_RUNBOOK_BYTES } from '../core/markdown';
import { RunbookController } from './controller';
import { NOTEBOOK_TYPE, RunbookSerializer } from './serializer';
import { TerminalOnlyRunner } from './terminalOnlyRunner';

export function activate(context: vscode.ExtensionContext): void {
  const maxBytes = () => {
    const megabytes = vscode.workspace.getConfiguration('runbook').get<number>('maxFileSizeMB');
    return megabytes && megabytes > 0 ? megabytes * 1024 * 1024 : DEFAULT_MAX_RUNBOOK_BYTES;
  };
  context.subscriptions.push(
    // Outputs are transient: running a runbook never changes the runbook file.
    vscode.workspace.registerNotebookSerializer(NOTEBOOK_TYPE, new RunbookSerializer(maxBytes), { transientOutputs: true }),
    new RunbookController(new TerminalOnlyRunner()),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
