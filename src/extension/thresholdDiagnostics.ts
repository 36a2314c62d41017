// Problems in a runbook's threshold blocks (invalid YAML, unknown units or
// metrics) as diagnostics on the YAML cells, kept up to date while the
// runbook is edited. They are advice: nothing here stops a cell from running.

import * as vscode from 'vscode';
import type { ThresholdDiagnostic } from '../core/thresholds';
import { Disposable } from './disposable';
import type { NotebookRunbooks } from './notebookRunbooks';
import { NOTEBOOK_TYPE } from './serializer';

/** Reading waits this long after opening or typing, so it never competes with the editor. */
const DEBOUNCE_MS = 300;

export class ThresholdDiagnostics extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('runbook-thresholds'));
  /** notebook URI → cell document URIs that have diagnostics now */
  private readonly published = new Map<string, vscode.Uri[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly runbooks: NotebookRunbooks) {
    super();
    this.register(vscode.workspace.onDidOpenNotebookDocument((notebook) => this.schedule(notebook)));
    this.register(
      vscode.workspace.onDidChangeNotebookDocument((event) => {
        if (event.contentChanges.length || event.cellChanges.some((change) => change.document || change.metadata)) this.schedule(event.notebook);
      }),
    );
    this.register(vscode.workspace.onDidCloseNotebookDocument((notebook) => this.clear(notebook.uri.toString())));
    this.register({ dispose: () => this.timers.forEach((timer) => clearTimeout(timer)) });
    for (const notebook of vscode.workspace.notebookDocuments) this.schedule(notebook);
  }

  private schedule(notebook: vscode.NotebookDocument): void {
    if (notebook.notebookType !== NOTEBOOK_TYPE) return;
    const key = notebook.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!notebook.isClosed) this.update(notebook);
      }, DEBOUNCE_MS),
    );
  }

  /** Reads the notebook's thresholds now and replaces its diagnostics. */
  update(notebook: vscode.NotebookDocument): void {
    const key = notebook.uri.toString();
    const { diagnostics } = this.runbooks.get(notebook).thresholds;
    const byCell = new Map<string, { uri: vscode.Uri; items: vscode.Diagnostic[] }>();
    for (const problem of diagnostics) {
      if (problem.cellIndex < 0 || problem.cellIndex >= notebook.cellCount) continue;
      const cell = notebook.cellAt(problem.cellIndex);
      const entry = byCell.get(cell.document.uri.toString()) ?? { uri: cell.document.uri, items: [] };
      entry.items.push(toDiagnostic(problem, cell.document));
      byCell.set(cell.document.uri.toString(), entry);
    }
    for (const uri of this.published.get(key) ?? []) if (!byCell.has(uri.toString())) this.collection.delete(uri);
    for (const { uri, items } of byCell.values()) this.collection.set(uri, items);
    this.published.set(key, [...byCell.values()].map((e) => e.uri));
  }

  private clear(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    for (const uri of this.published.get(key) ?? []) this.collection.delete(uri);
    this.published.delete(key);
  }

  /** The diagnostics of one cell (for the extension's own tests). */
  get(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.collection.get(uri) ?? [];
  }
}

function toDiagnostic(problem: ThresholdDiagnostic, document: vscode.TextDocument): vscode.Diagnostic {
  const start = document.validatePosition(new vscode.Position(problem.line, problem.column));
  const end = document.validatePosition(new vscode.Position(problem.endLine, problem.endColumn));
  const range = end.isAfter(start) ? new vscode.Range(start, end) : document.lineAt(start.line).range;
  const severity = problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  const diagnostic = new vscode.Diagnostic(range, problem.message, severity);
  diagnostic.source = 'runbook thresholds';
  return diagnostic;
}
