// --request-timeout as kubectl checks it when it builds its client: a whole
// number of seconds, or a Go duration (`30s`, `2m`).

import { flagString, KubectlUsageError, type ParsedArgs } from './args';
import { DurationSyntaxError, parseGoDuration } from './durations';

const INVALID =
  'error: Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)';

/** Throws kubectl's error for a --request-timeout value it cannot read. */
export function checkRequestTimeout(args: ParsedArgs): void {
  const value = flagString(args, 'request-timeout');
  if (value === undefined || /^\+?\d+$/.test(value)) return;
  try {
    parseGoDuration(value);
  } catch (error) {
    if (!(error instanceof DurationSyntaxError)) throw error;
    throw new KubectlUsageError(INVALID);
  }
}
