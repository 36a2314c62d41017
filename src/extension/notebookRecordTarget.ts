// An open incident record as the recorder writes it: the front matter cell,
// the timeline cell (added at the end when missing) and each code cell's runs
// in its metadata, changed in one workspace edit; sidecar files next to the
// record; then the notebook saved, so the file on disk is the record.

import * as vscode from 'vscode';
import { isTimeline, recordCell, type RecordCell, type RecordTarget, type RecordWrite } from '../core/records';
import { isFrontMatterCell } from './runbookCells';
import { fromCellData, notebookFile, withRuns } from './serializer';

export class NotebookRecordTarget implements RecordTarget {
  /** Writes apply in the order the recorder made them: each one holds the whole timeline so far. */
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly notebook: vscode.NotebookDocument) {}

  frontMatter(): string {
    return this.frontMatterCell()?.document.getText() ?? '';
  }

  timeline(): string | undefined {
    return this.timelineCell()?.document.getText();
  }

  cell(index: number): RecordCell | undefined {
    if (index < 0 || index >= this.notebook.cellCount) return undefined;
    const cell = this.notebook.cellAt(index);
    const data = { kind: cell.kind, value: cell.document.getText(), languageId: cell.document.languageId, metadata: cell.metadata };
    return recordCell(fromCellData(data), notebookFile(this.notebook.metadata).eol);
  }

  write(change: RecordWrite): Promise<void> {
    const next = this.writing.then(() => this.apply(change));
    this.writing = next.catch(() => undefined);
    return next;
  }

  private async apply(change: RecordWrite): Promise<void> {
    const { notebook } = this;
    if (notebook.isClosed) throw new Error(`${notebook.uri.fsPath} was closed before the run could be written to it`);
    const edit = new vscode.WorkspaceEdit();
    const cellEdits: vscode.NotebookEdit[] = [];
    if (change.runs) {
      const cell = notebook.cellAt(change.runs.cellIndex);
      cellEdits.push(vscode.NotebookEdit.updateCellMetadata(cell.index, withRuns(cell.metadata, change.runs.text)));
    }
    const front = this.frontMatterCell();
    if (front) replaceText(edit, front.document, change.frontMatter);
    const timeline = this.timelineCell();
    if (timeline) replaceText(edit, timeline.document, change.timeline);
    else cellEdits.push(vscode.NotebookEdit.insertCells(notebook.cellCount, [new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, change.timeline, 'markdown')]));
    if (cellEdits.length) edit.set(notebook.uri, cellEdits);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`the run could not be added to ${notebook.uri.fsPath}`);
    for (const sidecar of change.sidecars) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(notebook.uri, '..', sidecar.name), new TextEncoder().encode(sidecar.text));
    if (!(await notebook.save())) throw new Error(`${notebook.uri.fsPath} could not be saved`);
  }

  private frontMatterCell(): vscode.NotebookCell | undefined {
    const first = this.notebook.cellCount > 0 ? this.notebook.cellAt(0) : undefined;
    return first && isFrontMatterCell(first.metadata) ? first : undefined;
  }

  private timelineCell(): vscode.NotebookCell | undefined {
    return this.notebook.getCells().find((c) => c.kind === vscode.NotebookCellKind.Markup && isTimeline(c.document.getText()));
  }
}

function replaceText(edit: vscode.WorkspaceEdit, document: vscode.TextDocument, text: string): void {
  if (document.getText() === text) return;
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
}
