// The shared runbook runner as a notebook runs it: the notebook's session and
// breach clocks, its settings (timeouts, output lines, the production guard),
// and VS Code's prompts and editor as the runner's hooks. Cells and the
// commands written inline in prose run through the same one.

import * as vscode from 'vscode';
import type { ToolRegistry } from '../core/engine';
import { DEFAULT_MAX_OUTPUT_LINES } from '../core/output';
import type { Runbook } from '../core/runbook';
import { DEFAULT_COMMAND_TIMEOUT_SECONDS, RunbookRunner, type RunnerPolicy } from '../core/runner';
import { BreachTracker } from '../core/thresholds';
import type { EditInEditor } from './editInEditor';
import type { Prompts } from './prompts';
import { safetySettings } from './safetySettings';
import type { NotebookSessions } from './sessions';

export interface NotebookRunnerParts {
  registry: ToolRegistry;
  sessions: NotebookSessions;
  prompts: Prompts;
  editor: EditInEditor;
}

/**
 * A runner for `notebook`. `policy`: how a run of several cells goes on (Run All's settings, or none for one command);
 * `cancelled`: the token that closes an editor opened for the running command (kubectl edit).
 */
export function notebookRunbookRunner(
  notebook: vscode.NotebookDocument,
  parts: NotebookRunnerParts,
  runbook: () => Runbook,
  policy: Pick<RunnerPolicy, 'continueOnFailure' | 'stopOnCritical' | 'streamWindowMs'>,
  cancelled: () => vscode.CancellationToken,
): RunbookRunner {
  const session = parts.sessions.get(notebook);
  const settings = vscode.workspace.getConfiguration('runbook', notebook.uri);
  return new RunbookRunner({
    runbook,
    session,
    registry: parts.registry,
    tracker: parts.sessions.breaches(notebook, () => new BreachTracker()),
    isTTY: true,
    policy: {
      ...policy,
      commandTimeoutMs: settings.get<number>('commandTimeoutSeconds', DEFAULT_COMMAND_TIMEOUT_SECONDS) * 1000,
      ...safetySettings(notebook.uri),
    },
    maxOutputLines: Math.max(10, settings.get<number>('output.maxLines', DEFAULT_MAX_OUTPUT_LINES)),
    hooks: {
      resolve: (request) => parts.prompts.values(request, session),
      confirm: (request) => parts.prompts.confirm(request),
      editText: (request) => parts.editor.edit(request, cancelled()),
    },
  });
}
