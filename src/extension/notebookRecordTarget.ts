// An open incident record as the recorder writes it: the front matter cell,
// the timeline cell (added at the end when missing) and each code cell's runs
// in its metadata, changed in one workspace edit; sidecar files next to the
// record; then the notebook saved, so the file on disk is the record.

import * as vscode from 'vscode';
import { isTimeline, recordCell, type RecordCell, type RecordTarget, type RecordWrite } from '../core/records';
import { isFrontMatterCell } from './runbookCells';
import { fromCellData, notebookFile, withRuns } from './serializer';

/** Where the run of an inline command goes: after its paragraph in a Markdown cell (see core/inline runAnchor). */
export interface InlineRunPlace {
  /** The Markdown cell's index. */
  cell: number;
  /** The container prefix runs take in the cell's text, undefined when the span's paragraph is gone (core/inline, with the engine). */
  prefix(cellText: string): string | undefined;
  /** The cell's text with a run block written after the paragraph and its earlier runs. */
  insert(cellText: string, block: string): string;
}

export class NotebookRecordTarget implements RecordTarget {
  /** Writes apply in the order the recorder made them: each one holds the whole timeline so far. */
  private writing: Promise<void> = Promise.resolve();
  /** Runs of inline commands: the runner's index for the command, and where its run goes. */
  private readonly inline = new Map<number, InlineRunPlace>();

  constructor(private readonly notebook: vscode.NotebookDocument) {}

  frontMatter(): string {
    return this.frontMatterCell()?.document.getText() ?? '';
  }

  timeline(): string | undefined {
    return this.timelineCell()?.document.getText();
  }

  /** The run of the command the runner knows by `index` goes after the paragraph at that place, until `forget`. */
  placeInline(index: number, place: InlineRunPlace): void {
    this.inline.set(index, place);
  }

  forget(index: number): void {
    this.inline.delete(index);
  }

  stepCell(index: number): number | undefined {
    const place = this.inline.get(index);
    // The step of the cell right after the paragraph's: the heading and the list item above the paragraph.
    return place ? place.cell + 1 : undefined;
  }

  cell(index: number): RecordCell | undefined {
    const place = this.inline.get(index);
    if (place) {
      const prefix = place.prefix(this.notebook.cellAt(place.cell).document.getText());
      // The cell's text has \n line endings; the serializer writes the file's own.
      return prefix === undefined ? undefined : { prefix, eol: '\n', runs: '', endsWithEol: true, closed: true };
    }
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
    const place = change.runs && this.inline.get(change.runs.cellIndex);
    if (change.runs && place) {
      const prose = notebook.cellAt(place.cell).document;
      replaceText(edit, prose, place.insert(prose.getText(), change.runs.text));
    } else if (change.runs) {
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

