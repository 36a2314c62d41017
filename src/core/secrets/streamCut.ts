// Where a stream of output may be cut so that masking the part before the
// cut and the part after it, each on its own, gives what masking the whole
// would: never inside a line (patterns need the whole line), never inside a
// private-key block that has not ended yet, and never where a known secret
// that spans lines could still be starting.

import { PRIVATE_KEY_BEGIN, PRIVATE_KEY_BLOCK } from './patterns';

/** How much of `text` may go out now; the rest waits for more text or the end. */
export function safeCut(text: string, multilineForms: readonly string[]): number {
  let cut = text.lastIndexOf('\n') + 1;
  for (;;) {
    const earlier = Math.min(openBlockStart(text, cut), spanningFormStart(text, cut, multilineForms));
    if (earlier >= cut) return cut;
    cut = text.lastIndexOf('\n', earlier - 1) + 1;
  }
}

/** Where a private-key block begins before `cut` without ending before it; `cut` when none does. */
function openBlockStart(text: string, cut: number): number {
  const head = text.slice(0, cut);
  let after = 0;
  for (const m of head.matchAll(PRIVATE_KEY_BLOCK)) after = m.index! + m[0].length;
  PRIVATE_KEY_BEGIN.lastIndex = after;
  const open = PRIVATE_KEY_BEGIN.exec(head);
  PRIVATE_KEY_BEGIN.lastIndex = 0;
  return open ? open.index : cut;
}

/** Where a known multi-line secret that would run past `cut` could start; `cut` when none could. */
function spanningFormStart(text: string, cut: number, forms: readonly string[]): number {
  let earliest = cut;
  for (const form of forms) {
    for (let start = Math.max(0, cut - form.length + 1); start < cut && start < earliest; start++) {
      const seen = text.slice(start, start + form.length);
      if (form.startsWith(seen)) {
        earliest = start;
        break;
      }
    }
  }
  return earliest;
}
