// Where a session keeps the whole text of its large outputs: a temporary
// folder made on first use and removed, with every file in it, when the
// session ends (the notebook closes, the CLI command exits).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stateKey, type Session } from '../session';

/** Every spool folder's name starts so: the editor opens full outputs only from such a folder. */
export const SPOOL_PREFIX = 'runbook-output-';

export class SpoolDirectory {
  private path: string | undefined;
  private count = 0;

  /** A new file's path for one stream of one run (the folder is made on the first). */
  newFile(stream: string): string {
    this.path ??= mkdtempSync(join(tmpdir(), SPOOL_PREFIX));
    return join(this.path, `output-${++this.count}.${stream}.txt`);
  }

  dispose(): void {
    if (this.path) rmSync(this.path, { recursive: true, force: true });
    this.path = undefined;
  }
}

const SPOOL_DIRECTORY = stateKey<SpoolDirectory>('output spool directory');

/** The session's spool folder, removed with the session. */
export function spoolDirectoryOf(session: Session): SpoolDirectory {
  return session.state(SPOOL_DIRECTORY, () => new SpoolDirectory());
}
