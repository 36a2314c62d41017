// The incident record commands: start a record from the runbook in front,
// add a note to the record in front, end it, export it as HTML. The context key
// `runbook.isIncidentRecord` tells the notebook toolbar which to offer.

import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { decodeRunbook, encodeRunbook } from '../core/markdown';
import { DEFAULT_RECORDS_FOLDER, recordName, type RecordStatus } from '../core/records';
import { Disposable } from './disposable';
import { loadEngine } from './engine';
import type { Log } from './log';
import type { NotebookRecords } from './notebookRecords';
import { notebookRecordHeader } from './recordHeader';
import { NOTEBOOK_TYPE } from './serializer';

const CONTEXT_KEY = 'runbook.isIncidentRecord';

type EndStatus = Exclude<RecordStatus, 'open'>;

const END_CHOICES: (vscode.QuickPickItem & { status: EndStatus })[] = [
  { label: 'Resolved', description: 'the incident is over', status: 'resolved' },
  { label: 'Abandoned', description: 'the record is closed without a resolution', status: 'abandoned' },
];

export class RecordCommands extends Disposable {
  constructor(
    private readonly records: NotebookRecords,
    private readonly log: Log,
    private readonly maxBytes: () => number,
  ) {
    super();
    this.register(vscode.commands.registerCommand('runbook.startRecord', () => this.start()));
    this.register(vscode.commands.registerCommand('runbook.addNote', (text?: string) => this.note(text)));
    this.register(vscode.commands.registerCommand('runbook.endRecord', (status?: EndStatus) => this.end(status)));
    this.register(vscode.commands.registerCommand('runbook.exportRecordHtml', (target?: vscode.Uri) => this.exportHtml(target)));
    this.register(vscode.window.onDidChangeActiveNotebookEditor(() => this.updateContext()));
    this.register(
      vscode.workspace.onDidChangeNotebookDocument((event) => {
        if (event.notebook === this.activeNotebook() && (event.contentChanges.length || event.cellChanges.some((c) => c.cell.index === 0 && c.document))) this.updateContext();
      }),
    );
    this.updateContext();
  }

  private activeNotebook(): vscode.NotebookDocument | undefined {
    const notebook = vscode.window.activeNotebookEditor?.notebook;
    return notebook?.notebookType === NOTEBOOK_TYPE ? notebook : undefined;
  }

  private updateContext(): void {
    const notebook = this.activeNotebook();
    void vscode.commands.executeCommand('setContext', CONTEXT_KEY, notebook !== undefined && notebookRecordHeader(notebook) !== undefined);
  }

  /** Starts a record of the runbook in front and opens it; resolves to the record's URI. */
  private async start(): Promise<vscode.Uri | undefined> {
    const notebook = this.activeNotebook();
    if (!notebook) return inform('Open a runbook notebook to start an incident record from it.');
    const header = notebookRecordHeader(notebook);
    if (header) return inform(`This notebook is already an incident record (${header.id}), started from ${header.runbook.path}. Start a new record from that runbook.`);
    if (notebook.isUntitled || notebook.uri.scheme !== 'file') return inform('Save the runbook to a file first: a record names the runbook it was started from.');
    if (notebook.isDirty) return inform('The runbook has unsaved changes. Save it first: a record starts from the runbook as it is on disk.');
    try {
      const runbookPath = notebook.uri.fsPath;
      const text = decodeRunbook(await vscode.workspace.fs.readFile(notebook.uri), { maxBytes: this.maxBytes() });
      const folder = vscode.workspace.getConfiguration('runbook.records', notebook.uri).get<string>('folder') || DEFAULT_RECORDS_FOLDER;
      const now = new Date();
      const { newRecordPath, operatorName, startRecord } = loadEngine();
      const recordPath = newRecordPath(runbookPath, now, folder);
      const record = startRecord(runbookPath, text, recordPath, operatorName(dirname(runbookPath)), now);
      const uri = vscode.Uri.file(record.path);
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
      await vscode.workspace.fs.writeFile(uri, encodeRunbook(record.text));
      this.log.info(`incident record started: ${record.path}`);
      await vscode.commands.executeCommand('vscode.openWith', uri, NOTEBOOK_TYPE);
      return uri;
    } catch (error) {
      void vscode.window.showErrorMessage(`Runbook: could not start an incident record: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** Adds a timestamped note to the record in front (asks for the text when not given). */
  private async note(given?: string): Promise<void> {
    const notebook = this.activeNotebook();
    const recorder = notebook && this.records.get(notebook);
    if (!notebook || !recorder) return inform('Notes go into an incident record: start one from the runbook first (Runbook: Start Incident Record).');
    const text = typeof given === 'string' ? given : await vscode.window.showInputBox({ title: 'Add Note to Incident Record', prompt: 'A line for the timeline, with the time and your name', ignoreFocusOut: true });
    if (!text?.trim()) return;
    await recorder.note(text).catch((error) => this.records.failed(notebook, error));
  }

  /** Ends the record in front as resolved or abandoned (asks which when not given). */
  private async end(given?: EndStatus): Promise<void> {
    const notebook = this.activeNotebook();
    const recorder = notebook && this.records.get(notebook);
    if (!notebook || !recorder) return inform('This notebook is not an incident record.');
    if (recorder.status !== 'open') return inform(`This incident record has already ended (${recorder.status}).`);
    const status = END_CHOICES.some((c) => c.status === given) ? given : (await vscode.window.showQuickPick(END_CHOICES, { title: 'End Incident Record', placeHolder: 'How did the incident end?' }))?.status;
    if (!status) return;
    await recorder.end(status).catch((error) => this.records.failed(notebook, error));
  }

  /**
   * Writes the record in front (as saved) to one HTML file, next to it unless a target is given or chosen;
   * resolves to where it was written.
   */
  private async exportHtml(given?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const notebook = this.activeNotebook();
    if (!notebook || !notebookRecordHeader(notebook)) return inform('Export to HTML works on an incident record: start one from the runbook first (Runbook: Start Incident Record).');
    if (notebook.isDirty) await notebook.save();
    const suggested = vscode.Uri.joinPath(notebook.uri, '..', `${recordName(notebook.uri.path)}.html`);
    const target = given ?? (await vscode.window.showSaveDialog({ defaultUri: suggested, filters: { HTML: ['html'] }, title: 'Export Incident Record as HTML' }));
    if (!target) return undefined;
    try {
      const text = decodeRunbook(await vscode.workspace.fs.readFile(notebook.uri), { maxBytes: this.maxBytes() });
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(loadEngine().exportRecordHtml(text)));
      this.log.info(`incident record exported: ${target.fsPath}`);
      return target;
    } catch (error) {
      void vscode.window.showErrorMessage(`Runbook: could not export the incident record: ${(error as Error).message}`);
      return undefined;
    }
  }
}

function inform(message: string): undefined {
  void vscode.window.showInformationMessage(`Runbook: ${message}`);
  return undefined;
}
