// The extension's log, an output channel with levels. Secrets never reach it:
// callers log command lines only after the session has masked them.

import * as vscode from 'vscode';

export type Log = vscode.LogOutputChannel;

export function createLog(): Log {
  return vscode.window.createOutputChannel('Runbook Notebooks', { log: true });
}
