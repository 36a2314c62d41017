// VS Code adapter for the lossless runbook format in core/markdown. It only
// converts shapes: every decision about bytes is made in core. A code cell of
// an incident record keeps its recorded runs in its metadata (the file is
// written from there, never from outputs) and opens with its latest run back
// as its outputs and execution summary.

import * as vscode from 'vscode';
import { decodeRunbook, encodeRunbook, parseRunbook, serializeRunbook, type CellOrigin, type RunbookCell, type RunbookFile } from '../core/markdown';
import { latestRecordedRun } from '../core/records';
import { resultOutputs } from './resultOutputs';

export const NOTEBOOK_TYPE = 'runbook';

/** Keys under which the notebook keeps what it needs to write the file back. */
const CELL_KEY = 'runbook';
const RUNS_KEY = 'runbookRuns';
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
    return encodeRunbook(serializeRunbook({ file: notebookFile(data.metadata), cells: data.cells.map(fromCellData) }));
  }
}

/** The file facts (BOM, line ending) the notebook was opened with. */
export function notebookFile(metadata: { readonly [key: string]: unknown } | undefined): RunbookFile {
  return (metadata?.[FILE_KEY] as RunbookFile | undefined) ?? { bom: false, eol: '\n', length: -1 };
}

/** A notebook cell (or cell data) as the core cell it stands for. */
export function fromCellData(data: Pick<vscode.NotebookCellData, 'kind' | 'value' | 'languageId' | 'metadata'>): RunbookCell {
  const origin = data.metadata?.[CELL_KEY] as CellOrigin | undefined;
  const runs = data.metadata?.[RUNS_KEY] as string | undefined;
  return {
    kind: data.kind === vscode.NotebookCellKind.Code ? 'code' : 'markdown',
    value: data.value,
    language: data.kind === vscode.NotebookCellKind.Code ? data.languageId : 'markdown',
    origin,
    ...(runs !== undefined ? { runs } : {}),
  };
}

/** Cell metadata with the record's runs of the cell replaced. */
export function withRuns(metadata: { readonly [key: string]: unknown }, runs: string): { [key: string]: unknown } {
  return { ...metadata, [RUNS_KEY]: runs };
}

function toCellData(cell: RunbookCell): vscode.NotebookCellData {
  const kind = cell.kind === 'code' ? vscode.NotebookCellKind.Code : vscode.NotebookCellKind.Markup;
  const data = new vscode.NotebookCellData(kind, cell.value, cell.language);
  if (cell.origin || cell.runs !== undefined) data.metadata = { ...(cell.origin ? { [CELL_KEY]: cell.origin } : {}), ...(cell.runs !== undefined ? { [RUNS_KEY]: cell.runs } : {}) };
  const latest = latestRecordedRun(cell);
  if (latest) {
    data.outputs = resultOutputs(latest.result);
    data.executionSummary = { success: latest.success, timing: { startTime: latest.startTime, endTime: latest.endTime } };
  }
  return data;
}
