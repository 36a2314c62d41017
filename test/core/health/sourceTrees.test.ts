// The roots over several sources (the buckets, the URLs): a folded root
// never reads ok while one of its sources could not be read, and a warning
// or critical below it still shows as such.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { s3Root } from '../../../src/core/health/sourceTrees';
import type { S3BucketSnapshot, SourceReading } from '../../../src/core/health/sources';

const at = '2026-12-07T10:00:00.000Z';
const read = (bucket: string): SourceReading<S3BucketSnapshot> => ({ state: { status: 'ok' }, snapshot: { bucket, objects: 3, bytes: 2048, truncated: false }, lastUpdate: at, checkedAt: at });
const down: SourceReading<S3BucketSnapshot> = { state: { status: 'unreachable', error: 'Could not connect', hint: 'Check AWS_ENDPOINT_URL' }, checkedAt: at };

test('a bucket root is ok when every bucket was read, and unreachable when one could not be', () => {
  const ok = s3Root([{ bucket: 'a', reading: read('a') }, { bucket: 'b', reading: read('b') }]);
  assert.equal(ok.level, 'ok');
  const part = s3Root([{ bucket: 'a', reading: read('a') }, { bucket: 'b', reading: down }]);
  assert.equal(part.level, 'unreachable');
  assert.deepEqual(part.children?.map((c) => c.level), ['ok', 'unreachable']);
  assert.match(part.children?.[1].detail ?? '', /Could not connect\nCheck AWS_ENDPOINT_URL/);
});

test('a bucket not read yet leaves its root not unreachable', () => {
  const root = s3Root([{ bucket: 'a', reading: undefined }]);
  assert.notEqual(root.level, 'unreachable');
  assert.equal(root.children?.[0].level, 'not-measured');
});
