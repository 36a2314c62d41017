// Inline commands live in the prose, so a runbook that has them opens and
// saves byte for byte like any other: the corpus files that hold them, and
// one written here with them in lists, quotes, tables and wrapped lines.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { test } from 'node:test';
import { findInlineCommands } from '../../../src/core/inline';
import { decodeRunbook, encodeRunbook, parseRunbook, serializeRunbook } from '../../../src/core/markdown';
import { corpusFiles, sharedMissing } from '../../support/shared';

function roundTrips(bytes: Buffer): boolean {
  return Buffer.compare(Buffer.from(encodeRunbook(serializeRunbook(parseRunbook(decodeRunbook(bytes))))), bytes) === 0;
}

test('a runbook with inline commands round-trips byte for byte', () => {
  const text = [
    '\uFEFF---', 'owner: sre', '---', '# Pods', '',
    '1. Check `kubectl -n $NAMESPACE describe pod $POD`,', '   then `kubectl logs', '   <pod>`.', '',
    '   ```bash', '   kubectl get pods', '   ```', '',
    '> Quoted: `oc get pods -A`', '',
    '| step | command |', '|---|---|', '| 1 | `aws s3 ls` |',
  ].join('\r\n');
  const bytes = Buffer.from(text, 'utf8');
  assert.deepEqual(findInlineCommands(text).map((c) => [c.line, c.command]), [[6, 'kubectl -n $NAMESPACE describe pod $POD'], [7, 'kubectl logs <pod>'], [14, 'oc get pods -A'], [18, 'aws s3 ls']]);
  assert.ok(roundTrips(bytes));
});

test('every corpus file with inline commands round-trips byte for byte', { skip: sharedMissing() }, () => {
  const withInline = corpusFiles().filter((file) => findInlineCommands(readFileSync(file, 'utf8')).length > 0);
  assert.ok(withInline.length >= 13, `${withInline.length} corpus files have inline commands`);
  for (const file of withInline) assert.ok(roundTrips(readFileSync(file)), `${basename(file)} differs after a round trip`);
});
