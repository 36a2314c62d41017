// VS Code adapter for the lossless runbook format in core/markdown. It only
// converts shapes: every decision about bytes is made in core.

import * as vscode from 'vscode';
import { decodeRunbook, encodeRunbook, parseRunbook, serializeRunbook, type CellOrigin, type RunbookCell, type RunbookFile } from '../core/markdown';

export const NOTEBOOK_TYPE = 'runbook';

/** Keys under which the notebook keeps what it needs to write the file back. */
const CELL_KEY = 'runbook';
const FILE_KEY = 'runbook';

export class RunbookSerializer implements vscode.NotebookSerializer {
  constructor(private readonly maxBytes: () => number) {}

  deserializeNotebook(content: Uint8Array): vscode.NotebookData {
    const doc = parseRunbook(decodeRunbook(content, { maxBytes: this.maxBytes() }));
    const data = new vscode.NotebookData(doc.cells.map(toCellData));
    data.metadata = { [FILE_KEY]: doc.file };
    return data;
  }

  serializeNotebook(data: vscode.NotebookData): Uint8Array {
    const file = (data.metadata?.[FILE_KEY] as RunbookFile | undefined) ?? { bom: false, eol: '\n', length: -1 };
    return encodeRunbook(serializeRunbook({ file, cells: data.cells.map(fromCellData) }));
  }
}

function toCellData(cell: RunbookCell): vscode.NotebookCellData {
  const kind = cell.kind === 'code' ? vscode.NotebookCellKind.Code : vscode.NotebookCellKind.Markup;
  const data = new vscode.NotebookCellData(kind, cell.value, cell.language);
  if (cell.origin) data.metadata = { [CELL_KEY]: cell.origin };
  return data;
}

function fromCellData(data: vscode.NotebookCellData): RunbookCell {
  const origin = data.metadata?.[CELL_KEY] as CellOrigin | undefined;
  return {
    kind: data.kind === vscode.NotebookCellKind.Code ? 'code' : 'markdown',
    value: data.value,
    language: data.kind === vscode.NotebookCellKind.Code ? data.languageId : 'markdown',
    origin,
  };
}
