// Loads the engine on the first cell run, so opening a runbook only pays for
// the notebook format.

import type * as vscode from 'vscode';
import type { CellRunner, StartExecution } from './controller';
import { loadEngine, type EngineModule } from './engine';

export class LazyRunner implements CellRunner {
  private runner?: CellRunner;

  constructor(private readonly create: (engine: EngineModule) => CellRunner) {}

  run(cells: vscode.NotebookCell[], notebook: vscode.NotebookDocument, start: StartExecution): Promise<void> {
    this.runner ??= this.create(loadEngine());
    return this.runner.run(cells, notebook, start);
  }
}
