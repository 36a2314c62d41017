// The round-trip check behind `runbook roundtrip` and the tests: open the
// bytes as a notebook, save it unchanged, compare.

import { decodeRunbook, encodeRunbook } from './decode';
import { parseRunbook } from './parse';
import { serializeRunbook } from './serialize';

export type RoundTripResult = { identical: true } | { identical: false; differsAt: number };

export function roundTrip(bytes: Uint8Array, name?: string): RoundTripResult {
  const out = encodeRunbook(serializeRunbook(parseRunbook(decodeRunbook(bytes, { name, maxBytes: Infinity }))));
  const differsAt = firstDifference(bytes, out);
  return differsAt < 0 ? { identical: true } : { identical: false, differsAt };
}

export function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}
