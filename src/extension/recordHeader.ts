// Whether an open notebook is an incident record: its front matter holds an
// `incident:` header.

import type * as vscode from 'vscode';
import { readHeader, type IncidentHeader } from '../core/records';
import { isFrontMatterCell } from './runbookCells';
import { NOTEBOOK_TYPE } from './serializer';

/** The record header in the notebook's front matter, undefined for a plain runbook. */
export function notebookRecordHeader(notebook: vscode.NotebookDocument): IncidentHeader | undefined {
  if (notebook.notebookType !== NOTEBOOK_TYPE || notebook.cellCount === 0) return undefined;
  const first = notebook.cellAt(0);
  return isFrontMatterCell(first.metadata) ? readHeader(first.document.getText()) : undefined;
}
