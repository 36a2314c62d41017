// The engine bundle (dist/engine.js), loaded on first use: the first cell
// run, or the first record started, written or exported. Opening a runbook
// only pays for the notebook format.

import { join } from 'node:path';

export type EngineModule = typeof import('./engineBundle');

let engine: EngineModule | undefined;

export function loadEngine(): EngineModule {
  // A computed path keeps the bundler from inlining the engine into extension.js.
  const load = (path: string): unknown => require(path);
  engine ??= load(join(__dirname, 'engine.js')) as EngineModule;
  return engine;
}
