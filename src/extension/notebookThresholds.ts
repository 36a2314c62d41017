// Reads a notebook's thresholds from its current cell texts. A reader that
// fails (it should not) is logged and treated as "no thresholds": thresholds
// never stop a runbook from opening or running.

import * as vscode from 'vscode';
import { readThresholds, type ThresholdReading } from '../core/thresholds';
import { thresholdSourceCells } from './thresholdSource';

export function readNotebookThresholds(notebook: vscode.NotebookDocument, onError?: (error: Error) => void): ThresholdReading {
  const cells = notebook.getCells().map((cell) => ({
    markdown: cell.kind === vscode.NotebookCellKind.Markup,
    languageId: cell.document.languageId,
    text: cell.document.getText(),
    metadata: cell.metadata,
  }));
  try {
    return readThresholds(thresholdSourceCells(cells));
  } catch (error) {
    onError?.(error as Error);
    return { groups: [], diagnostics: [] };
  }
}
