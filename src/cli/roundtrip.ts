// `runbook roundtrip FILE...`: prove that opening and saving changes nothing.

import { readFileSync } from 'node:fs';
import { roundTrip } from '../core/markdown';

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/** Exit code: 0 all identical, 1 some file differs, 2 some file could not be checked. */
export function roundtripCommand(files: readonly string[], io: Output): number {
  let code = 0;
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      io.err(`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      code = 2;
      continue;
    }
    try {
      const result = roundTrip(bytes, file);
      if (result.identical) io.out(`${file}: identical`);
      else {
        io.out(`${file}: differs at byte ${result.differsAt}`);
        code = Math.max(code, 1);
      }
    } catch (error) {
      io.err(`${file}: ${(error as Error).message}`);
      code = 2;
    }
  }
  return code;
}
