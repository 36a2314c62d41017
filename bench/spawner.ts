// Runs the real CLIs for a benchmark from a process of their own.
//
// Spawning forks the process that spawns: every page of it is shared
// copy-on-write with the child until the child execs, and the next writes to
// those pages fault. Spawned from the benchmark's own process, the real CLI
// would leave that bill to the in-process measurement that follows it (20-odd
// page faults, ~0.6 ms here), which an extension that never spawns does not
// pay. So the CLI runs from this small helper (spawnerProcess.cjs), which
// times spawnSync itself.
// The helper's heap is smaller than an editor's, so its forks are, if
// anything, cheaper than an extension's would be: the ratios err low.

import { fork } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './root';

export interface SpawnedRun {
  ms: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

interface Request {
  id: number;
  program: string;
  args: string[];
}

export interface Spawner {
  /** Runs argv without a shell; resolves with its time as measured in the helper. */
  run(argv: readonly string[]): Promise<SpawnedRun>;
  stop(): void;
}

/** Starts the helper with `env` as the environment every CLI gets. */
export function startSpawner(env: Record<string, string | undefined>): Spawner {
  const child = fork(join(ROOT, 'bench', 'spawnerProcess.cjs'), [], { env, execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<number, (run: SpawnedRun) => void>();
  child.on('message', (message: SpawnedRun & { id: number }) => {
    waiting.get(message.id)?.(message);
    waiting.delete(message.id);
  });
  let next = 0;
  return {
    run: ([program, ...args]) =>
      new Promise((resolve) => {
        const id = next++;
        waiting.set(id, resolve);
        child.send({ id, program: program!, args } satisfies Request);
      }),
    stop: () => child.disconnect(),
  };
}
