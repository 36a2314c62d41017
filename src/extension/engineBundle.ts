// Entry point of dist/engine.js: the engine, the native tools and their VS
// Code adapters, required when the first cell runs, not at activation.

import * as vscode from 'vscode';
import { createRegistry } from '../core/tools';
import type { CellRunner } from './controller';
import { EditInEditor } from './editInEditor';
import { EngineRunner } from './engineRunner';
import type { Log } from './log';
import type { NotebookVerdicts } from './notebookVerdicts';
import { Prompts, type ConfirmationAnswers } from './prompts';
import type { NotebookSessions } from './sessions';

export function createEngineRunner(context: vscode.ExtensionContext, sessions: NotebookSessions, log: Log, answers?: ConfirmationAnswers, verdicts?: NotebookVerdicts): CellRunner {
  return new EngineRunner(createRegistry(), sessions, new Prompts(context.secrets, answers), new EditInEditor(vscode.Uri.joinPath(context.globalStorageUri, 'edits')), log, verdicts);
}
