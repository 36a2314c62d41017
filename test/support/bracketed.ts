// Comparing ours with the real CLI on a state that changes only with the
// clock, such as the ages kubectl prints (`5s`, `4m30s`, `47h`): the real CLI
// runs just before ours and again just after. An age ours printed lies
// between the two it printed, so ours must equal one of the two byte for
// byte, columns and all. When the two real outputs are the same, nothing
// moved and a difference is a real one; when they differ and ours matches
// neither (an age crossed a boundary on each side), all three run again.
import type { Captured } from './engine';

export interface Bracketed {
  ours: Captured;
  /** The real output ours matched, or the one before ours when none matched. */
  theirs: Captured;
  same: boolean;
}

const identical = (a: Captured, b: Captured) => a.stdout === b.stdout && a.stderr === b.stderr && a.exitCode === b.exitCode;

/** `view` is applied to every output first (for what differs by nature other than time, such as a random order). */
export async function bracketed(
  ours: () => Promise<Captured>,
  real: () => Promise<Captured>,
  view: (c: Captured) => Captured = (c) => c,
): Promise<Bracketed> {
  let outcome: Bracketed | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = view(await real());
    const mine = view(await ours());
    if (identical(mine, before)) return { ours: mine, theirs: before, same: true };
    const after = view(await real());
    if (identical(mine, after)) return { ours: mine, theirs: after, same: true };
    outcome = { ours: mine, theirs: before, same: false };
    if (identical(before, after)) break;
  }
  return outcome!;
}
