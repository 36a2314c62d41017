// Fuzzing kubectl's JSONPath and custom-columns parsers: any template, run on
// a pod, a list and odd values, prints or fails with a JsonPathError that
// carries kubectl's `error: ...` text; no other exception escapes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { JsonPathError, kubectlList, printJsonPath } from '../../../../src/core/tools/kubectl/printers/jsonpath';
import { parseCustomColumns, printCustomColumns } from '../../../../src/core/tools/kubectl/printers/customColumns';
import { fuzz } from '../../../support/fuzzRuns';

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', labels: { app: 'web', 'app.kubernetes.io/name': 'web' }, annotations: { note: '<a&b>' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }, { name: 'side', image: 'busybox' }] },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], restarts: 2, ratio: 0.5, nothing: null, empty: [], flag: true },
};
const data = fc.constantFrom<unknown>(pod, [pod, { metadata: { name: 'x' } }], kubectlList([]), {}, null, 'text', 7, [[1, [2]], { a: { a: {} } }]);

/** Pieces of an action's inside, so random ones hold fields, filters, slices, unions and literals. */
const step = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('.', '..', '.', '.', '[', ']', '*', '[*]', '@', '$', '[?(', '?(', ')', ')]', '==', '!=', '<', '>=', '&&', ',', ':', '-1', '0', '2', '1:', ':1', '[::0]', '[::-1]', '[0:2:1]', '[-5]', '[9]', "'", '"', '\\', '"\\n"', "'x'", 'metadata', 'name', 'spec', 'containers', 'status', 'ports', 'labels', 'items', 'phase', 'ratio', 'nothing', 'empty', '[\'app.kubernetes.io/name\']', 'range', 'end', 'true', 'false', '1.5', '1e3', ' ', '\t', '\n', '@.name', '@.name=="nginx"', 'app\\.kubernetes\\.io/name') },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 2 }) },
);
const inside = fc.array(step, { maxLength: 8 }).map((p) => p.join(''));
/** Mostly whole actions (`{...}`), some left open, between bits of text and whole range blocks. */
const path = fc.array(fc.constantFrom('.metadata', '.name', '.spec', '.containers', '.status', '.items', '.ports', '[*]', '[0]', '[-1]', '[1:]', '[:0]', '[0:9:2]', '..name', '..', '[?(@.name=="nginx")]', '[?(@.restarts>1)]', '[?(@.flag)]', '[?(@.ratio<1.5)]', '.labels', "['app']", '[app,name]', '[*].name', '.*'), { minLength: 1, maxLength: 5 }).map((p) => p.join(''));
const action = fc.tuple(fc.oneof(inside, path), fc.constantFrom('}', '}', '}', '')).map(([body, close]) => `{${body}${close}`);
const text = fc.oneof(fc.constantFrom('{range .items[*]}', '{range .spec.containers[*]}', '{end}', '{"\\n"}', '{"\\t"}', '{@}', '{$}', '{.metadata.name}', '{', '}', ' ', '\n', 'name='), fc.string({ maxLength: 4 }));
const template = fc.array(fc.oneof({ weight: 3, arbitrary: action }, { weight: 2, arbitrary: text }), { minLength: 1, maxLength: 5 }).map((p) => p.join(''));

function printsOrFailsAsKubectl(run: () => string, what: string): void {
  try {
    assert.equal(typeof run(), 'string');
  } catch (e) {
    assert.ok(e instanceof JsonPathError, `${what}: threw ${e instanceof Error ? e.stack : String(e)}`);
    assert.match(e.stderr, /^error: [^]*\n$/, `${what}: stderr not in kubectl's form`);
    assert.ok(e.reason.length > 0, `${what}: no reason`);
  }
}

test('-o jsonpath: any template prints or fails with kubectl\'s error', (t) => {
  const options = fc.record({ allowMissingKeys: fc.boolean(), outputJson: fc.boolean() });
  fuzz(t, 8_000, fc.property(template, data, options, (source, value, opts) => {
    printsOrFailsAsKubectl(() => printJsonPath(source, value, opts), JSON.stringify(source));
  }));
});

test('-o custom-columns: any spec prints or fails with kubectl\'s error', (t) => {
  const column = fc.tuple(fc.constantFrom('NAME', 'A', '', 'X:Y'), fc.constantFrom(':', ':', ''), template).map(([h, c, p]) => h + c + p);
  const spec = fc.oneof(fc.array(column, { minLength: 1, maxLength: 3 }).map((c) => c.join(',')), template);
  const objects = fc.constantFrom<unknown[]>([pod], [pod, {}], [], [null, 'x', 3]);
  fuzz(t, 5_000, fc.property(spec, objects, fc.boolean(), (source, items, noHeaders) => {
    printsOrFailsAsKubectl(() => printCustomColumns(parseCustomColumns(source), items, { noHeaders }), JSON.stringify(source));
  }));
});
