// Entry point of dist/engine.js: the engine, the native tools, the runbook
// runner and their VS Code adapters, and what incident records need to be
// started, written and exported, and the health view's monitor; required on
// first use, not at activation.

import * as vscode from 'vscode';
import { createRegistry } from '../core/tools';
import type { CellRunner } from './controller';
import { EditInEditor } from './editInEditor';
import type { Log } from './log';
import type { NotebookRecords } from './notebookRecords';
import type { NotebookRunbooks } from './notebookRunbooks';
import { NotebookRunner } from './notebookRunner';
import { InlineRunner, type InlineCommandRunner } from './inlineRunner';
import type { NotebookRunnerParts } from './notebookRunbookRunner';
import type { NotebookVerdicts } from './notebookVerdicts';
import { Prompts } from './prompts';
import type { NotebookSessions } from './sessions';
import type { ConfirmationAnswers } from './testApi';

export { HealthMonitor, changedNodes, nodeId, runbookStepCell } from '../core/health';
export { IncidentRecorder, exportRecordHtml, newRecordPath, operatorName, startRecord } from '../core/records';

export interface EngineParts {
  sessions: NotebookSessions;
  runbooks: NotebookRunbooks;
  verdicts: NotebookVerdicts;
  records: NotebookRecords;
  log: Log;
  /** Only in VS Code's test mode. */
  answers?: ConfirmationAnswers;
}

/** What cells and inline commands share: the tools, the sessions, the prompts and the editor for kubectl edit. */
function runnerParts(context: vscode.ExtensionContext, parts: EngineParts): NotebookRunnerParts {
  return {
    registry: createRegistry(),
    sessions: parts.sessions,
    prompts: new Prompts(context.secrets, parts.answers),
    editor: new EditInEditor(vscode.Uri.joinPath(context.globalStorageUri, 'edits')),
  };
}

export function createNotebookRunner(context: vscode.ExtensionContext, parts: EngineParts): CellRunner {
  return new NotebookRunner(runnerParts(context, parts), parts.runbooks, parts.verdicts, parts.records, parts.log);
}

/** Runs the inline commands of Markdown cells through the same runner, session and prompts as cells. */
export function createInlineRunner(context: vscode.ExtensionContext, parts: EngineParts): InlineCommandRunner {
  const output = vscode.window.createOutputChannel('Runbook Inline Commands');
  context.subscriptions.push(output);
  return new InlineRunner(runnerParts(context, parts), parts.runbooks, parts.records, output, parts.log);
}
