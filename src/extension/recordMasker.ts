// What an incident record masks before it writes: the secrets of the
// notebook's session as it is when the record is written.

import type { TextMasker } from '../core/records';
import type { Session } from '../core/session';

export function recordMasker(session: () => Session): TextMasker {
  return { mask: (text) => session().masker.mask(text), maskDeep: (value) => session().masker.maskDeep(value) };
}
