import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createFilter, fnmatch } from '../../../../src/core/tools/aws/s3/filters';
import { humanReadableSize } from '../../../../src/core/tools/aws/s3/format';
import { destinationOf, displayLocal, formatPaths, splitBucketKey } from '../../../../src/core/tools/aws/s3/paths';

describe('aws s3 filters', () => {
  it('matches as Python fnmatch: * crosses slashes, ? is one character, [!x] negates', () => {
    assert.ok(fnmatch('b/logs/2025/app.log', 'b/*.log'));
    assert.ok(fnmatch('b/a1', 'b/a?'));
    assert.ok(!fnmatch('b/a12', 'b/a?'));
    assert.ok(fnmatch('b/x', 'b/[!y]'));
    assert.ok(!fnmatch('b/y', 'b/[!y]'));
    assert.ok(fnmatch('b/[', 'b/['));
    assert.ok(fnmatch('b/a.b', 'b/a.b') && !fnmatch('b/axb', 'b/a.b'));
  });

  it('applies rules in order, the last match winning, rooted at the source', () => {
    const f = createFilter([{ type: 'exclude', pattern: '*' }, { type: 'include', pattern: '*.log' }, { type: 'exclude', pattern: 'old/*' }], 's3://b/logs/', 'out', true, '/w');
    assert.ok(f.includes('b/logs/app.log', 's3'));
    assert.ok(!f.includes('b/logs/app.txt', 's3'));
    assert.ok(!f.includes('b/logs/old/x.log', 's3'));
    const reversed = createFilter([{ type: 'include', pattern: '*.log' }, { type: 'exclude', pattern: '*' }], 's3://b/logs/', 'out', true, '/w');
    assert.ok(!reversed.includes('b/logs/app.log', 's3'));
  });

  it('roots local patterns at the absolute source folder, and at the destination too', () => {
    const f = createFilter([{ type: 'exclude', pattern: 'sub/*' }], 'data', 's3://b/x/', true, '/w');
    assert.ok(!f.includes('/w/data/sub/e.txt', 'local'));
    assert.ok(f.includes('/w/data/a.txt', 'local'));
    assert.ok(!f.includes('b/x/sub/e.txt', 's3'));
  });
});

describe('aws s3 paths', () => {
  it('splits bucket and key', () => {
    assert.deepEqual(splitBucketKey('s3://b/a/b.txt'), { bucket: 'b', key: 'a/b.txt' });
    assert.deepEqual(splitBucketKey('s3://b'), { bucket: 'b', key: '' });
  });

  it('prints local files relative to the working folder as aws-cli does', () => {
    assert.equal(displayLocal('/w/a.txt', '/w'), './a.txt');
    assert.equal(displayLocal('/w/d/a.txt', '/w'), 'd/a.txt');
    assert.equal(displayLocal('/v/a.txt', '/w'), '../v/a.txt');
    assert.equal(displayLocal('/w/d/', '/w'), 'd/');
  });

  it('maps sources to destinations and compare keys', () => {
    const dir = mkdtempSync(join(tmpdir(), 's3paths-'));
    try {
      mkdirSync(join(dir, 'out'));
      const up = formatPaths('data', 's3://b/pre', true, dir);
      assert.deepEqual(destinationOf(up, join(dir, 'data', 'sub', 'e.txt')), { dest: 'b/pre/sub/e.txt', compareKey: 'sub/e.txt' });
      const one = formatPaths('s3://b/k/file.txt', 'out', false, dir);
      assert.deepEqual(destinationOf(one, 'b/k/file.txt'), { dest: join(dir, 'out', 'file.txt'), compareKey: 'file.txt' });
      const renamed = formatPaths('s3://b/k/file.txt', 'new-name.txt', false, dir);
      assert.equal(destinationOf(renamed, 'b/k/file.txt').dest, join(dir, 'new-name.txt'));
      const toPrefix = formatPaths('x.txt', 's3://b/folder/', false, dir);
      assert.equal(destinationOf(toPrefix, join(dir, 'x.txt')).dest, 'b/folder/x.txt');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sizes like human_readable_size', () => {
    assert.equal(humanReadableSize(1), '1 Byte');
    assert.equal(humanReadableSize(70), '70 Bytes');
    assert.equal(humanReadableSize(1024), '1.0 KiB');
    assert.equal(humanReadableSize(1023 * 1024 + 1000), '1.0 MiB');
    assert.equal(humanReadableSize(1024 * 1024 * 5.25), '5.2 MiB');
    assert.equal(humanReadableSize(2560), '2.5 KiB');
    assert.equal(humanReadableSize(1024 ** 3 * 3 + 5), '3.0 GiB');
  });
});
