// "Run in terminal": the command line goes to an integrated terminal, typed
// but not submitted, so the user reads it and presses Enter themselves.

import * as vscode from 'vscode';

const TERMINAL_NAME = 'Runbook';

export function registerRunInTerminal(): vscode.Disposable {
  return vscode.commands.registerCommand('runbook.runInTerminal', (arg?: { commandLine?: string; cwd?: string }) => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Runbook: this folder is not trusted, so commands are not sent to a terminal.');
      return;
    }
    const commandLine = arg?.commandLine;
    if (!commandLine) return;
    const terminal = vscode.window.terminals.find((t) => t.name === TERMINAL_NAME) ?? vscode.window.createTerminal({ name: TERMINAL_NAME, cwd: arg?.cwd });
    terminal.show();
    terminal.sendText(commandLine, false);
  });
}
