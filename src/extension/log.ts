// The extension's log, an output channel with levels. Secrets never reach it:
// callers log command lines from cell results, which the session's masker
// has passed.

import * as vscode from 'vscode';

export type Log = vscode.LogOutputChannel;

export function createLog(): Log {
  return vscode.window.createOutputChannel('Runbook Notebooks', { log: true });
}
