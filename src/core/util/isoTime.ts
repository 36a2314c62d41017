// Epoch milliseconds as an ISO 8601 UTC string, remembering the last one: a
// cell and its first command usually start in the same millisecond, and the
// engine converts a command's start while the command is still in flight.

let lastMs = NaN;
let lastText = '';

export function isoTime(ms: number): string {
  if (ms !== lastMs) {
    lastText = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastText;
}
