// Loads the engine on the first cell run, so opening a runbook only pays for
// the notebook format.

import { join } from 'node:path';
import type * as vscode from 'vscode';
import type { CellRunner, StartExecution } from './controller';

type EngineModule = typeof import('./engineBundle');

export class LazyRunner implements CellRunner {
  private runner?: CellRunner;

  constructor(private readonly create: (engine: EngineModule) => CellRunner) {}

  run(cells: vscode.NotebookCell[], notebook: vscode.NotebookDocument, start: StartExecution): Promise<void> {
    this.runner ??= this.create(loadEngine());
    return this.runner.run(cells, notebook, start);
  }
}

function loadEngine(): EngineModule {
  // A computed path keeps the bundler from inlining the engine into extension.js.
  const load = (path: string): unknown => require(path);
  return load(join(__dirname, 'engine.js')) as EngineModule;
}
