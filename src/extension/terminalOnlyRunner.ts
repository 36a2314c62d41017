// The runner used until native tools are registered: it runs nothing, and says
// so, naming the program and offering the command line for a terminal.

import * as vscode from 'vscode';
import { RESULT_MIME, type CellResult } from '../core/results/cellResult';
import type { CellRunner } from './controller';

export class TerminalOnlyRunner implements CellRunner {
  async run(cell: vscode.NotebookCell, execution: vscode.NotebookCellExecution): Promise<boolean> {
    const text = cell.document.getText().trim();
    if (cell.document.languageId === 'yaml' || cell.document.languageId === 'json' || text === '') {
      return true;
    }
    const tool = cell.document.languageId === 'sql' ? 'sql' : (text.split(/\s+/)[0] ?? '');
    const result: CellResult = {
      tool,
      command: text,
      status: 'not-run',
      text: '',
      message: `\`${tool}\` has no native runner in this version, so nothing was run. Run the step in a terminal.`,
    };
    await execution.replaceOutput(
      new vscode.NotebookCellOutput([
        vscode.NotebookCellOutputItem.json(result, RESULT_MIME),
        vscode.NotebookCellOutputItem.text(result.message ?? '', 'text/plain'),
      ]),
    );
    return false;
  }
}
