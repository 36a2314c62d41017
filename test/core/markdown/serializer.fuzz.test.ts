// Fuzzing the Markdown serializer: any valid UTF-8 text, built line by line
// from arbitrary characters mixed with the lines the parser cares about
// (fences of both kinds and any indentation, front matter, recorded runs and
// the timeline of an incident record, containers), with CR, LF and CRLF
// mixed, serializes back to exactly the text it was parsed from.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseRunbook, RunbookDecodeError, roundTrip, serializeRunbook } from '../../../src/core/markdown';
import { fuzz } from '../../support/fuzzRuns';

const anyChars = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ maxLength: 12 }));
const indent = fc.constantFrom('', '', ' ', '  ', '   ', '    ', '\t', '> ', '>', '> > ', '- ', '1. ', '   - ', ' \t ');
const marker = fc.constantFrom(
  '```', '````', '~~~', '~~~~~', '``', '```bash', '```sh {"name":"x"}', '~~~ yaml', '```sql', '```console', '``` `x`', '```json',
  '---', '...', '***', 'title: x', 'thresholds:', '  cpu: {warning: 70%}',
  '<!-- runbook:run eyJ4IjoxfQ== -->', '<!-- runbook:run x -->', '<!-- /runbook:run -->', '**Run 1** · ✅ **ok**',
  '<!-- runbook:timeline', '<!-- /runbook:timeline -->', '-->', '<details>', '</details>', '<div>', '</div>',
  '# Heading', '### Database', '| a | b |', '\uFEFF', '',
);
const line = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(indent, marker, fc.constantFrom('', '', ' ', '\t', '  ')).map(([i, m, t]) => i + m + t) },
  { weight: 2, arbitrary: fc.tuple(indent, anyChars).map(([i, s]) => i + s) },
  { weight: 1, arbitrary: fc.tuple(indent, marker, anyChars).map(([i, m, s]) => i + m + s) },
);
const ending = fc.constantFrom('\n', '\n', '\r\n', '\r');
const text = fc
  .tuple(fc.boolean(), fc.array(fc.tuple(line, ending), { maxLength: 30 }), fc.boolean())
  .map(([bom, lines, finalEnding]) => {
    const body = lines.map(([l, e]) => l + e).join('');
    return (bom ? '\uFEFF' : '') + (finalEnding ? body : body.replace(/(\r\n|\r|\n)$/, ''));
  });

test('any valid UTF-8 runbook text serializes back byte for byte', (t) => {
  fuzz(t, 6_000, fc.property(text, (source) => {
    assert.equal(serializeRunbook(parseRunbook(source)), source);
  }));
});

test('any string of arbitrary characters and line breaks serializes back byte for byte', (t) => {
  const raw = fc.array(fc.oneof(anyChars, fc.constantFrom('\n', '\r', '\r\n', '```', '~~~', '---', '<!-- runbook:run ', '<!-- /runbook:run -->', '> ')), { maxLength: 30 }).map((p) => p.join(''));
  fuzz(t, 4_000, fc.property(raw, (source) => {
    assert.equal(serializeRunbook(parseRunbook(source)), source);
  }));
});

test('the same texts as UTF-8 bytes open and save back to the same bytes', (t) => {
  fuzz(t, 3_000, fc.property(text, (source) => {
    const bytes = new TextEncoder().encode(source);
    try {
      assert.deepEqual(roundTrip(bytes), { identical: true });
    } catch (e) {
      // Only a NUL byte keeps valid UTF-8 from opening: it is refused as binary, with a message.
      assert.ok(e instanceof RunbookDecodeError && e.reason === 'binary' && source.includes('\0'), String(e));
    }
  }));
});

test('any bytes open and save back unchanged, or are refused with a reason', (t) => {
  const bytes = fc.oneof(fc.uint8Array({ maxLength: 60 }), text.map((s) => new TextEncoder().encode(s)), fc.tuple(text, fc.uint8Array({ maxLength: 4 }), text).map(([a, junk, b]) => new Uint8Array([...new TextEncoder().encode(a), ...junk, ...new TextEncoder().encode(b)])));
  fuzz(t, 3_000, fc.property(bytes, (input) => {
    try {
      assert.deepEqual(roundTrip(input), { identical: true });
    } catch (e) {
      assert.ok(e instanceof RunbookDecodeError && e.message.length > 0, String(e));
    }
  }));
});
