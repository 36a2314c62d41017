import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeRunbook, encodeRunbook, parseRunbook, RunbookDecodeError, serializeRunbook } from '../../../src/core/markdown';

test('invalid UTF-8 is refused with the offset of the bad byte', () => {
  const bytes = new Uint8Array([0x23, 0x20, 0x41, 0xff, 0x42, 0x0a]);
  assert.throws(() => decodeRunbook(bytes, { name: 'ops.md' }), (error: unknown) => {
    assert.ok(error instanceof RunbookDecodeError);
    assert.equal(error.reason, 'encoding');
    assert.match(error.message, /ops\.md is not valid UTF-8 \(bad byte 0xff at offset 3\)/);
    assert.match(error.message, /open it with the text editor/);
    return true;
  });
});

test('a truncated multi-byte sequence is found too', () => {
  const bytes = new Uint8Array([0x61, 0x62, 0xe2, 0x82]);
  assert.throws(() => decodeRunbook(bytes), /bad byte 0xe2 at offset 2/);
});

test('binary data is refused', () => {
  const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]);
  assert.throws(() => decodeRunbook(bytes), /looks binary \(a NUL byte at offset 4\)/);
});

test('a file over the size limit is refused and the message names the setting', () => {
  const bytes = new Uint8Array(50 * 1024 * 1024).fill(0x61);
  assert.throws(() => decodeRunbook(bytes, { name: 'big.md' }), /big\.md is 50\.0 MB, over the 20\.0 MB limit.*runbook\.maxFileSizeMB/);
});

test('a BOM survives decode, parse, serialize and encode', () => {
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x23, 0x20, 0x41, 0x0d, 0x0a]);
  const text = decodeRunbook(bytes);
  assert.deepEqual(encodeRunbook(serializeRunbook(parseRunbook(text))), bytes);
});
