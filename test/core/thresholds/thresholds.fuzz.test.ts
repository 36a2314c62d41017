// Fuzzing the threshold reader: any YAML-ish text in a threshold cell, and in
// the front matter that binds groups, gives diagnostics that point inside
// their cell, never an exception.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseBound, parseDuration, readThresholds, type ThresholdSourceCell } from '../../../src/core/thresholds';
import { fuzz } from '../../support/fuzzRuns';

const key = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('cpu', 'memory', 'restarts', 'requests', 'connections', 'storage', 'hits', 'latency', 'errors', 'warning', 'critical', 'duration', 'for', 'apiVersion', 'kind', '"cpu"', '? cpu', '<<', '-') },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const value = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('', '70%', '85 %', '<70%', '>=3', '> 0.5', '5m', '1h30m', '0s', '-1', '1e400', '.inf', '-.inf', '.nan', '~', 'null', 'true', '0x1f', '100Mi', '2Gi', '1.5/sec', '250ms', '[1, 2]', '{warning: 70%}', '{warning: , critical: x}', '&a 5', '*a', '*missing', '!!binary aGk=', '!!timestamp 2026-12-07', '!foo bar', '"70%"', "'<5'", '|\n  70%', '>-\n  5m', '{', '[', '}', ']', '"', "'", '#', '%YAML 1.2', '---', '...') },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.double().map(String) },
);
const indent = fc.constantFrom('', '', '  ', '    ', '\t', ' ', '- ');
const yamlLine = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(indent, key, fc.constantFrom(': ', ':', ' : ', ': {', ':\n  '), value).map(([i, k, s, v]) => i + k + s + v) },
  { weight: 1, arbitrary: fc.tuple(indent, value).map(([i, v]) => i + v) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) },
  { weight: 3, arbitrary: fc.tuple(key, value, value, value).map(([k, w, c, d]) => `${k}:\n  warning: ${w}\n  critical: ${c}\n  duration: ${d}`) },
  { weight: 2, arbitrary: fc.tuple(key, value, value).map(([k, w, c]) => `${k}: {warning: ${w}, critical: ${c}}`) },
);
const yamlText = fc.array(yamlLine, { maxLength: 10 }).chain((lines) => fc.constantFrom('\n', '\r\n').map((eol) => lines.join(eol)));
const heading = fc.constantFrom('### Database', '### Web', '### Cache', '## Thresholds', '### Application Servers', '# Notes', '### Storage');

const frontMatter = fc.oneof(
  fc.constant(undefined),
  yamlText.map((t) => `thresholds:\n  ${t.replace(/\n/g, '\n  ')}`),
  fc.constantFrom('thresholds:\n  Web: {kubernetes: deployment/web}\n  Database: {postgres: primary}', 'thresholds: 5', 'thresholds:\n  Cache: [redis]', 'thresholds:\n  Web: {metrics: 5, kubernetes: }'),
);

const cells = fc
  .tuple(frontMatter, fc.array(fc.tuple(heading, fc.constantFrom('yaml', 'yml', 'YAML', 'json'), yamlText), { minLength: 1, maxLength: 4 }))
  .map(([front, blocks]) => {
    const out: ThresholdSourceCell[] = front === undefined ? [] : [{ kind: 'code', language: 'yaml', text: front, frontMatter: true }];
    for (const [h, language, text] of blocks) out.push({ kind: 'markdown', language: 'markdown', text: h }, { kind: 'code', language, text });
    return out;
  });

test('any YAML-ish text in threshold cells and front matter gives diagnostics inside their cells, never an exception', (t) => {
  fuzz(t, 3_000, fc.property(cells, (source) => {
    const { groups, diagnostics } = readThresholds(source);
    for (const d of diagnostics) {
      assert.ok(d.message.length > 0, 'a diagnostic without a message');
      const lines = source[d.cellIndex]?.text.split(/\r?\n/);
      assert.ok(lines, `diagnostic for cell ${d.cellIndex}, which does not exist`);
      assert.ok(d.line >= 0 && d.line <= d.endLine && d.endLine < lines.length + 1, `lines ${d.line}-${d.endLine} outside the cell: ${d.message}`);
      assert.ok(d.column >= 0 && d.endColumn >= 0, `negative column: ${d.message}`);
    }
    for (const group of groups) for (const m of group.metrics) assert.ok(m.warning || m.critical, `${m.metric} kept without a bound`);
  }));
});

test('a bound or duration of any value, of any type, is read or refused with a message', (t) => {
  const raw = fc.oneof(fc.anything(), fc.string({ maxLength: 12 }), fc.constantFrom('<', '>=', '%', '5m5', '1.5.5h', '<-0%', '9'.repeat(400) + 'd'));
  fuzz(t, 5_000, fc.property(raw, (value) => {
    for (const parsed of [parseBound(value), parseDuration(value)]) {
      if ('error' in parsed) assert.ok(typeof parsed.error === 'string' && parsed.error.length > 0);
      else assert.ok(parsed.ok !== undefined);
    }
  }));
});
