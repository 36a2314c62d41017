import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoTime } from '../../../src/core/util/isoTime';

test('isoTime is toISOString, also when the same millisecond comes again or an earlier one follows', () => {
  for (const ms of [0, 1_764_320_000_123, 1_764_320_000_123, 1_764_320_000_124, 1_000, Date.UTC(2026, 10, 28, 23, 59, 59, 999)]) {
    assert.equal(isoTime(ms), new Date(ms).toISOString());
  }
});
